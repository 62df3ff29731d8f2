import type { Store } from "../db/client.ts";
import type { FieldError } from "../errors.ts";
import { textFault } from "../http/input-rules.ts";
import type { OnCaseChanges } from "../indicators/case-changes.ts";
import type { BytePool } from "./byte-pool.ts";
import { CaseBatch } from "./case-batch.ts";
import { externalIdOf, identityOf, validateCase } from "./contract/validate.ts";
import { type MergeResult, storeCases, type UnitInScope, unitsForIngest } from "./queries/store.ts";
import type { ScannedBatch } from "./scanned-batch.ts";

/** Most cases one batch may carry; larger requests are refused whole (413). */
export const MAX_BATCH = 10_000;

export interface RejectedCase {
  /** Position in the batch (0-based), or the data row number for files (1 = first data row). */
  index: number;
  externalId: string | null;
  errors: FieldError[];
}

export interface IngestSummary {
  received: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: RejectedCase[];
}

export interface IngestOptions {
  /** What to call each record in `rejected` (default: its position); files pass row numbers. */
  indexes?: readonly number[];
  /** The clock for the "not in the future" rule (epoch ms); tests pin it. */
  nowMs?: number;
  /** The process's COPY buffers (`AppDeps.buffers.copy`; see `storeCases`). */
  buffers?: BytePool | undefined;
  /** Hears what a write changed, after its commit (the indicator engine's `applyCaseChanges`). */
  onChanges?: OnCaseChanges | undefined;
}

/**
 * Ingests one batch of raw case records for a caller whose scope is the subtree of
 * `scopeUnitId` (`null`: everything). Each record is checked on its own; good ones are stored
 * in one transaction (see `storeCases`), bad ones come back in `rejected` naming each field.
 * When two records share source and externalId, the later one is kept and the earlier one is
 * rejected as a duplicate. `received` = inserted + updated + unchanged + rejected.
 */
export async function ingestCases(
  store: Pick<Store, "db" | "withCopy">,
  scopeUnitId: number | null,
  records: readonly unknown[],
  options: IngestOptions = {},
): Promise<IngestSummary> {
  const nowMs = options.nowMs ?? Date.now();
  const indexOf = (i: number) => options.indexes?.[i] ?? i;
  const units = await unitsForIngest(store.db, codesOf(records), scopeUnitId);
  const { batch, rejected } = prepareCases(records, units, nowMs, indexOf);
  const merged = await storeCases(store, batch, scopeUnitId, options.buffers, options.onChanges);
  return summarise(records.length, batch, merged, rejected, indexOf);
}

/** The same as `ingestCases` for a body `scanCaseBatch` read. */
export async function ingestScanned(
  store: Pick<Store, "db" | "withCopy">,
  scopeUnitId: number | null,
  scan: ScannedBatch,
  nowMs: number = Date.now(),
  buffers?: BytePool,
  onChanges?: OnCaseChanges,
): Promise<IngestSummary> {
  const slow = scan.slow.map((k) => scan.recordAt(k));
  const codes = new Set(scan.unitCodes);
  for (const code of codesOf(slow)) codes.add(code);
  const units = await unitsForIngest(store.db, [...codes], scopeUnitId);
  const { batch, rejected } = prepareScanned(scan, slow, units, nowMs);
  const merged = await storeCases(store, batch, scopeUnitId, buffers, onChanges);
  return summarise(scan.count, batch, merged, rejected);
}

export interface PreparedCases {
  /** The records to store, `position` naming each one's place in the input. */
  batch: CaseBatch;
  rejected: RejectedCase[];
}

/**
 * The org-unit codes the records name, those that can be looked up: a code with a NUL cannot
 * be sent to PostgreSQL (validate.ts rejects its record).
 */
export function codesOf(records: readonly unknown[]): string[] {
  const codes = new Set<string>();
  for (const r of records) {
    const code = typeof r === "object" && r !== null ? (r as { orgUnit?: unknown }).orgUnit : null;
    if (typeof code === "string" && textFault(code) === null) codes.add(code);
  }
  return [...codes];
}

function duplicate(index: number, externalId: string | null, kept: number): RejectedCase {
  return {
    index,
    externalId,
    errors: [
      {
        path: "externalId",
        message: `与第 ${kept} 条（从 0 起）重复（source 与 externalId 相同），已保留那一条`,
      },
    ],
  };
}

/**
 * The reference checks: every record through `validateCase`, duplicates (all but the last
 * record of an identity) rejected unchecked. `units`: the codes the records name.
 */
