import type { ColumnType, Generated } from "kysely";

/** The figures of a quarterly return (CONTRACT.md: Return), in API (camelCase) names. */
export const RETURN_FIELDS = [
  "population",
  "budgetAllocatedYear",
  "budgetSpent",
  "workersInPost",
  "positions",
  "trainingHours",
  "meetingsHeld",
  "itemsRaised",
  "itemsResolved",
  "participants",
  "volunteers",
  "volunteerHours",
  "platformActiveUsers",
] as const;
export type ReturnField = (typeof RETURN_FIELDS)[number];

export interface UnitReturnTable {
  org_unit_id: number;
  year: number;
  quarter: number;
  population: number | null;
  budget_allocated_year: number | null;
  budget_spent: number | null;
  workers_in_post: number | null;
  positions: number | null;
  training_hours: number | null;
  meetings_held: number | null;
  items_raised: number | null;
  items_resolved: number | null;
  participants: number | null;
  volunteers: number | null;
  volunteer_hours: number | null;
  platform_active_users: number | null;
  updated_by: string | null;
  updated_at: ColumnType<Date, Date | undefined, Date>;
  /** The stored figures were filed after the quarter's returns due day (迟报). */
  late: ColumnType<boolean, boolean | undefined, boolean>;
  /** The street's review: null = awaiting review (待审核); filing again clears it. */
  review_state: ColumnType<ReviewState | null, ReviewState | null | undefined, ReviewState | null>;
  reviewed_by: ColumnType<string | null, string | null | undefined, string | null>;
  reviewed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** Why the return was sent back (required for 'returned'). */
  review_reason: ColumnType<string | null, string | null | undefined, string | null>;
}

/** A reviewed return: approved (已通过) or sent back (已退回). */
export type ReviewState = "approved" | "returned";

export interface UnitReturnHistoryTable {
  id: Generated<string>;
  org_unit_id: number;
  year: number;
  quarter: number;
  changed_by: string | null;
  changed_at: ColumnType<Date, Date | undefined, never>;
  old_values: ColumnType<unknown, string | null, never>;
  new_values: ColumnType<unknown, string, never>;
}
