/**
 * The worker-thread side of scan-pool.ts: reads POST /cases/batch bodies with `scanParts` and
 * sends the parts back, their typed arrays transferred rather than copied.
 */
import { parentPort } from "node:worker_threads";
import { scanParts } from "./batch-scanner.ts";
import { type ScanParts, transferables } from "./scanned.ts";

export interface ScanRequest {
  id: number;
  body: Uint8Array;
  nowMs: number;
}

export type ScanReply =
  | { id: number; parts: ScanParts | null }
  | { id: number; error: string }
  | { ready: true };

const port = parentPort!;
port.on("message", (m: ScanRequest) => {
  let reply: ScanReply;
  let transfer: ArrayBuffer[] = [];
  try {
    const parts = scanParts(m.body, m.nowMs);
    reply = { id: m.id, parts };
    if (parts !== null) transfer = transferables(parts);
  } catch (err) {
    reply = { id: m.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
  port.postMessage(reply, transfer);
});
port.postMessage({ ready: true } satisfies ScanReply);
