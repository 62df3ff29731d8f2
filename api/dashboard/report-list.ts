/**
 * The dashboard's report panel (web/components/report-list.tsx) for a unit and quarter: its
 * reports from the database, as the component's view model, with the actions the viewer's role
 * allows (generate a draft, publish a finished one).
 */

import type { Kysely } from "kysely";
import { formatPeriod } from "../../shapes/periods.ts";
import type { ReportListView } from "../../web/components/report-list.tsx";
import type { PrincipalRole } from "../access/permissions.ts";
import { can } from "../access/permissions.ts";
import type { DB } from "../db/database.ts";
import { listReports } from "../reporting/queries/reports.ts";

/** How many reports the panel lists (newest first); the API lists them all. */
export const REPORTS_ON_DASHBOARD = 20;

/** The report list of one unit and quarter, newest first; null when the role may not read reports. */
export async function buildReportListView(
  db: Kysely<DB>,
  role: PrincipalRole,
  unit: { id: number; code: string; name: string },
  period: { year: number; quarter: number },
): Promise<ReportListView | null> {
  if (!can(role, "reports.read")) return null;
  const rows = await listReports(db, {
    orgUnitId: unit.id,
    year: period.year,
    quarter: period.quarter,
    limit: REPORTS_ON_DASHBOARD,
  });
  return {
    unitName: unit.name,
    unitCode: unit.code,
    period: formatPeriod(period),
    canGenerate: can(role, "reports.write"),
    canPublish: can(role, "reports.publish"),
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
