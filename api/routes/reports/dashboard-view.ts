/**
 * The dashboard's report panel (web/components/report-list.tsx) for a unit and quarter: its
 * reports from the database, as the component's view model.
 */
import type { Kysely } from "kysely";
import type { ReportListView } from "../../../web/components/report-list.tsx";
import type { DB } from "../../db/database.ts";
import { listReports } from "../../db/queries/reports.ts";

/** The report list of one unit (by id) and quarter, newest first, at most 20. */
export async function buildReportListView(
  db: Kysely<DB>,
  unit: { id: number; name: string },
  period: { year: number; quarter: number },
): Promise<ReportListView> {
  const rows = await listReports(db, {
    orgUnitId: unit.id,
    year: period.year,
    quarter: period.quarter,
    limit: 20,
  });
  return {
    unitName: unit.name,
    period: `${period.year}Q${period.quarter}`,
    items: rows.map((r) => ({
      id: r.id,
      edition: r.edition,
      status: r.status,
      percent: Math.round(r.progress * 100),
      version: r.version,
      publishedAt: r.publishedAt?.toISOString() ?? null,
      createdAt: r.createdAt.toISOString(),
      pages: r.pages,
      error: r.error,
      pdfHref: `/api/v1/reports/${r.id}/pdf`,
      htmlHref: `/api/v1/reports/${r.id}/html`,
    })),
  };
}
