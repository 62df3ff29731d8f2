import { type Kysely, sql } from "kysely";

// A version counter per quarter, bumped by every write that can change the quarter's figures
// (cases reported or resolved in it, returns, survey responses). Computed results and caches are
// keyed by it, so they are invalidated by ingest without scanning anything.
// biome-ignore lint/suspicious/noExplicitAny: migrations run against any schema version
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table data_version (
      year smallint not null,
      quarter smallint not null check (quarter between 1 and 4),
      version bigint not null default 1,
      changed_at timestamptz not null default now(),
      primary key (year, quarter)
    )`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any schema version
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists data_version`.execute(db);
}
