/**
 * The report queue's statements (issue 9): claiming a due report with `for update skip locked`,
 * progress and lease renewal, storing the result, retry with backoff, failure, and repair after
 * a restart. Every write filters on `published_at is null`: a published row is frozen.
 */
import { type Kysely, sql, type Transaction } from "kysely";
import type { DB } from "../../db/database.ts";
import type { ReportEdition } from "../../db/tables/report.ts";

type Db = Kysely<DB> | Transaction<DB>;

/** A report the queue took: what the generator needs. */
export interface ClaimedReport {
  id: string;
  orgUnitCode: string;
  year: number;
  quarter: number;
  edition: ReportEdition;
  schemeId: string;
  scopeUnitId: number | null;
  attempts: number;
  maxAttempts: number;
}

/**
 * Fails running reports whose lease expired (their process died) once they have used every
 * attempt; returns how many. The others are taken over by `claimReport`.
 */
export async function failAbandonedReports(db: Db, now: Date, leaseMs: number): Promise<number> {
  const res = await db
    .updateTable("report")
    .set({
      status: "failed",
      error: sql<string>`'interrupted ' || attempts || ' times (process stopped while generating)'`,
      updated_at: now,
      finished_at: now,
    })
    .where("status", "=", "running")
    .where("published_at", "is", null)
    .where("heartbeat_at", "<", new Date(now.getTime() - leaseMs))
    .whereRef("attempts", ">=", "max_attempts")
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/**
 * Takes the oldest waiting report (queued and due, or running with an expired lease) and marks it
 * running with one more attempt, in one statement; `undefined` when nothing waits. `skip locked`
 * lets several processes share the queue without taking the same report twice.
 */
export async function claimReport(
  db: Db,
  now: Date,
  leaseMs: number,
): Promise<ClaimedReport | undefined> {
  const stale = new Date(now.getTime() - leaseMs);
  const row = await sql<{
    id: string;
    year: number;
    quarter: number;
    edition: ReportEdition;
    schemeId: string;
    scopeUnitId: number | null;
    attempts: number;
    maxAttempts: number;
    orgUnitId: number;
  }>`
    update report set
      status = 'running', attempts = attempts + 1, progress = 0,
      heartbeat_at = ${now}, started_at = ${now}, updated_at = ${now}
    where id = (
      select id from report
      where published_at is null
        and ((status = 'queued' and not_before <= ${now})
          or (status = 'running' and heartbeat_at < ${stale} and attempts < max_attempts))
      order by not_before, created_at, id
      limit 1
      for update skip locked
    )
    returning id, year, quarter, edition, scheme_id as "schemeId", scope_unit_id as "scopeUnitId",
      attempts, max_attempts as "maxAttempts", org_unit_id as "orgUnitId"`.execute(db);
  const r = row.rows[0];
  if (!r) return undefined;
  const unit = await db
    .selectFrom("org_unit")
    .select("code")
    .where("id", "=", r.orgUnitId)
    .executeTakeFirstOrThrow();
  return {
    id: r.id,
    orgUnitCode: unit.code,
    year: Number(r.year),
    quarter: Number(r.quarter),
    edition: r.edition,
    schemeId: r.schemeId,
    scopeUnitId: r.scopeUnitId,
    attempts: Number(r.attempts),
    maxAttempts: Number(r.maxAttempts),
  };
}

/** Progress of a running report (never backwards) and its lease renewed. */
export async function setReportProgress(db: Db, id: string, progress: number): Promise<void> {
  await db
    .updateTable("report")
    .set({
      progress: sql<number>`greatest(progress, ${progress}::float8)`,
      heartbeat_at: new Date(),
      updated_at: new Date(),
    })
    .where("id", "=", id)
    .where("status", "=", "running")
    .where("published_at", "is", null)
    .execute();
}

/** The model and HTML of a report being generated (stored while its PDF prints). */
export async function saveReportContent(
  db: Db,
  id: string,
  c: { schemeVersion: number; model: unknown; html: string },
): Promise<void> {
  await db
    .updateTable("report")
    .set({
      scheme_version: c.schemeVersion,
      model: JSON.stringify(c.model),
      html: c.html,
      heartbeat_at: new Date(),
      updated_at: new Date(),
    })
    .where("id", "=", id)
    .where("status", "=", "running")
    .where("published_at", "is", null)
    .execute();
}

/** What finishes a report (its model and HTML were saved by `saveReportContent`). */
export interface FinishedReport {
  snapshot: unknown;
  pdf: Uint8Array;
  pdfSha256: string;
  pages: number;
}

/** Stores a generated report's PDF and snapshot and marks it done. */
export async function finishReport(db: Db, id: string, f: FinishedReport): Promise<void> {
  const now = new Date();
  await db
    .updateTable("report")
    .set({
      status: "done",
      progress: 1,
      error: null,
      snapshot: JSON.stringify(f.snapshot),
      // Through base64 text: see reportContent.
      pdf: sql<Uint8Array>`decode(${Buffer.from(f.pdf).toString("base64")}, 'base64')`,
      pdf_sha256: f.pdfSha256,
      pages: f.pages,
      finished_at: now,
      updated_at: now,
    })
    .where("id", "=", id)
    .where("published_at", "is", null)
    .execute();
}

/** Puts a failed attempt back in the queue, due at `notBefore`, keeping why it failed. */
export async function retryReport(db: Db, id: string, error: string, notBefore: Date) {
  await db
    .updateTable("report")
    .set({ status: "queued", error, not_before: notBefore, updated_at: new Date() })
    .where("id", "=", id)
    .where("published_at", "is", null)
    .execute();
}

/** Marks a report failed for good, with the reason. */
export async function failReport(db: Db, id: string, error: string): Promise<void> {
  const now = new Date();
  await db
    .updateTable("report")
    .set({ status: "failed", error, finished_at: now, updated_at: now })
    .where("id", "=", id)
    .where("published_at", "is", null)
    .execute();
}

/**
 * Start-up repair for a single-instance deployment: reports left running by this process's
 * previous life go back to the queue at once (rather than after the lease), or fail when their
 * attempts are used up. Returns how many were touched.
 */
export async function requeueInterruptedReports(db: Db): Promise<number> {
  const now = new Date();
  const failed = await db
    .updateTable("report")
    .set({
      status: "failed",
      error: "报告生成因服务重启而中断，已无重试次数",
      finished_at: now,
      updated_at: now,
    })
    .where("status", "=", "running")
    .where("published_at", "is", null)
    .whereRef("attempts", ">=", "max_attempts")
    .executeTakeFirst();
  const requeued = await db
    .updateTable("report")
    .set({
      status: "queued",
      error: "报告生成因服务重启而中断，已重新排队",
      not_before: now,
      updated_at: now,
    })
    .where("status", "=", "running")
    .where("published_at", "is", null)
    .executeTakeFirst();
  return Number(failed.numUpdatedRows) + Number(requeued.numUpdatedRows);
}

/** Whether any report is waiting (due or not) or running: the queue's idle test. */
export async function pendingReports(db: Db): Promise<{ due: number; later: number }> {
  const row = await db
    .selectFrom("report")
    .select([
      sql<number>`count(*) filter (where status = 'running' or not_before <= now())::int`.as("due"),
      sql<number>`count(*) filter (where status = 'queued' and not_before > now())::int`.as(
        "later",
      ),
    ])
    .where("status", "in", ["queued", "running"])
    .executeTakeFirstOrThrow();
  return { due: Number(row.due), later: Number(row.later) };
}
