import { type Kysely, sql } from "kysely";

// Survey integrity (issue 22): the volunteer role (代办员), who only enters assisted responses for
// the units of its scope, and the flags the stuffing signals raise on stored responses
// (api/surveys/integrity). A flag never deletes its response; an assessor confirms it (the response
// then counts in no survey figure: G4, the statistics) or dismisses it. One row per response and
// signal; the decision is made per response, so all of a response's flags carry it.
// `add value` may run in the migration's transaction (PostgreSQL 12+, PGlite); nothing here uses it.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any schema version
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter type user_role add value if not exists 'volunteer'`.execute(db);
  await sql`
    create table survey_flag (
      response_id uuid not null references survey_response(id) on delete cascade,
      kind text not null check (kind in ('repeat_client', 'straight_line', 'burst')),
      detected_at timestamptz not null default now(),
      status text not null default 'open' check (status in ('open', 'confirmed', 'dismissed')),
      decided_by text,
      decided_at timestamptz,
      primary key (response_id, kind)
    )`.execute(db);
  // The survey sums' anti-join reads only the confirmed ones.
  await sql`create index survey_flag_confirmed_idx on survey_flag (response_id) where status = 'confirmed'`.execute(
    db,
  );
}

// PostgreSQL cannot drop a value from an enum: the type is rebuilt without it, which fails (as it
// should) while a user still has the role.
// biome-ignore lint/suspicious/noExplicitAny: migrations run against any schema version
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists survey_flag`.execute(db);
  await sql`alter type user_role rename to user_role_volunteer`.execute(db);
  await sql`create type user_role as enum ('admin', 'leader', 'assessor', 'clerk')`.execute(db);
  await sql`alter table app_user alter column role type user_role using role::text::user_role`.execute(
    db,
  );
  await sql`drop type user_role_volunteer`.execute(db);
}
