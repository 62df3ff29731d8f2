import { type Kysely, sql, type Transaction } from "kysely";
import type { DB } from "../../db/database.ts";

type Db = Kysely<DB> | Transaction<DB>;

/** The stored figures under `key` (JSON), or null. */
export async function readStoredFigures(db: Db, key: string): Promise<string | null> {
  const row = await db
    .selectFrom("quarter_figures")
    .select("figures")
    .where("cache_key", "=", key)
    .executeTakeFirst();
  return row?.figures ?? null;
}

/**
 * Stores figures under `key`, replacing those of the same quarter and limit under other keys
 * (older data versions or tree). One statement; a concurrent store of the same key is a no-op.
 */
export async function storeFigures(
  db: Db,
  row: { key: string; period: string; slaMinutes: number; figures: string },
): Promise<void> {
  await sql`
    with gone as (
      delete from quarter_figures
      where period = ${row.period} and sla_minutes = ${row.slaMinutes} and cache_key <> ${row.key}
    )
    insert into quarter_figures (cache_key, period, sla_minutes, figures)
    values (${row.key}, ${row.period}, ${row.slaMinutes}, ${row.figures})
    on conflict (cache_key) do nothing`.execute(db);
}

/** Forgets every stored figure (at start: a new build may compute them differently). */
export async function clearStoredFigures(db: Db): Promise<void> {
  await db.deleteFrom("quarter_figures").execute();
}
