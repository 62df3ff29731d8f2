import { formatPeriod, type Quarter } from "../../../shapes/periods.ts";
import { RETURN_FIELDS } from "../../db/tables/unit-return.ts";
import type { HistoryEntry, ReturnValues, StoredReturn as Row } from "../queries.ts";
import type { ReturnInput, StoredReturn } from "../schema.ts";

/** A validated body as the full set of figures: PUT replaces, so a figure not sent is null. */
export function figuresOf(input: ReturnInput): ReturnValues {
  const out = {} as ReturnValues;
  for (const f of RETURN_FIELDS) out[f] = input[f] ?? null;
  return out;
}

/** A stored return as the API answers it (flat figures beside the unit, period and author). */
export function presentReturn(row: Row): StoredReturn {
  return {
    orgUnit: row.code,
    orgUnitName: row.name,
    period: formatPeriod({ year: row.year, quarter: row.quarter } as Quarter),
    ...row.values,
    updatedBy: row.updatedBy,
    updatedAt: row.updatedAt.toISOString(),
    late: row.late,
    reviewState: row.review.state ?? "pending",
    reviewedBy: row.review.by,
    reviewedAt: row.review.at?.toISOString() ?? null,
    reviewReason: row.review.reason,
  };
}

/** A history entry with the names of the figures that changed. */
export function presentHistory(e: HistoryEntry) {
  const changedFields = RETURN_FIELDS.filter(
    (f) => (e.oldValues?.[f] ?? null) !== (e.newValues[f] ?? null),
  );
  return {
    changedBy: e.changedBy,
    changedAt: e.changedAt.toISOString(),
    oldValues: e.oldValues,
    newValues: e.newValues,
    changedFields,
  };
}
