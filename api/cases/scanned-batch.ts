import type { CaseBatch } from "./case-batch.ts";

/** A body of POST /cases/batch as the fast reader (fast-reader/batch-body.ts) read it. */
export interface ScannedBatch {
  count: number;
  /**
   * The records checked there as a CaseBatch, their org units not yet resolved: `unitId` is 0
   * and `codes[slot]` names the unit.
   */
  fast: CaseBatch;
  codes: string[];
  /** The distinct values of `codes`. */
  unitCodes: string[];
  /** Indexes of the records left to the reference checks, ascending. */
  slow: number[];
  /** Record `k` as `JSON.parse` gives it. */
  recordAt(k: number): unknown;
}
