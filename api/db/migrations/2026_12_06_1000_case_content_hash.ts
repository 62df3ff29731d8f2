import { type Kysely, sql } from "kysely";

// A 64-bit hash of each case's content beyond its identity (api/cases/queries/hash.ts), set
// by ingest on every insert and update. A re-sent batch is compared by (source, external_id,
// content_hash), 16 bytes a case, instead of whole rows; a case whose hash differs or is null
// (the demo generator's rows, rows stored before this column) goes to the full row comparison.
// Nullable without a default: adding it rewrites nothing.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any schema version
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table case_record add column content_hash bigint`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any schema version
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table case_record drop column content_hash`.execute(db);
}
