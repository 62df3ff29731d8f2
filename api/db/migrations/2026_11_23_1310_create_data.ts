import { type Kysely, sql } from "kysely";

// What comes in: cases from the platform, quarterly returns, survey definitions and responses.
// Enum types keep the 20-million-row case table narrow (4 bytes a value, checked by the database).
// biome-ignore lint/suspicious/noExplicitAny: migrations run against any schema version
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create type case_kind as enum ('event', 'appeal', 'service')`.execute(db);
  await sql`
    create type case_channel as enum ('hotline', 'app', 'wechat', 'petition', 'window', 'online',
      'grid_patrol', 'ai_camera', 'iot_sensor')`.execute(db);
  await sql`create type callback_verdict as enum ('satisfied', 'basically_satisfied', 'dissatisfied')`.execute(
    db,
  );

  await sql`
    create table case_record (
      id bigint generated always as identity primary key,
      source text not null check (length(source) between 1 and 64),
      external_id text not null check (length(external_id) between 1 and 128),
      org_unit_id integer not null references org_unit(id),
      kind case_kind not null,
      channel case_channel not null,
      category text check (length(category) <= 64),
      reported_at timestamptz not null,
      responded_at timestamptz,
      resolved_at timestamptz,
      deadline_at timestamptz,
      first_pass boolean not null default false,
      complaint boolean not null default false,
      online boolean not null default false,
      callback callback_verdict,
      received_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (source, external_id)
    )`.execute(db);
  await sql`create index case_record_unit_reported_idx on case_record (org_unit_id, reported_at)`.execute(
    db,
  );
  await sql`create index case_record_reported_idx on case_record (reported_at)`.execute(db);
  await sql`create index case_record_resolved_idx on case_record (resolved_at) where resolved_at is not null`.execute(
    db,
  );

  await sql`
    create table unit_return (
      org_unit_id integer not null references org_unit(id),
      year smallint not null check (year between 2000 and 2100),
      quarter smallint not null check (quarter between 1 and 4),
      population double precision check (population >= 0),
      budget_allocated_year double precision check (budget_allocated_year >= 0),
      budget_spent double precision check (budget_spent >= 0),
      workers_in_post double precision check (workers_in_post >= 0),
      positions double precision check (positions >= 0),
      training_hours double precision check (training_hours >= 0),
      meetings_held double precision check (meetings_held >= 0),
      items_raised double precision check (items_raised >= 0),
      items_resolved double precision check (items_resolved >= 0),
      participants double precision check (participants >= 0),
      volunteers double precision check (volunteers >= 0),
      volunteer_hours double precision check (volunteer_hours >= 0),
      platform_active_users double precision check (platform_active_users >= 0),
      updated_by text,
      updated_at timestamptz not null default now(),
      primary key (org_unit_id, year, quarter)
    )`.execute(db);
  await sql`
    create table unit_return_history (
      id bigint generated always as identity primary key,
      org_unit_id integer not null references org_unit(id),
      year smallint not null,
      quarter smallint not null,
      changed_by text,
      changed_at timestamptz not null default now(),
      old_values jsonb,
      new_values jsonb not null
    )`.execute(db);
  await sql`create index unit_return_history_idx on unit_return_history (org_unit_id, year, quarter, changed_at)`.execute(
    db,
  );

  await sql`
    create table survey (
      id text not null check (id ~ '^[a-z0-9][a-z0-9_-]{0,63}$'),
      version integer not null check (version >= 1),
      title text not null,
      definition jsonb not null,
      created_by text,
      created_at timestamptz not null default now(),
      primary key (id, version)
    )`.execute(db);

  await sql`
    create table survey_response (
      id uuid primary key,
      survey_id text not null,
      survey_version integer not null,
      org_unit_id integer not null references org_unit(id),
      submitted_at timestamptz not null,
      mode text not null check (mode in ('self', 'assisted')),
      answers jsonb not null,
      score double precision,
      overall smallint,
      age_band text,
      comment text,
      client_hash text,
      entered_by text,
      received_at timestamptz not null default now(),
      foreign key (survey_id, survey_version) references survey(id, version)
    )`.execute(db);
  await sql`create index survey_response_unit_idx on survey_response (survey_id, org_unit_id, submitted_at)`.execute(
    db,
  );
  await sql`create index survey_response_submitted_idx on survey_response (submitted_at)`.execute(
    db,
  );

  await sql`
    create table source_freshness (
      source text primary key,
      last_received_at timestamptz not null,
      max_reported_at timestamptz
    )`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any schema version
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    "source_freshness",
    "survey_response",
    "survey",
    "unit_return_history",
    "unit_return",
    "case_record",
  ]) {
    await sql`drop table if exists ${sql.table(t)}`.execute(db);
  }
  for (const t of ["callback_verdict", "case_channel", "case_kind"]) {
    await sql`drop type if exists ${sql.raw(t)}`.execute(db);
  }
}
