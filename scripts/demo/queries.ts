import { type Kysely, sql, type Transaction } from "kysely";
import type { Store } from "../../api/db/client.ts";
import type { DB } from "../../api/db/database.ts";

type Db = Kysely<DB> | Transaction<DB>;

// Bulk loading for the demo data generator (scripts/demo). Rows arrive as COPY text built by the
// generator; this module owns which table and columns they go to.

/** case_record columns in COPY order (received_at and updated_at take their defaults). */
export const CASE_COLUMNS = [
  "source",
  "external_id",
  "org_unit_id",
  "kind",
  "channel",
  "category",
  "reported_at",
  "responded_at",
  "resolved_at",
  "deadline_at",
  "first_pass",
  "complaint",
  "online",
  "callback",
  "received_at",
  "updated_at",
] as const;

export const RETURN_COLUMNS = [
  "org_unit_id",
  "year",
  "quarter",
  "population",
  "budget_allocated_year",
  "budget_spent",
  "workers_in_post",
  "positions",
  "training_hours",
  "meetings_held",
  "items_raised",
  "items_resolved",
  "participants",
  "volunteers",
  "volunteer_hours",
  "platform_active_users",
  "updated_by",
  "updated_at",
] as const;

export const RESPONSE_COLUMNS = [
  "id",
  "survey_id",
  "survey_version",
  "org_unit_id",
  "submitted_at",
  "mode",
  "answers",
  "score",
  "overall",
  "age_band",
  "comment",
  "client_hash",
  "entered_by",
  "received_at",
] as const;

type Lines = AsyncIterable<string> | Iterable<string>;

/** COPYs case rows. Do not hold a Kysely transaction open meanwhile (PGlite has one connection). */
export function copyCases(store: Store, lines: Lines): Promise<number> {
  return store.copyText("case_record", CASE_COLUMNS, lines);
}

export function copyReturns(store: Store, lines: Lines): Promise<number> {
  return store.copyText("unit_return", RETURN_COLUMNS, lines);
}

export function copySurveyResponses(store: Store, lines: Lines): Promise<number> {
  return store.copyText("survey_response", RESPONSE_COLUMNS, lines);
}

/** Number of org units; the demo is only seeded into a database that has none. */
export async function countOrgUnits(db: Db): Promise<number> {
  const row = await db
    .selectFrom("org_unit")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Which of `usernames` already exist. */
export async function existingUsernames(
  db: Db,
  usernames: readonly string[],
): Promise<Set<string>> {
  if (usernames.length === 0) return new Set();
  const rows = await db
    .selectFrom("app_user")
    .select("username")
    .where("username", "in", [...usernames])
    .execute();
  return new Set(rows.map((r) => r.username));
}

export interface FreshnessWrite {
  source: string;
  lastReceivedAt: Date;
  maxReportedAt: Date | null;
}

/** Records the latest data seen per source, keeping whichever instant is later. */
export async function upsertSourceFreshness(
  db: Db,
  rows: readonly FreshnessWrite[],
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto("source_freshness")
    .values(
      rows.map((r) => ({
        source: r.source,
        last_received_at: r.lastReceivedAt,
        max_reported_at: r.maxReportedAt,
      })),
    )
    .onConflict((oc) =>
      oc.column("source").doUpdateSet({
        last_received_at: sql`greatest(source_freshness.last_received_at, excluded.last_received_at)`,
        max_reported_at: sql`greatest(source_freshness.max_reported_at, excluded.max_reported_at)`,
      }),
    )
    .execute();
}

/** Refreshes planner statistics after a bulk load, so the first dashboards get good plans. */
export async function analyzeLoadedTables(db: Db): Promise<void> {
  await sql`analyze org_unit, org_closure, org_unit_year, case_record, unit_return, survey_response`.execute(
    db,
  );
}

/** Creates an empty database on the same server (scratch databases for tests and measurements). */
export async function createDatabase(db: Kysely<DB>, name: string): Promise<void> {
  await sql`create database ${sql.id(name)}`.execute(db);
}

/** Drops a scratch database, disconnecting whoever is still on it. */
export async function dropDatabase(db: Kysely<DB>, name: string): Promise<void> {
  await sql`drop database if exists ${sql.id(name)} with (force)`.execute(db);
}
