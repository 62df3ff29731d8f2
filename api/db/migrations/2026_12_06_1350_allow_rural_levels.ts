import { type Kysely, sql } from "kysely";

// Rural trees (issue 23, CONTRACT.md PUT /org-units): a county (县) beside the district, a township
// (乡镇) beside the street, a village (村) beside the community. Each new value sits after its urban
// counterpart, so ordering by level still reads top down. `add value` may run in the migration's
// transaction (PostgreSQL 12+, PGlite); no migration of this batch uses the new values.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any schema version
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter type org_level add value if not exists 'county' after 'district'`.execute(db);
  await sql`alter type org_level add value if not exists 'township' after 'street'`.execute(db);
  await sql`alter type org_level add value if not exists 'village' after 'community'`.execute(db);
}

// PostgreSQL cannot drop a value from an enum: the type is rebuilt without them, which fails (as it
// should) while a unit still has a rural level.
// biome-ignore lint/suspicious/noExplicitAny: migrations run against any schema version
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter type org_level rename to org_level_rural`.execute(db);
  await sql`create type org_level as enum ('city', 'district', 'street', 'community', 'grid')`.execute(
    db,
  );
  await sql`alter table org_unit alter column level type org_level using level::text::org_level`.execute(
    db,
  );
  await sql`drop type org_level_rural`.execute(db);
}
