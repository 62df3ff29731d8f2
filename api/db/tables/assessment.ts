import type { ColumnType } from "kysely";

/** An assessor's scores and points for one unit and quarter (migration …_create_assessments). */
export interface AssessmentTable {
  org_unit_id: number;
  year: number;
  quarter: number;
  /** `[{code, score, comment}]` as JSON. */
  items: ColumnType<unknown, string, string>;
  /** `[{code, points, reason}]` as JSON. */
  adjustments: ColumnType<unknown, string, string>;
  updated_by: string;
  updated_at: ColumnType<Date, Date | undefined, Date>;
  signed_off_by: string | null;
  signed_off_at: Date | null;
  reopened_by: string | null;
  reopened_at: Date | null;
  reopen_reason: string | null;
}
