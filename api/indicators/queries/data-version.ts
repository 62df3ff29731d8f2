import { type Kysely, sql, type Transaction } from "kysely";
import { formatPeriod } from "../../../shapes/periods.ts";
import type { DB } from "../../db/database.ts";

type Db = Kysely<DB> | Transaction<DB>;

export interface QuarterKey {
  year: number;
  quarter: number;
}

/**
 * Bumps the data version of each quarter a write touched. Call it in the writing transaction
 * with every quarter whose figures may change (for a case: the quarters of its old and new
 * reportedAt and resolvedAt). One statement whatever the number of quarters.
 */
export async function bumpDataVersions(db: Db, keys: readonly QuarterKey[]): Promise<void> {
  const unique = [...new Map(keys.map((k) => [formatPeriod(k), k])).values()];
  if (unique.length === 0) return;
  // Sorted so that concurrent writers lock the rows in the same order and cannot deadlock.
  unique.sort((a, b) => a.year - b.year || a.quarter - b.quarter);
  const rows = sql.join(unique.map((k) => sql`(${k.year}::smallint, ${k.quarter}::smallint)`));
  await sql`
    insert into data_version (year, quarter, version, changed_at)
    select year, quarter, 1, now() from (values ${rows}) as v(year, quarter)
    on conflict (year, quarter) do update
      set version = data_version.version + 1, changed_at = now()`.execute(db);
}

/** The current data version of a quarter (0 when nothing was ever written for it). */
export async function dataVersion(db: Db, key: QuarterKey): Promise<number> {
  const row = await db
    .selectFrom("data_version")
    .select("version")
    .where("year", "=", key.year)
    .where("quarter", "=", key.quarter)
    .executeTakeFirst();
  return row ? Number(row.version) : 0;
}
