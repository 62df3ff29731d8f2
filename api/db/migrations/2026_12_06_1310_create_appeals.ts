import { type Kysely, sql } from "kysely";

// Appeals (申诉 / 核减, CYCLE.md): a unit asks that some of its cases of a quarter be exempt from
// every case-based indicator; a superior or the assessor decides.
//
// - appeal_case.pending mirrors its appeal's status so that one partial unique index forbids a
//   second pending appeal for the same case, race-free, whatever the transactions interleave.
// - case_record.exempt_appeal_id names the approved appeal that exempts a case (null: counts).
//   The indicator queries filter on it. Nullable without a default: adding it rewrites nothing.
//   No foreign key, as for org_unit_id (migration …_lean_case_record): the check would cost
//   every ingested row a trigger, and appeals are never deleted. Ingest's update leaves the column
//   alone, so a case re-sent by the platform keeps its exemption.
// - appeal_attachment links evidence files (attachment) to the appeal they support.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any schema version
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create type appeal_reason as enum
    ('not_our_duty', 'duplicate', 'unreasonable', 'force_majeure', 'other')`.execute(db);
  await sql`create type appeal_status as enum ('pending', 'approved', 'rejected')`.execute(db);
  await sql`
    create table appeal (
      id integer generated always as identity primary key,
      org_unit_id integer not null references org_unit(id),
      year smallint not null,
      quarter smallint not null check (quarter between 1 and 4),
      reason appeal_reason not null,
      note text not null default '',
      status appeal_status not null default 'pending',
      filed_by text not null,
      filed_by_key text not null,
      filed_at timestamptz not null default now(),
      decided_by text,
      decided_by_key text,
      decided_at timestamptz,
      decision_note text
    )`.execute(db);
  await sql`create index appeal_period_idx on appeal (year, quarter, status)`.execute(db);
  await sql`
    create table appeal_case (
      appeal_id integer not null references appeal(id),
      source text collate "C" not null,
      external_id text collate "C" not null,
      pending boolean not null default true,
      primary key (appeal_id, source, external_id)
    )`.execute(db);
  await sql`create unique index appeal_case_one_pending on appeal_case (source, external_id)
    where pending`.execute(db);
  await sql`create index appeal_case_case_idx on appeal_case (source, external_id)`.execute(db);
  await sql`
    create table appeal_attachment (
      appeal_id integer not null references appeal(id),
      attachment_id integer not null references attachment(id),
      primary key (appeal_id, attachment_id)
    )`.execute(db);
  await sql`create index appeal_attachment_file_idx on appeal_attachment (attachment_id)`.execute(
    db,
  );
  await sql`alter table case_record add column exempt_appeal_id integer`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any schema version
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table case_record drop column exempt_appeal_id`.execute(db);
  await sql`drop table appeal_attachment`.execute(db);
  await sql`drop table appeal_case`.execute(db);
  await sql`drop table appeal`.execute(db);
  await sql`drop type appeal_status`.execute(db);
  await sql`drop type appeal_reason`.execute(db);
}
