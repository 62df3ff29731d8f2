/**
 * The figures of a quarterly return and their columns in `unit_return`: one table, so the
 * camel/snake mapping lives in one place.
 */
import type { Selectable } from "kysely";
import { RETURN_FIELDS, type ReturnField, type UnitReturnTable } from "../db/tables/unit-return.ts";

/** The 13 figures of a return; `null` = not reported. */
export type ReturnValues = Record<ReturnField, number | null>;

/** API field → column. One table, so the camel/snake mapping lives in one place. */
export const RETURN_COLUMNS = {
  population: "population",
  budgetAllocatedYear: "budget_allocated_year",
  budgetSpent: "budget_spent",
  workersInPost: "workers_in_post",
  positions: "positions",
  trainingHours: "training_hours",
  meetingsHeld: "meetings_held",
  itemsRaised: "items_raised",
  itemsResolved: "items_resolved",
  participants: "participants",
  volunteers: "volunteers",
  volunteerHours: "volunteer_hours",
  platformActiveUsers: "platform_active_users",
} as const satisfies Record<ReturnField, keyof UnitReturnTable>;

/** How many figures a return has (the template's figure columns). */
export const RETURN_FIELD_COUNT = RETURN_FIELDS.length;

export type ReturnRow = Selectable<UnitReturnTable>;

export function valuesOf(row: ReturnRow): ReturnValues {
  const out = {} as ReturnValues;
  for (const f of RETURN_FIELDS) out[f] = row[RETURN_COLUMNS[f]];
  return out;
}

/** True when two returns carry the same figures (doubles round-trip exactly through float8). */
export function sameValues(a: ReturnValues, b: ReturnValues): boolean {
  return RETURN_FIELDS.every((f) => a[f] === b[f]);
}
