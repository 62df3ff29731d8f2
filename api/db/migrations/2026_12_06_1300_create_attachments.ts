import { type Kysely, sql } from "kysely";

// Evidence files (issue 18): appeals attach them now, rectification tasks later. The bytes live in
// the database, not on a disk, so that Node and a Worker (which has no disk) serve the same files
// and a backup of the database is a backup of the evidence. Files are small (≤ 10 MiB, images and
// PDF); `mime` is what the bytes say they are (api/attachments/sniff.ts), never what the client
// claimed; `sha256` (hex) lets a reader verify them and a later change spot duplicates.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any schema version
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table attachment (
      id integer generated always as identity primary key,
      bytes bytea not null,
      mime text not null,
      size integer not null check (size >= 0),
      sha256 text not null,
      name text,
      created_by text not null,
      created_at timestamptz not null default now()
    )`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any schema version
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table attachment`.execute(db);
}
