import { type Kysely, sql } from "kysely";

// Assessments (定性评估、加减分, CYCLE.md "Assessor scores"): what the third-party assessor scores
// for one unit and quarter beside the platform's data, and the bonus and penalty points.
//
// - One row a unit and quarter; `items` [{code, score, comment}] and `adjustments` [{code, points,
//   reason}] as jsonb (a handful each, always read whole).
// - `signed_off_at` set: frozen (later writes 409) until an admin reopens; the reopening is
//   stamped (who, when, why) and kept until the next sign-off.
// - `updated_at` feeds the cache key of results (api/indicators/report.ts), so a new score is seen
//   by the next request.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any schema version
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table assessment (
      org_unit_id integer not null references org_unit(id),
      year smallint not null,
      quarter smallint not null check (quarter between 1 and 4),
      items jsonb not null default '[]',
      adjustments jsonb not null default '[]',
      updated_by text not null,
      updated_at timestamptz not null default now(),
      signed_off_by text,
      signed_off_at timestamptz,
      reopened_by text,
      reopened_at timestamptz,
      reopen_reason text,
      primary key (year, quarter, org_unit_id)
    )`.execute(db);
}
