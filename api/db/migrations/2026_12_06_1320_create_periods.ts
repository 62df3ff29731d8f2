import { type Kysely, sql } from "kysely";

// Closing a quarter (CYCLE.md, 关账). `period_closing` holds one row per closing of a quarter:
// version 1 the first close, 2 the close after a reopen, and so on; a reopen stamps the row it
// ends (reopened_at, reason) and never deletes it, so every version's official figures stay
// readable (`GET /indicators?version=1`). The quarter is closed when its newest row has no
// reopened_at. `official_figures` holds, per closing and org unit, the UnitResult GET /indicators
// answered for that unit at close (ranked among its siblings), its parent then (so the children
// of a unit are those of the closing, whatever the tree later becomes) and the unit's survey sums
// (what reports need beside the UnitResult). Both tables are only inserted into, apart from the
// reopen stamp.
// `unit_return.late`: the stored figures were filed after the quarter's returns due day.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any schema version
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table period_closing (
      period text not null check (period ~ '^[0-9]{4}Q[1-4]$'),
      version integer not null check (version >= 1),
      closed_at timestamptz not null default now(),
      closed_by text not null,
      scheme_id text not null,
      scheme_version integer not null,
      data_as_of jsonb not null,
      units integer not null,
      reopened_at timestamptz,
      reopened_by text,
      reopen_reason text,
      primary key (period, version),
      foreign key (scheme_id, scheme_version) references scheme (id, version),
      check ((reopened_at is null) = (reopen_reason is null))
    )`.execute(db);
  await sql`
    create table official_figures (
      period text not null,
      version integer not null,
      org_unit_id integer not null,
      parent_id integer,
      code text not null,
      result jsonb not null,
      survey jsonb not null,
      primary key (period, version, org_unit_id),
      foreign key (period, version) references period_closing (period, version)
    )`.execute(db);
  await sql`create index official_figures_parent_idx on official_figures (period, version, parent_id)`.execute(
    db,
  );
  await sql`alter table unit_return add column late boolean not null default false`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any schema version
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table unit_return drop column if exists late`.execute(db);
  await sql`drop table if exists official_figures`.execute(db);
  await sql`drop table if exists period_closing`.execute(db);
}
