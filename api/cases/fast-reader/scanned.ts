import type { CaseBatchColumns } from "../case-batch.ts";

/** What the fast reader reads from a body of POST /cases/batch (batch-body.ts), as plain types. */

/**
 * The records the scanner checked, in columns laid out as CaseBatch's (contract/layout.ts), in
 * record order (`position` = index in `cases`). Values that repeat (a text field that
 * `repeats`, the org-unit code) are indexes into `ScanParts.strings`, so that a 10,000-case
 * body costs one string per case (its externalId), not four, to make and to send between
 * threads.
 */
export interface ScannedCases
  extends Pick<CaseBatchColumns, "size" | "enums" | "flags" | "times" | "ints" | "position"> {
  /** Per text field: a repeating one's values as indexes into `strings` (-1: none), else strings. */
  texts: (Int32Array | (string | null)[])[];
  unit: Int32Array;
}

/** What `scanCaseBatch` reads from a body: plain data, so a worker thread can send it back. */
export interface ScanParts {
  /** How many records `cases` holds. */
  count: number;
  /** The distinct repeating values (sources, org-unit codes, categories) of `fast`. */
  strings: string[];
  fast: ScannedCases;
  /** Indexes of the records left to the reference checks, ascending. */
  slow: number[];
  /** Where each record's bytes start and end in the body. */
  starts: Int32Array;
  ends: Int32Array;
}

/** The buffers of `parts`' typed arrays: what a thread transfers instead of copying. */
export function transferables(parts: ScanParts): ArrayBuffer[] {
  const { texts, unit, enums, flags, times, ints, position } = parts.fast;
  const arrays = [parts.starts, parts.ends, unit, enums, flags, times, ints, position];
  for (const t of texts) if (t instanceof Int32Array) arrays.push(t);
  return arrays.map((a) => a.buffer as ArrayBuffer);
}
