import type { CaseBatch, CaseBatchColumns } from "../case-batch.ts";

/** What the fast reader reads from a body of POST /cases/batch (batch-body.ts), as plain types. */

/**
 * The records the scanner checked, in columns, in record order (`position` = index in
 * `cases`). Values that repeat (source, org-unit code, category) are indexes into
 * `ScanParts.strings`, so that a 10,000-case body costs one string per case (its externalId),
 * not four, to make and to send between threads.
 */
export interface ScannedCases
  extends Pick<
    CaseBatchColumns,
    "size" | "externalId" | "kind" | "channel" | "callback" | "flags" | "times" | "position"
  > {
  source: Int32Array;
  unit: Int32Array;
  /** -1: none. */
  category: Int32Array;
}

/** What `scanCaseBatch` reads from a body: plain data, so a worker thread can send it back. */
export interface ScanParts {
  /** How many records `cases` holds. */
  count: number;
  /** The distinct sources, org-unit codes and categories of `fast`. */
  strings: string[];
  fast: ScannedCases;
  /** Indexes of the records left to the reference checks, ascending. */
  slow: number[];
  /** Where each record's bytes start and end in the body. */
  starts: Int32Array;
  ends: Int32Array;
}

/** A body read by `scanCaseBatch`. */
export interface ScannedBatch {
  count: number;
  /**
   * The records checked here as a CaseBatch, their org units not yet resolved: `unitId` is 0
   * and `codes[slot]` names the unit.
   */
  fast: CaseBatch;
  codes: string[];
  /** The distinct values of `codes`. */
  unitCodes: string[];
  slow: number[];
  /** Record `k` as `JSON.parse` gives it. */
  recordAt(k: number): unknown;
}
