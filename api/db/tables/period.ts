import type { ColumnType } from "kysely";

/**
 * One closing (关账) of a quarter: version 1 the first, 2 the close after a reopen… A reopen
 * stamps `reopened_*` on the closing it ends; rows are never deleted. The quarter is closed
 * while its newest closing has no `reopened_at`.
 */
export interface PeriodClosingTable {
  period: string;
  version: number;
  closed_at: ColumnType<Date, Date | undefined, never>;
  closed_by: string;
  scheme_id: string;
  scheme_version: number;
  /** GET /indicators' `dataAsOf` at close. */
  data_as_of: ColumnType<unknown, string, never>;
  /** How many units have official figures in this closing. */
  units: number;
  reopened_at: Date | null;
  reopened_by: string | null;
  reopen_reason: string | null;
}

/** A unit's official figures of one closing: its UnitResult then, its parent then, its survey sums. */
export interface OfficialFiguresTable {
  period: string;
  version: number;
  org_unit_id: number;
  parent_id: number | null;
  code: string;
  result: ColumnType<unknown, string, never>;
  survey: ColumnType<unknown, string, never>;
}
