import { type Kysely, sql } from "kysely";

// case_record, lean for ingest (issue 4): a case is identified by (source, external_id), its
// natural key and now the primary key (the surrogate identity `id` and its index go). The time
// columns get BRIN indexes instead of B-trees: cases arrive roughly in the order they are reported
// and resolved, the quarter scans of the indicator engine, exports and data-quality checks read
// time ranges, and a BRIN index costs almost nothing to keep current where a B-tree costs about as
// much as the row itself. The (org_unit_id, reported_at) B-tree goes too: every reader filters on
// time first and joins the units. The foreign key to org_unit goes: org units are never deleted,
// and ingest already reads every unit a batch names and locks them (`for key share`, once per
// batch) in the transaction that writes the cases, which is what the per-row foreign-key trigger
// did at twice the cost of the insert.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any schema version
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table case_record drop constraint case_record_org_unit_id_fkey`.execute(db);
  await sql`drop index case_record_unit_reported_idx`.execute(db);
  await sql`drop index case_record_reported_idx`.execute(db);
  await sql`drop index case_record_resolved_idx`.execute(db);
  await sql`alter table case_record drop constraint case_record_source_external_id_key`.execute(db);
  await sql`alter table case_record drop column id`.execute(db);
  await sql`alter table case_record add constraint case_record_pkey primary key (source, external_id)`.execute(
    db,
  );
  await sql`create index case_record_reported_brin on case_record using brin (reported_at)`.execute(
    db,
  );
  await sql`create index case_record_resolved_brin on case_record using brin (resolved_at)`.execute(
    db,
  );
}

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any schema version
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index case_record_resolved_brin`.execute(db);
  await sql`drop index case_record_reported_brin`.execute(db);
  await sql`alter table case_record drop constraint case_record_pkey`.execute(db);
  await sql`alter table case_record add column id bigint generated always as identity primary key`.execute(
    db,
  );
  await sql`alter table case_record add unique (source, external_id)`.execute(db);
  await sql`create index case_record_unit_reported_idx on case_record (org_unit_id, reported_at)`.execute(
    db,
  );
  await sql`create index case_record_reported_idx on case_record (reported_at)`.execute(db);
  await sql`create index case_record_resolved_idx on case_record (resolved_at) where resolved_at is not null`.execute(
    db,
  );
  await sql`alter table case_record add foreign key (org_unit_id) references org_unit(id)`.execute(
    db,
  );
}
