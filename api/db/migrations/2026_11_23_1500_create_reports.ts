import { type Kysely, sql } from "kysely";

// Quarterly assessment reports (issue 9). One row per generated report: a draft while
// `published_at` is null; publishing gives it the next `version` of its (unit, quarter, edition)
// and freezes it. The HTML, the PDF and the input snapshot (the ReportModel JSON it was rendered
// from, scheme version, data as of, data versions, SHA-256 of the PDF) live in the row, so a
// published report is the same bytes whatever data arrives later: the trigger below refuses any
// UPDATE or DELETE of a published row, whatever code asks.
//
// The queue is this table: `queued` rows wait for `not_before` (retry backoff); a `running` row
// whose `heartbeat_at` is older than the lease is taken over (a crashed or restarted process never
// leaves a report stuck as running); `attempts` counts tries up to `max_attempts`.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any schema version
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table report (
      id uuid primary key,
      org_unit_id integer not null references org_unit (id),
      year smallint not null check (year between 2000 and 2100),
      quarter smallint not null check (quarter between 1 and 4),
      edition text not null check (edition in ('leadership', 'assessor')),
      status text not null default 'queued'
        check (status in ('queued', 'running', 'done', 'failed')),
      progress double precision not null default 0 check (progress between 0 and 1),
      error text,
      attempts smallint not null default 0,
      max_attempts smallint not null default 3 check (max_attempts >= 1),
      not_before timestamptz not null default now(),
      heartbeat_at timestamptz,
      scope_unit_id integer references org_unit (id),
      scheme_id text not null,
      scheme_version integer,
      model jsonb,
      snapshot jsonb,
      html text,
      pdf bytea,
      pdf_sha256 text,
      pages integer,
      created_by text,
      schedule_key text unique,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      started_at timestamptz,
      finished_at timestamptz,
      version integer,
      published_at timestamptz,
      published_by text,
      unique (org_unit_id, year, quarter, edition, version),
      check ((published_at is null) = (version is null)),
      check (published_at is null or status = 'done')
    )`.execute(db);
  await sql`create index report_unit_period on report (org_unit_id, year, quarter)`.execute(db);
  await sql`create index report_waiting on report (not_before) where status in ('queued', 'running')`.execute(
    db,
  );
  await sql`
    create function report_published_is_frozen() returns trigger language plpgsql as $$
    begin
      if old.published_at is not null then
        raise exception 'report % is published and cannot change', old.id using errcode = '55000';
      end if;
      if tg_op = 'DELETE' then
        return old;
      end if;
      return new;
    end
    $$`.execute(db);
  await sql`
    create trigger report_frozen before update or delete on report
    for each row execute function report_published_is_frozen()`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any schema version
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists report`.execute(db);
  await sql`drop function if exists report_published_is_frozen()`.execute(db);
}
