/**
 * Quarterly reports (issue 9): the report table is both the list of reports and their work
 * queue. Listing never reads the HTML, PDF or model columns; content is read one report at a time.
 * A published row is frozen by a trigger, so every write here also filters on
 * `published_at is null` and the trigger is only the last line of defence.
 */

import { type Kysely, sql, type Transaction } from "kysely";
import { REPORT_LEVELS } from "../../../shapes/org-levels.ts";
import { formatPeriod } from "../../../shapes/periods.ts";
import type { DB } from "../../db/database.ts";
import type { ReportEdition, ReportStatus } from "../../db/tables/report.ts";

type Db = Kysely<DB> | Transaction<DB>;

/** A report without its content. */
export interface ReportRow {
  id: string;
  orgUnitId: number;
  orgUnitCode: string;
  orgUnitName: string;
  year: number;
  quarter: number;
  edition: ReportEdition;
  status: ReportStatus;
  progress: number;
  error: string | null;
  attempts: number;
  maxAttempts: number;
  scopeUnitId: number | null;
  schemeId: string;
  schemeVersion: number | null;
  pdfSha256: string | null;
  pages: number | null;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  version: number | null;
  publishedAt: Date | null;
  publishedBy: string | null;
}

export interface NewReport {
  id: string;
  orgUnitId: number;
  year: number;
  quarter: number;
  edition: ReportEdition;
  schemeId: string;
  scopeUnitId: number | null;
  createdBy: string;
  /** A scheduled run's key: the same key twice inserts nothing (cron fired twice). */
  scheduleKey?: string | undefined;
  maxAttempts?: number | undefined;
}

export function selectRow(db: Db) {
  return db
    .selectFrom("report as r")
    .innerJoin("org_unit as u", "u.id", "r.org_unit_id")
    .select([
      "r.id",
      "r.org_unit_id as orgUnitId",
      "u.code as orgUnitCode",
      "u.name as orgUnitName",
      "r.year",
      "r.quarter",
      "r.edition",
      "r.status",
      "r.progress",
      "r.error",
      "r.attempts",
      "r.max_attempts as maxAttempts",
      "r.scope_unit_id as scopeUnitId",
      "r.scheme_id as schemeId",
      "r.scheme_version as schemeVersion",
      "r.pdf_sha256 as pdfSha256",
      "r.pages",
      "r.created_by as createdBy",
      "r.created_at as createdAt",
      "r.updated_at as updatedAt",
      "r.started_at as startedAt",
      "r.finished_at as finishedAt",
      "r.version",
      "r.published_at as publishedAt",
      "r.published_by as publishedBy",
    ]);
}

