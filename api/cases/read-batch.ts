import type { Store } from "../db/client.ts";
import type { OnCaseChanges } from "../indicators/case-changes.ts";
import type { BytePool } from "./byte-pool.ts";
import { referenceCaseBatch, scanCaseBatch } from "./fast-reader/batch-body.ts";
import { type IngestSummary, ingestCases, ingestScanned } from "./ingest.ts";
import type { ScannedBatch } from "./scanned-batch.ts";

/**
 * The one way into the cases area for a body of POST /cases/batch (`{"cases": [ … ]}` as UTF-8
 * bytes): `readCaseBatch` reads it with the fast reader (fast-reader/, private to this area)
 * and falls back to the reference reading (`JSON.parse`, then validate.ts) for a body the fast
 * reader does not plainly understand. Either way the answer is the reference's. (The thread
 * pool that reads bodies off the main thread on Node is started through scan-threads.ts.)
 */

/** Reads a body off the main thread (a BatchScanner's `scan`); null: the body needs the reference. */
export type ScanBatch = (body: Uint8Array, nowMs: number) => Promise<ScannedBatch | null>;

export interface ReadContext {
  /** The clock for the "not in the future" rule (epoch ms). */
  nowMs: number;
  /** Where to read the body (AppDeps.scanBatch: a thread pool); absent: here. */
  scan?: ScanBatch;
}

/** A body read: how many cases it holds, and how to store them. */
export interface CaseBatchRead {
  count: number;
  /**
   * Checks and stores the cases for a caller whose scope is the subtree of `scopeUnitId`
   * (`null`: everything), writing COPY data into `buffers` (AppDeps.buffers.copy); see
   * `ingestCases`.
   */
  ingest(
    store: Pick<Store, "db" | "withCopy">,
    scopeUnitId: number | null,
    buffers?: BytePool,
    onChanges?: OnCaseChanges,
  ): Promise<IngestSummary>;
}

/**
 * Reads a batch body. Malformed JSON throws an HTTPException(400), a wrong envelope `Invalid`
 * naming `body.cases` (referenceCaseBatch); nothing is stored until `ingest`.
 */
export async function readCaseBatch(body: Uint8Array, ctx: ReadContext): Promise<CaseBatchRead> {
  const { nowMs } = ctx;
  const scan = ctx.scan ? await ctx.scan(body, nowMs) : scanCaseBatch(body, nowMs);
  if (scan) {
    return {
      count: scan.count,
      ingest: (store, scopeUnitId, buffers, onChanges) =>
        ingestScanned(store, scopeUnitId, scan, nowMs, buffers, onChanges),
    };
  }
  const records = referenceCaseBatch(body);
  return {
    count: records.length,
    ingest: (store, scopeUnitId, buffers, onChanges) =>
      ingestCases(store, scopeUnitId, records, { nowMs, buffers, onChanges }),
  };
}
