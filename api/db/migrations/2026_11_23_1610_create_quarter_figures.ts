import { type Kysely, sql } from "kysely";

// The indicator engine's whole-tree figures, stored so that every process on the database reads
// a quarter's figures instead of rescanning its cases: a Worker (whose in-memory cache lives one
// request) and a second Node process alike. A cache keyed by the data versions the figures were
// computed at; one row per quarter and G3 limit is kept (a new key replaces the older ones).

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any schema version
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table quarter_figures (
      cache_key text primary key,
      period text not null,
      sla_minutes integer not null,
      figures text not null,
      computed_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index quarter_figures_period_idx on quarter_figures (period, sla_minutes)`.execute(
    db,
  );
}

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any schema version
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists quarter_figures`.execute(db);
}
