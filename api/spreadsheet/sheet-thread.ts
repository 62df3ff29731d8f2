/**
 * The worker-thread side of read-sheet.ts: reads one sheet of an XLSX file at a time
 * (xlsx-read.ts) and sends its rows back in batches, one batch ahead of what the requester has
 * taken (it answers each batch with "more"), so a slow consumer holds at most two batches. A
 * reading ends with exactly one of "end", "error" or "cancelled"; then the thread takes the next.
 */
import { parentPort } from "node:worker_threads";
import { SheetLimitError, UnreadableSheetError } from "./errors.ts";
import type { SheetLimits } from "./limits.ts";
import { readXlsx, type SheetChoice, type SheetRow } from "./xlsx-read.ts";
import { type ByteSource, bytesSource, fileSource } from "./zip.ts";

export type SheetRequest =
  | {
      type: "open";
      id: number;
      source: { path: string } | { bytes: Uint8Array };
      choice: SheetChoice;
      limits: SheetLimits;
    }
  | { type: "more"; id: number }
  | { type: "cancel"; id: number };

export type SheetReply =
  | { type: "ready" }
  | { type: "sheet"; id: number; name: string | null }
  | { type: "rows"; id: number; rows: SheetRow[]; progress: number }
  | { type: "end"; id: number }
  | { type: "cancelled"; id: number }
  | { type: "error"; id: number; kind: "limit" | "unreadable"; message: string };

/** Rows per message: large enough to make messaging cheap, small enough to keep memory flat. */
const BATCH_ROWS = 2000;

const port = parentPort!;
const send = (m: SheetReply) => port.postMessage(m);

interface Reading {
  id: number;
  credits: number;
  cancelled: boolean;
  wake: (() => void) | null;
}
let current: Reading | null = null;

class Cancelled extends Error {}

async function credit(r: Reading): Promise<void> {
  while (r.credits === 0 && !r.cancelled) await new Promise<void>((w) => (r.wake = w));
  if (r.cancelled) throw new Cancelled();
  r.credits--;
}

async function read(req: Extract<SheetRequest, { type: "open" }>): Promise<void> {
  const r: Reading = { id: req.id, credits: 1, cancelled: false, wake: null };
  current = r;
  let src: ByteSource | null = null;
  try {
    src = "path" in req.source ? await fileSource(req.source.path) : bytesSource(req.source.bytes);
    const sheet = await readXlsx(src, req.choice, req.limits);
    send({ type: "sheet", id: r.id, name: sheet.name });
    let batch: SheetRow[] = [];
    for await (const row of sheet.rows) {
      if (r.cancelled) throw new Cancelled();
      batch.push(row);
      if (batch.length < BATCH_ROWS) continue;
      await credit(r);
      send({ type: "rows", id: r.id, rows: batch, progress: sheet.progress() });
      batch = [];
    }
    if (batch.length > 0) {
      await credit(r);
      send({ type: "rows", id: r.id, rows: batch, progress: 1 });
    }
    send({ type: "end", id: r.id });
  } catch (err) {
    if (err instanceof Cancelled || r.cancelled) {
      send({ type: "cancelled", id: r.id });
    } else if (err instanceof SheetLimitError || err instanceof UnreadableSheetError) {
      send({
        type: "error",
        id: r.id,
        kind: err instanceof SheetLimitError ? "limit" : "unreadable",
        message: err.message,
      });
    } else {
      const why = err instanceof Error ? err.message.split("\n")[0] : String(err);
      send({ type: "error", id: r.id, kind: "unreadable", message: `工作簿无法读取（${why}）` });
    }
  } finally {
    current = null;
    await src?.close().catch(() => {});
  }
}

port.on("message", (m: SheetRequest) => {
  if (m.type === "open") {
    void read(m);
    return;
  }
  const r = current;
  if (r === null || r.id !== m.id) return; // that reading already ended
  if (m.type === "more") r.credits++;
  else r.cancelled = true;
  r.wake?.();
  r.wake = null;
});
send({ type: "ready" });
