import { type Kysely, sql } from "kysely";

// The street's review of a community's quarterly return (issue 21, CYCLE.md: "the street approves
// its communities' returns"). review_state null: filed, awaiting review (待审核); 'approved'
// (已通过); 'returned' (已退回, with the reviewer's reason). Filing the return again clears the
// review (api/returns/filing.ts). Nullable columns without defaults: adding them rewrites nothing.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any schema version
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table unit_return
    add column review_state text check (review_state in ('approved', 'returned')),
    add column reviewed_by text,
    add column reviewed_at timestamptz,
    add column review_reason text,
    add constraint unit_return_review_complete check (
      review_state is null
      or (reviewed_by is not null and reviewed_at is not null
          and (review_state <> 'returned' or length(review_reason) > 0)))`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any schema version
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table unit_return
    drop constraint unit_return_review_complete,
    drop column review_state,
    drop column reviewed_by,
    drop column reviewed_at,
    drop column review_reason`.execute(db);
}
