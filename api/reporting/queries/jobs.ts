/** The report jobs an administrator follows (报告计划与任务): every report in a subtree, newest first. */
import type { Kysely, Transaction } from "kysely";
import type { DB } from "../../db/database.ts";
import type { ReportStatus } from "../../db/tables/report.ts";
import { type ReportRow, selectRow } from "./reports.ts";

type Db = Kysely<DB> | Transaction<DB>;

/**
 * The newest `limit` reports on units in the subtree of `scopeUnitId` (all units when null),
 * drafts and published alike, by creation time.
 */
export async function listReportJobs(
  db: Db,
  scopeUnitId: number | null,
  limit: number,
): Promise<ReportRow[]> {
  let q = selectRow(db);
  if (scopeUnitId !== null) {
    q = q.where("r.org_unit_id", "in", (eb) =>
      eb.selectFrom("org_closure").select("descendant_id").where("ancestor_id", "=", scopeUnitId),
    );
  }
  return q.orderBy("r.created_at", "desc").orderBy("r.id").limit(limit).execute();
}

/** How many reports in the subtree (all when null) are in each status. */
export async function countReportJobs(
  db: Db,
  scopeUnitId: number | null,
): Promise<Record<ReportStatus, number>> {
  let q = db
    .selectFrom("report as r")
    .select(["r.status", (eb) => eb.fn.countAll<string>().as("n")])
    .groupBy("r.status");
  if (scopeUnitId !== null) {
    q = q.where("r.org_unit_id", "in", (eb) =>
      eb.selectFrom("org_closure").select("descendant_id").where("ancestor_id", "=", scopeUnitId),
    );
  }
  const counts: Record<ReportStatus, number> = { queued: 0, running: 0, done: 0, failed: 0 };
  for (const r of await q.execute()) counts[r.status] = Number(r.n);
  return counts;
}
