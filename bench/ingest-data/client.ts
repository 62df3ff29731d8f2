/**
 * The ingest benchmark's HTTP client, in a worker thread: a platform pushing batches does not
 * share the server's event loop, and encoding 2.5 MB request bodies on that loop would be
 * counted against the server. It builds its request bodies first (deterministic, the same cases
 * as the COPY baseline), says "ready", and on each "send" message posts every body with K
 * requests in flight, answering with the counts and the elapsed seconds.
 */
import { Agent, request } from "node:http";
import { parentPort, workerData } from "node:worker_threads";
import { bodies } from "./data.ts";

export interface ClientData {
  api: string;
  token: string;
  n: number;
  communities: string[];
  inFlight: number;
}

export interface PassResult {
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  s: number;
}

const data = workerData as ClientData;
const port = parentPort!;
// UTF-8 bytes, as a platform's HTTP client sends them (a JS string would be re-encoded per request).
const payloads = bodies(data.n, data.communities).map((b) => new TextEncoder().encode(b));
// node:http with keep-alive rather than fetch: undici copies every request body once more,
// which on a 2-core machine is CPU taken from the server being measured.
const agent = new Agent({ keepAlive: true, maxSockets: data.inFlight });
const url = new URL(`${data.api}/cases/batch`);

interface Summary {
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: unknown[];
}

function post(body: Uint8Array): Promise<Summary> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: "POST",
        agent,
        headers: {
          authorization: `Bearer ${data.token}`,
          "content-type": "application/json",
          "content-length": body.byteLength,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", reject);
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          if (res.statusCode !== 200) reject(new Error(`batch: ${res.statusCode} ${text}`));
          else resolve(JSON.parse(text) as Summary);
        });
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

async function pass(): Promise<PassResult> {
  const total = { inserted: 0, updated: 0, unchanged: 0, rejected: 0 };
  let next = 0;
  const worker = async () => {
    while (next < payloads.length) {
      const body = payloads[next++]!;
      const s = await post(body);
      total.inserted += s.inserted;
      total.updated += s.updated;
      total.unchanged += s.unchanged;
      total.rejected += s.rejected.length;
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: data.inFlight }, worker));
  return { ...total, s: (performance.now() - t0) / 1000 };
}

port.on("message", (msg: string) => {
  if (msg !== "send") return;
  pass().then(
    (r) => port.postMessage({ ok: true, result: r }),
    (err: unknown) => port.postMessage({ ok: false, error: String(err) }),
  );
});
port.postMessage({ ready: true });
