import { type Kysely, sql, type Transaction } from "kysely";
import { formatPeriod } from "../../../shapes/periods.ts";
import type { DB } from "../../db/database.ts";
import type { QuarterRange } from "./sums.ts";

type Db = Kysely<DB> | Transaction<DB>;

// What the indicator engine's cache keys and `dataAsOf` are made of: small reads done on every
// request (tree fingerprint, data versions, source freshness) and the quarter's input times.

/** Latest write times of one quarter's returns and survey responses (for `dataAsOf`). */
export async function quarterInputTimes(
  db: Db,
  q: QuarterRange,
  surveyId: string,
): Promise<{ returnsAt: Date | null; surveysAt: Date | null }> {
  const { rows } = await sql<{ returnsAt: Date | null; surveysAt: Date | null }>`
    select
      (select max(updated_at) from unit_return
        where year = ${q.year} and quarter = ${q.quarter}) as "returnsAt",
      (select max(received_at) from survey_response
        where survey_id = ${surveyId} and submitted_at >= ${q.start} and submitted_at < ${q.end}) as "surveysAt"`.execute(
    db,
  );
  const r = rows[0];
  return { returnsAt: toDate(r?.returnsAt), surveysAt: toDate(r?.surveysAt) };
}

function toDate(v: Date | string | null | undefined): Date | null {
  if (v === null || v === undefined) return null;
  return v instanceof Date ? v : new Date(v);
}

/**
 * A fingerprint of the org tree: unit count and latest change. Inserting, renaming or moving a
 * unit changes it (writeUnits stamps updated_at), so cached subtree sums keyed on it follow the
 * tree. One scan of ~7,000 rows at city scale.
 */
export async function treeFingerprint(db: Db): Promise<string> {
  // As text, to the microsecond: two tree changes within one millisecond still differ.
  const row = await db
    .selectFrom("org_unit")
    .select((eb) => [
      eb.fn.countAll<number>().as("n"),
      sql<string | null>`max(updated_at)::text`.as("at"),
    ])
    .executeTakeFirst();
  return `${Number(row?.n ?? 0)}@${row?.at ?? ""}`;
}

/** Data versions of every quarter of the given years, as `2026Q3` → version (absent: 0). */
export async function dataVersionsOfYears(
  db: Db,
  years: readonly number[],
): Promise<Map<string, number>> {
  if (years.length === 0) return new Map();
  const rows = await db
    .selectFrom("data_version")
    .select(["year", "quarter", "version"])
    .where("year", "in", [...new Set(years)])
    .execute();
  return new Map(rows.map((r) => [formatPeriod(r), Number(r.version)]));
}

/** Per case source: when data last arrived and the latest reportedAt seen. */
export interface SourceFreshnessRow {
  source: string;
  lastReceivedAt: Date;
  maxReportedAt: Date | null;
}

/** Every case source's freshness (a few rows), for `dataAsOf`. */
export async function sourceFreshness(db: Db): Promise<SourceFreshnessRow[]> {
  const rows = await db
    .selectFrom("source_freshness")
    .select(["source", "last_received_at as lastReceivedAt", "max_reported_at as maxReportedAt"])
    .orderBy("source")
    .execute();
  return rows.map((r) => ({
    source: r.source,
    lastReceivedAt: toDate(r.lastReceivedAt) ?? new Date(0),
    maxReportedAt: toDate(r.maxReportedAt),
  }));
}
