import { type Kysely, sql, type Transaction } from "kysely";
import { formatPeriod, type Quarter } from "../../shapes/periods.ts";
import type { DB } from "../db/database.ts";

type Db = Kysely<DB> | Transaction<DB>;

/** One closing of a quarter (api/db/tables/period.ts). */
export interface ClosingRow {
  period: string;
  version: number;
  closedAt: Date;
  closedBy: string;
  schemeId: string;
  schemeVersion: number;
  dataAsOf: unknown;
  units: number;
  reopenedAt: Date | null;
  reopenedBy: string | null;
  reopenReason: string | null;
}

function closingQuery(db: Db) {
  return db
    .selectFrom("period_closing")
    .select([
      "period",
      "version",
      "closed_at as closedAt",
      "closed_by as closedBy",
      "scheme_id as schemeId",
      "scheme_version as schemeVersion",
      "data_as_of as dataAsOf",
      "units",
      "reopened_at as reopenedAt",
      "reopened_by as reopenedBy",
      "reopen_reason as reopenReason",
    ]);
}

/**
 * Takes the quarter's transaction lock: `exclusive` for a close or reopen, `shared` for a write
 * of the quarter's data (many writers at once, never during a close). Run inside a transaction.
 */
export async function lockPeriod(db: Db, q: Quarter, mode: "shared" | "exclusive"): Promise<void> {
  const key = q.year * 10 + q.quarter;
  if (mode === "shared")
    await sql`select pg_advisory_xact_lock_shared(369004, ${key}::int)`.execute(db);
  else await sql`select pg_advisory_xact_lock(369004, ${key}::int)`.execute(db);
}

/** The newest closing of `period` (the one that says whether it is closed now), if any. */
export async function newestClosing(db: Db, period: string): Promise<ClosingRow | undefined> {
  return closingQuery(db)
    .where("period", "=", period)
    .orderBy("version", "desc")
    .limit(1)
    .executeTakeFirst();
}

/** One closing of `period` by its version, if any. */
export async function closingVersion(
  db: Db,
  period: string,
  version: number,
): Promise<ClosingRow | undefined> {
  return closingQuery(db)
    .where("period", "=", period)
    .where("version", "=", version)
    .executeTakeFirst();
}

/** Every closing of every quarter, newest quarter first, then newest version first. */
export async function listClosings(db: Db): Promise<ClosingRow[]> {
  return closingQuery(db).orderBy("period", "desc").orderBy("version", "desc").execute();
}

export interface NewClosing {
  period: string;
  version: number;
  closedBy: string;
  schemeId: string;
  schemeVersion: number;
  dataAsOf: unknown;
}

/** One unit's official figures as stored. */
export interface OfficialRow {
  orgUnitId: number;
  parentId: number | null;
  code: string;
  result: unknown;
  survey: unknown;
}

/**
 * Stores a closing and its official figures; returns when it was stored. Rows go in chunks of
 * 1,000 (7 parameters each, far below PostgreSQL's 65,535). Run inside the closing transaction.
 */
export async function insertClosing(
  trx: Transaction<DB>,
  closing: NewClosing,
  rows: readonly OfficialRow[],
): Promise<Date> {
  const stored = await trx
    .insertInto("period_closing")
    .values({
      period: closing.period,
      version: closing.version,
      closed_by: closing.closedBy,
      scheme_id: closing.schemeId,
      scheme_version: closing.schemeVersion,
      data_as_of: JSON.stringify(closing.dataAsOf),
      units: rows.length,
    })
    .returning("closed_at")
    .executeTakeFirstOrThrow();
  for (let i = 0; i < rows.length; i += 1000) {
    await trx
      .insertInto("official_figures")
      .values(
        rows.slice(i, i + 1000).map((r) => ({
          period: closing.period,
          version: closing.version,
          org_unit_id: r.orgUnitId,
          parent_id: r.parentId,
          code: r.code,
          result: JSON.stringify(r.result),
          survey: JSON.stringify(r.survey),
        })),
      )
      .execute();
  }
  return stored.closed_at;
}