export function prepareCases(
  records: readonly unknown[],
  units: ReadonlyMap<string, UnitInScope>,
  nowMs: number,
  indexOf: (i: number) => number = (i) => i,
): PreparedCases {
  const last = new Map<string, number>();
  records.forEach((r, i) => {
    const id = identityOf(r);
    if (id !== null) last.set(id, i);
  });
  const rejected: RejectedCase[] = [];
  const batch = new CaseBatch(records.length);
  records.forEach((r, i) => {
    const id = identityOf(r);
    const kept = id === null ? i : last.get(id)!;
    if (kept !== i) {
      rejected.push(duplicate(indexOf(i), externalIdOf(r), indexOf(kept)));
      return;
    }
    const check = validateCase(r, units, nowMs);
    if (check.ok) batch.add(check.value, i);
    else rejected.push({ index: indexOf(i), externalId: externalIdOf(r), errors: check.errors });
  });
  rejected.sort((a, b) => a.index - b.index);
  return { batch, rejected };
}

/**
 * `prepareCases` for a scanned body: the records the scanner checked keep their columns
 * (their org units resolved here; a unit unknown or outside the scope sends the record to the
 * reference checks, which word the error), the others (`slow`, `JSON.parse`d) go through
 * `validateCase`. Duplicates are found over all records in order, as `prepareCases` does.
 */
export function prepareScanned(
  scan: ScannedBatch,
  slow: readonly unknown[],
  units: ReadonlyMap<string, UnitInScope>,
  nowMs: number,
): PreparedCases {
  const { fast, codes } = scan;
  const checkHere: { index: number; record: unknown }[] = scan.slow.map((index, i) => ({
    index,
    record: slow[i],
  }));
  const keep = new Uint8Array(fast.size).fill(1);
  let dropped = 0;
  for (let j = 0; j < fast.size; j++) {
    const unit = units.get(codes[j]!);
    if (unit?.inScope) fast.unitId[j] = unit.id;
    else {
      keep[j] = 0;
      dropped++;
      checkHere.push({ index: fast.position[j]!, record: scan.recordAt(fast.position[j]!) });
    }
  }
  checkHere.sort((a, b) => a.index - b.index);

  // Identities in record order, over both kinds of record. One map per source (a batch has
  // one or a few), so that no key string is built per case.
  const slotAt = new Int32Array(scan.count).fill(-1);
  for (let j = 0; j < fast.size; j++) if (keep[j]) slotAt[fast.position[j]!] = j;
  const recordAt: unknown[] = new Array(scan.count);
  for (const { index, record } of checkHere) recordAt[index] = record;
  const bySource = new Map<string, Map<string, number>>();
  const earlier: { index: number; source: string; externalId: string }[] = [];
  for (let k = 0; k < scan.count; k++) {
    const j = slotAt[k]!;
    let source: string;
    let externalId: string;
    if (j >= 0) {
      source = fast.source[j]!;
      externalId = fast.externalId[j]!;
    } else {
      const r = recordAt[k];
      if (identityOf(r) === null) continue;
      ({ source, externalId } = r as { source: string; externalId: string });
    }
    let ids = bySource.get(source);
    if (ids === undefined) {
      ids = new Map();
      bySource.set(source, ids);
    }
    const prev = ids.get(externalId);
    ids.set(externalId, k);
    if (prev !== undefined) earlier.push({ index: prev, source, externalId });
  }

  const rejected: RejectedCase[] = [];
  const duplicateAt = new Set<number>();
  for (const e of earlier) {
    duplicateAt.add(e.index);
    const kept = bySource.get(e.source)!.get(e.externalId)!;
    rejected.push(duplicate(e.index, e.externalId, kept));
  }
  if (duplicateAt.size > 0) {
    for (let j = 0; j < fast.size; j++) {
      if (keep[j] && duplicateAt.has(fast.position[j]!)) {
        keep[j] = 0;
        dropped++;
      }
    }
  }
  if (dropped > 0) fast.compact(keep);
  for (const { index, record } of checkHere) {
    if (duplicateAt.has(index)) continue;
    const check = validateCase(record, units, nowMs);
    if (check.ok) fast.add(check.value, index);
    else rejected.push({ index, externalId: externalIdOf(record), errors: check.errors });
  }
  rejected.sort((a, b) => a.index - b.index);
  return { batch: fast, rejected };
}

/**
 * The summary of a stored batch: cases found stored under a unit outside the caller's scope
 * join `rejected` (which comes back sorted by index).
 */
export function summarise(
  received: number,
  batch: CaseBatch,
  merged: MergeResult,
  rejected: RejectedCase[],
  indexOf: (position: number) => number = (i) => i,
): IngestSummary {
  for (const slot of merged.outOfScope) {
    rejected.push({
      index: indexOf(batch.position[slot]!),
      externalId: batch.externalId[slot]!,
      errors: [
        {
          path: "externalId",
          message: "这条工单所属的单位不在您的管辖范围内，不能修改",
        },
      ],
    });
  }
  rejected.sort((a, b) => a.index - b.index);
  return {
    received,
    inserted: merged.inserted,
    updated: merged.updated,
    unchanged: merged.unchanged,
    rejected,
  };
}
