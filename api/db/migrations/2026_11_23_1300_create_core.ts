import { type Kysely, sql } from "kysely";

// Org tree, closure table, people, sessions, keys, audit, jobs.
// The closure table (ancestor, descendant, depth) answers "all units under X" and subtree sums
// with one indexed join, which is what the indicator engine and every scope check need.
// biome-ignore lint/suspicious/noExplicitAny: migrations run against any schema version
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create type org_level as enum ('city', 'district', 'street', 'community', 'grid')`.execute(
    db,
  );
  await sql`create type user_role as enum ('admin', 'leader', 'assessor', 'clerk')`.execute(db);

  await sql`
    create table org_unit (
      id integer generated always as identity primary key,
      code text not null unique check (code ~ '^[0-9A-Za-z_-]{1,32}$'),
      name text not null check (length(name) between 1 and 100),
      level org_level not null,
      parent_id integer references org_unit(id),
      urban boolean,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index org_unit_parent_idx on org_unit (parent_id)`.execute(db);

  await sql`
    create table org_closure (
      ancestor_id integer not null references org_unit(id) on delete cascade,
      descendant_id integer not null references org_unit(id) on delete cascade,
      depth smallint not null,
      primary key (ancestor_id, descendant_id)
    )`.execute(db);
  await sql`create index org_closure_descendant_idx on org_closure (descendant_id, ancestor_id)`.execute(
    db,
  );

  await sql`
    create table org_unit_year (
      org_unit_id integer not null references org_unit(id) on delete cascade,
      year smallint not null check (year between 2000 and 2100),
      population integer check (population >= 0),
      households integer check (households >= 0),
      primary key (org_unit_id, year)
    )`.execute(db);

  await sql`
    create table app_user (
      id integer generated always as identity primary key,
      username text not null unique,
      display_name text,
      password_hash text not null,
      role user_role not null,
      org_unit_id integer references org_unit(id),
      disabled boolean not null default false,
      failed_logins integer not null default 0,
      locked_until timestamptz,
      created_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table session (
      token_hash text primary key,
      user_id integer not null references app_user(id) on delete cascade,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      revoked_at timestamptz,
      ip text,
      user_agent text
    )`.execute(db);
  await sql`create index session_user_idx on session (user_id)`.execute(db);

  await sql`
    create table api_key (
      id integer generated always as identity primary key,
      name text not null,
      key_hash text not null unique,
      prefix text not null,
      org_unit_id integer references org_unit(id),
      created_by integer references app_user(id),
      created_at timestamptz not null default now(),
      last_used_at timestamptz,
      revoked_at timestamptz
    )`.execute(db);

  await sql`
    create table audit_log (
      id bigint generated always as identity primary key,
      at timestamptz not null default now(),
      actor text not null,
      actor_kind text not null,
      actor_scope_id integer,
      action text not null,
      method text not null,
      path text not null,
      status integer not null,
      target text,
      detail jsonb,
      ip text,
      request_id text
    )`.execute(db);
  await sql`create index audit_log_at_idx on audit_log (at desc)`.execute(db);
  await sql`create index audit_log_actor_idx on audit_log (actor, at desc)`.execute(db);

  await sql`
    create table job (
      id uuid primary key,
      kind text not null,
      status text not null check (status in ('queued', 'running', 'done', 'failed')),
      progress double precision not null default 0,
      params jsonb,
      result jsonb,
      error text,
      created_by text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any schema version
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    "job",
    "audit_log",
    "api_key",
    "session",
    "app_user",
    "org_unit_year",
    "org_closure",
    "org_unit",
  ]) {
    await sql`drop table if exists ${sql.table(t)}`.execute(db);
  }
  await sql`drop type if exists user_role`.execute(db);
  await sql`drop type if exists org_level`.execute(db);
}
