import type { ColumnType } from "kysely";

/**
 * One version of a scoring scheme (seed 000 §六 6.3 动态调整): goalposts, weights and method as
 * a `SchemeDefinition` (metrics/scheme.ts) in `definition`. Rows are only ever inserted.
 */
export interface SchemeTable {
  id: string;
  version: number;
  valid_from_year: number;
  name: string;
  definition: ColumnType<unknown, string, never>;
  created_by: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
}