/** Queues a report; `false` when a scheduled report with the same key already exists. */
export async function insertReport(db: Db, r: NewReport): Promise<boolean> {
  const res = await db
    .insertInto("report")
    .values({
      id: r.id,
      org_unit_id: r.orgUnitId,
      year: r.year,
      quarter: r.quarter,
      edition: r.edition,
      status: "queued",
      scheme_id: r.schemeId,
      scheme_version: null,
      scope_unit_id: r.scopeUnitId,
      created_by: r.createdBy,
      schedule_key: r.scheduleKey ?? null,
      max_attempts: r.maxAttempts ?? 3,
      error: null,
      heartbeat_at: null,
      model: null,
      snapshot: null,
      html: null,
      pdf: null,
      pdf_sha256: null,
      pages: null,
      started_at: null,
      finished_at: null,
      version: null,
      published_at: null,
      published_by: null,
    })
    .onConflict((oc) => oc.column("schedule_key").doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/** A report by id (no content); `undefined` when there is none or `id` is not a UUID. */
export async function getReport(db: Db, id: string): Promise<ReportRow | undefined> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return undefined;
  return selectRow(db).where("r.id", "=", id).executeTakeFirst();
}

export interface ListReportsParams {
  orgUnitId: number;
  year?: number | undefined;
  quarter?: number | undefined;
  edition?: ReportEdition | undefined;
  limit: number;
}

/** A unit's reports, newest first: published versions and drafts alike. */
export async function listReports(db: Db, p: ListReportsParams): Promise<ReportRow[]> {
  let q = selectRow(db).where("r.org_unit_id", "=", p.orgUnitId);
  if (p.year !== undefined) q = q.where("r.year", "=", p.year);
  if (p.quarter !== undefined) q = q.where("r.quarter", "=", p.quarter);
  if (p.edition !== undefined) q = q.where("r.edition", "=", p.edition);
  return q
    .orderBy("r.year", "desc")
    .orderBy("r.quarter", "desc")
    .orderBy("r.created_at", "desc")
    .orderBy("r.id")
    .limit(p.limit)
    .execute();
}

/** The stored HTML or PDF of a report (null while not done). */
export async function reportContent(
  db: Db,
  id: string,
  kind: "html" | "pdf",
): Promise<string | Uint8Array | null> {
  if (kind === "html") {
    const row = await db
      .selectFrom("report")
      .select("html")
      .where("id", "=", id)
      .executeTakeFirst();
    return row?.html ?? null;
  }
  // Through base64 text: PGlite's JavaScript bytea codec takes ~100 ms a megabyte each way,
  // while encode()/decode() run inside the database.
  const row = await db
    .selectFrom("report")
    .select(sql<string | null>`encode(pdf, 'base64')`.as("pdf64"))
    .where("id", "=", id)
    .executeTakeFirst();
  return row?.pdf64 ? new Uint8Array(Buffer.from(row.pdf64, "base64")) : null;
}

/** The model and input snapshot a report was rendered from. */
export async function reportSnapshot(
  db: Db,
  id: string,
): Promise<{ model: unknown; snapshot: unknown } | undefined> {
  return db
    .selectFrom("report")
    .select(["model", "snapshot"])
    .where("id", "=", id)
    .executeTakeFirst();
}

/**
 * Publishes a done draft as the next version of its unit, quarter and edition. Returns the
 * version, or a reason it cannot: `missing`, `not-done`, `published` (with its version).
 */
export async function publishReport(
  trx: Transaction<DB>,
  id: string,
  by: string,
): Promise<
  | { ok: true; version: number; publishedAt: Date }
  | { ok: false; reason: "missing" | "not-done" | "published"; version?: number }
> {
  const row = await trx
    .selectFrom("report")
    .select(["org_unit_id", "year", "quarter", "edition", "status", "version"])
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) return { ok: false, reason: "missing" };
  if (row.version !== null) return { ok: false, reason: "published", version: row.version };
  if (row.status !== "done") return { ok: false, reason: "not-done" };
  // Serialises publishers of the same unit, quarter and edition so versions never collide.
  await sql`select pg_advisory_xact_lock(hashtext(${`report:${row.org_unit_id}:${row.year}:${row.quarter}:${row.edition}`}))`.execute(
    trx,
  );
  const max = await trx
    .selectFrom("report")
    .select(sql<number | null>`max(version)`.as("v"))
    .where("org_unit_id", "=", row.org_unit_id)
    .where("year", "=", row.year)
    .where("quarter", "=", row.quarter)
    .where("edition", "=", row.edition)
    .executeTakeFirstOrThrow();
  const version = Number(max.v ?? 0) + 1;
  const publishedAt = new Date();
  await trx
    .updateTable("report")
    .set({ version, published_at: publishedAt, published_by: by, updated_at: publishedAt })
    .where("id", "=", id)
    .execute();
  return { ok: true, version, publishedAt };
}

/**
 * Deletes a draft: not published, not being generated (a running report is left to finish or
 * fail). Locks the row first, so a publisher or the queue racing with it waits.
 */
export async function deleteDraftReport(
  trx: Transaction<DB>,
  id: string,
): Promise<
  { ok: true } | { ok: false; reason: "missing" | "published" | "running"; version?: number }
> {
  const row = await trx
    .selectFrom("report")
    .select(["status", "version"])
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) return { ok: false, reason: "missing" };
  if (row.version !== null) return { ok: false, reason: "published", version: row.version };
  if (row.status === "running") return { ok: false, reason: "running" };
  await trx.deleteFrom("report").where("id", "=", id).execute();
  return { ok: true };
}

/** Data versions of every quarter of the given years (`2026Q3` → version, 0 when never bumped). */
export async function dataVersionsOf(
  db: Db,
  years: readonly number[],
): Promise<Record<string, number>> {
  if (years.length === 0) return {};
  const rows = await db
    .selectFrom("data_version")
    .select(["year", "quarter", "version"])
    .where("year", "in", [...years])
    .orderBy("year")
    .orderBy("quarter")
    .execute();
  // Every quarter is named: 0 means "never written since the database was loaded".
  const out: Record<string, number> = {};
  for (const y of [...years].sort()) for (let k = 1; k <= 4; k++) out[`${y}Q${k}`] = 0;
  for (const r of rows) out[formatPeriod(r)] = Number(r.version);
  return out;
}

/** Districts, counties, streets and townships (ids and codes), for the scheduled drafts. */
export async function scheduledReportUnits(
  db: Db,
): Promise<{ id: number; code: string; level: string }[]> {
  return db
    .selectFrom("org_unit")
    .select(["id", "code", "level"])
    .where("level", "in", REPORT_LEVELS)
    .orderBy("code")
    .execute();
}
