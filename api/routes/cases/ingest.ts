import type { Kysely } from "kysely";
import type { DB } from "../../db/database.ts";
import { type CaseWrite, mergeCases, unitsForIngest } from "../../db/queries/cases.ts";
import type { FieldError } from "../../errors.ts";
import { externalIdOf, identityOf, validateCase } from "./validate.ts";

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
}

/**
 * Ingests one batch of raw case records for a caller whose scope is the subtree of
 * `scopeUnitId` (`null`: everything). Each record is checked on its own; good ones are stored
 * in one transaction (see `mergeCases`), bad ones come back in `rejected` naming each field.
 * When two records share source and externalId, the later one is kept and the earlier one is
 * rejected as a duplicate. `received` = inserted + updated + unchanged + rejected.
 */
export async function ingestCases(
  db: Kysely<DB>,
  scopeUnitId: number | null,
  records: readonly unknown[],
  options: IngestOptions = {},
): Promise<IngestSummary> {
  const nowMs = options.nowMs ?? Date.now();
  const indexOf = (i: number) => options.indexes?.[i] ?? i;
  const codes = new Set<string>();
  const last = new Map<string, number>();
  records.forEach((r, i) => {
    const code = typeof r === "object" && r !== null ? (r as { orgUnit?: unknown }).orgUnit : null;
    if (typeof code === "string") codes.add(code);
    const id = identityOf(r);
    if (id !== null) last.set(id, i);
  });
  const units = await unitsForIngest(db, [...codes], scopeUnitId);

  const rejected: RejectedCase[] = [];
  const good: CaseWrite[] = [];
  const goodAt: number[] = [];
  records.forEach((r, i) => {
    const id = identityOf(r);
    const kept = id === null ? i : last.get(id)!;
    if (kept !== i) {
      rejected.push({
        index: indexOf(i),
        externalId: externalIdOf(r),
        errors: [
          {
            path: "externalId",
            message: `duplicate of the record at index ${indexOf(kept)} (same source and externalId), which was kept`,
          },
        ],
      });
      return;
    }
    const check = validateCase(r, units, nowMs);
    if (check.ok) {
      good.push(check.value);
      goodAt.push(i);
    } else {
      rejected.push({ index: indexOf(i), externalId: externalIdOf(r), errors: check.errors });
    }
  });

  const merged = await mergeCases(db, good, scopeUnitId);
  for (const p of merged.outOfScope) {
    const i = goodAt[p]!;
    rejected.push({
      index: indexOf(i),
      externalId: good[p]!.externalId,
      errors: [
        {
          path: "externalId",
          message:
            "this case is stored under an org unit outside your scope; you may not change it",
        },
      ],
    });
  }
  rejected.sort((a, b) => a.index - b.index);
  return {
    received: records.length,
    inserted: merged.inserted,
    updated: merged.updated,
    unchanged: merged.unchanged,
    rejected,
  };
}