/** Stamps the reopen on closing `version` of `period`; returns when. */
export async function markReopened(
  trx: Transaction<DB>,
  period: string,
  version: number,
  by: string,
  reason: string,
): Promise<Date> {
  const row = await trx
    .updateTable("period_closing")
    .set({ reopened_at: sql<Date>`now()`, reopened_by: by, reopen_reason: reason })
    .where("period", "=", period)
    .where("version", "=", version)
    .returning("reopened_at")
    .executeTakeFirstOrThrow();
  return row.reopened_at!;
}

function officialQuery(db: Db, period: string, version: number) {
  return db
    .selectFrom("official_figures")
    .select(["org_unit_id as orgUnitId", "parent_id as parentId", "code", "result", "survey"])
    .where("period", "=", period)
    .where("version", "=", version);
}

/** The official figures of a unit and (by parent at close) of its children, children by code. */
export async function officialFamily(
  db: Db,
  period: string,
  version: number,
  unitId: number,
  children: boolean,
): Promise<{ unit: OfficialRow | undefined; children: OfficialRow[] }> {
  const unit = await officialQuery(db, period, version)
    .where("org_unit_id", "=", unitId)
    .executeTakeFirst();
  const kids = children
    ? await officialQuery(db, period, version)
        .where("parent_id", "=", unitId)
        .orderBy("code")
        .execute()
    : [];
  return { unit, children: kids };
}

/** The official UnitResults of `unitIds` in closing `version` of `period`, by unit id. */
export async function officialResults(
  db: Db,
  period: string,
  version: number,
  unitIds: readonly number[],
): Promise<Map<number, unknown>> {
  const out = new Map<number, unknown>();
  for (let i = 0; i < unitIds.length; i += 5000) {
    const rows = await db
      .selectFrom("official_figures")
      .select(["org_unit_id as orgUnitId", "result"])
      .where("period", "=", period)
      .where("version", "=", version)
      .where("org_unit_id", "in", unitIds.slice(i, i + 5000))
      .execute();
    for (const r of rows) out.set(r.orgUnitId, r.result);
  }
  return out;
}

/**
 * Per unit of `unitIds`: cases of its subtree that belong to the quarter `[start, end)` (reported
 * or resolved in it) and were stored or changed after `since` (the closing). `updated_at` is set
 * on insert and on every change that differs (an identical re-send touches nothing).
 */
export async function lateCasesBySubtree(
  db: Db,
  range: { start: Date; end: Date },
  since: Date,
  unitIds: readonly number[],
): Promise<Map<number, number>> {
  const out = new Map<number, number>(unitIds.map((id) => [id, 0]));
  if (unitIds.length === 0) return out;
  const { rows } = await sql<{ unitId: number; n: string | number }>`
    select a.ancestor_id as "unitId", count(*) as n
    from case_record c
    join org_closure a on a.descendant_id = c.org_unit_id
    where c.updated_at > ${since}
      and ((c.reported_at >= ${range.start} and c.reported_at < ${range.end})
        or (c.resolved_at >= ${range.start} and c.resolved_at < ${range.end}))
      and a.ancestor_id in (${sql.join(unitIds.map((id) => sql`${id}::integer`))})
    group by a.ancestor_id`.execute(db);
  for (const r of rows) out.set(Number(r.unitId), Number(r.n));
  return out;
}

/**
 * Years a new version of scheme `schemeId` must not change: those with a quarter closed now under
 * it, or with a report published under it (frozen for ever). Year → why, in Chinese.
 */
export async function frozenYears(db: Db, schemeId: string): Promise<Map<number, string[]>> {
  const seen = new Set<string>();
  const out = new Map<number, string[]>();
  const add = (year: number, why: string) => out.set(year, [...(out.get(year) ?? []), why]);
  for (const c of await listClosings(db)) {
    if (seen.has(c.period)) continue; // the newest closing of each quarter decides
    seen.add(c.period);
    if (c.reopenedAt === null && c.schemeId === schemeId)
      add(Number(c.period.slice(0, 4)), `${c.period} 已关账`);
  }
  const published = await db
    .selectFrom("report")
    .select(["year", "quarter"])
    .where("published_at", "is not", null)
    .where("scheme_id", "=", schemeId)
    .groupBy(["year", "quarter"])
    .orderBy("year")
    .orderBy("quarter")
    .execute();
  for (const p of published) add(p.year, `${formatPeriod(p)} 已发布报告`);
  return out;
}
