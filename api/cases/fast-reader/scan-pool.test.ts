import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { createLogger } from "../../logger.ts";
import type { ScannedBatch } from "../scanned-batch.ts";
import { scanCaseBatch } from "./batch-body.ts";
import { type BatchScanner, startScanPool } from "./scan-pool.ts";

// Bodies read on a scanning thread give exactly what the main thread's reading gives, and a
// thread that cannot start or dies mid-read costs nothing but speed.

const NOW = Date.UTC(2026, 8, 1);
const utf8 = (s: string) => new TextEncoder().encode(s);
const logger = createLogger("silent");

/** Everything a ScannedBatch says, as plain data. */
function plain(scan: ScannedBatch | null) {
  if (scan === null) return null;
  return {
    count: scan.count,
    codes: scan.codes,
    unitCodes: scan.unitCodes,
    slow: scan.slow.map((k) => [k, scan.recordAt(k)]),
    fast: Array.from({ length: scan.fast.size }, (_, j) => ({
      position: scan.fast.position[j],
      ...scan.fast.at(j),
    })),
  };
}

const record = fc.record(
  {
    source: fc.constantFrom("12345", "来源", "s\\2"),
    externalId: fc.string({ minLength: 1, maxLength: 12 }),
    orgUnit: fc.constantFrom("C11", "C12", "3101", ""),
    kind: fc.constantFrom("event", "appeal", "nope"),
    channel: fc.constantFrom("app", "hotline", "ai_camera"),
    category: fc.option(fc.constantFrom("环境卫生", "a\tb", "x")),
    reportedAt: fc.constantFrom("2026-07-01T08:00:00+08:00", "2026-07-01T00:00:00.000Z", "bad"),
    resolvedAt: fc.option(fc.constantFrom("2026-07-02T08:00:00Z", "2026-06-01T08:00:00Z")),
    firstPass: fc.oneof(fc.boolean(), fc.constant("yes")),
    extra: fc.option(fc.jsonValue({ maxDepth: 2 })),
  },
  { requiredKeys: ["source", "externalId", "reportedAt"] },
);
const body = fc
  .array(fc.oneof({ weight: 20, arbitrary: record }, { weight: 1, arbitrary: fc.jsonValue() }), {
    maxLength: 40,
  })
  .map((cases) => JSON.stringify({ cases }));

describe("reading batch bodies on scanning threads", () => {
  const pools: BatchScanner[] = [];
  const pool = async (opts: Partial<Parameters<typeof startScanPool>[0]> = {}) => {
    const p = startScanPool({ threads: 2, logger, inlineBelow: 0, ...opts });
    pools.push(p);
    // Threads start in the background (bodies meanwhile are read inline): wait for one.
    await p.ready();
    return p;
  };
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.close()));
  });

  it("gives what the main thread gives, body for body, several at once", async () => {
    const p = await pool();
    expect(await p.ready()).toBe(true);
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(body, { minLength: 1, maxLength: 4 }), async (jsons) => {
        const bytes = jsons.map(utf8);
        // A truncated copy of each too: the thread must decline exactly where the main thread does.
        bytes.push(...bytes.map((b) => b.subarray(0, b.length >> 1)));
        const got = await Promise.all(bytes.map((b) => p.scan(b, NOW)));
        sent += bytes.length;
        got.forEach((scan, i) => {
          expect(plain(scan)).toEqual(plain(scanCaseBatch(bytes[i]!, NOW)));
        });
      }),
      { numRuns: 60 },
    );
    // Every one of them was read on a thread.
    expect(p.counts()).toEqual({ threaded: sent, inline: 0 });
  });

  it("reads a body in shared memory, at an offset in its buffer, on a thread", async () => {
    const p = await pool();
    const json = utf8(
      JSON.stringify({
        cases: Array.from({ length: 300 }, (_, i) => ({
          source: "s",
          externalId: `E${i}`,
          orgUnit: "C11",
          kind: "event",
          channel: "app",
          reportedAt: "2026-07-01T08:00:00Z",
        })),
      }),
    );
    const shared = new Uint8Array(new SharedArrayBuffer(json.length + 100), 50, json.length);
    shared.set(json);
    const scan = await p.scan(shared, NOW);
    expect(plain(scan)).toEqual(plain(scanCaseBatch(json, NOW)));
    expect(scan!.fast.size).toBe(300);
    expect(p.counts()).toEqual({ threaded: 1, inline: 0 });
  });

  it("reads inline when a thread cannot start", async () => {
    const p = startScanPool({
      threads: 1,
      logger,
      inlineBelow: 0,
      entry: "data:text/javascript,throw new Error('no such scanner')",
    });
    pools.push(p);
    expect(await p.ready()).toBe(false);
    const json = utf8('{"cases":[{"source":"s","externalId":"E1"}]}');
    expect(plain(await p.scan(json, NOW))).toEqual(plain(scanCaseBatch(json, NOW)));
    expect(p.counts()).toEqual({ threaded: 0, inline: 1 });
  });

  it("reads inline the body of a thread that dies reading it", async () => {
    // A thread that says it is ready, then exits on its first body.
    const dying =
      "data:text/javascript,import { parentPort } from 'node:worker_threads';" +
      "parentPort.on('message', () => process.exit(3));" +
      "parentPort.postMessage({ ready: true });";
    const p = await pool({ threads: 1, entry: dying });
    const json = utf8(
      '{"cases":[{"source":"s","externalId":"E1","orgUnit":"C11","kind":"event","channel":"app","reportedAt":"2026-07-01T08:00:00Z"}]}',
    );
    expect(await p.ready()).toBe(true);
    const scans = await Promise.all([p.scan(json, NOW), p.scan(json, NOW), p.scan(json, NOW)]);
    for (const scan of scans) expect(plain(scan)).toEqual(plain(scanCaseBatch(json, NOW)));
    // The first body went to the thread, which died; it and the queued ones were read inline.
    expect(p.counts()).toEqual({ threaded: 0, inline: 3 });
  });

  it("reads inline once closed", async () => {
    const p = await pool();
    await p.close();
    const json = utf8('{"cases":[]}');
    expect(plain(await p.scan(json, NOW))).toEqual(plain(scanCaseBatch(json, NOW)));
    expect(p.counts()).toEqual({ threaded: 0, inline: 1 });
  });
});
