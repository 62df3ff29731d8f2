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
import { publishRefusal } from "../reporting/publish-rule.ts";
import { listReports } from "../reporting/queries/reports.ts";

/** How many reports the panel lists (newest first); the API lists them all. */
export const REPORTS_ON_DASHBOARD = 20;

/** The report list of one unit and quarter, newest first; null when the role may not read reports. */
export async function buildReportListView(
  db: Kysely<DB>,
  viewer: { role: PrincipalRole; scopeUnitId: number | null },
  unit: { id: number; code: string; name: string },
  period: { year: number; quarter: number },
): Promise<ReportListView | null> {
  const { role } = viewer;
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
    // A unit never publishes its own report (issue 20): the button shows only where some edition
    // is the viewer's to publish (reporting/publish-rule.ts decides each; the API refuses others).
    canPublish:
      can(role, "reports.publish") &&
      (publishRefusal(viewer, unit.id, "leadership") === null ||
        publishRefusal(viewer, unit.id, "assessor") === null),
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
