import { createRoute } from "@hono/zod-openapi";
import { parsePeriod } from "../../../shapes/periods.ts";
import { jsonResponse, problems, type Router } from "../../http/router.ts";
import { authorize } from "../../middleware/authorize.ts";
import { reportInScope, reportJson, unitInScope } from "../access.ts";
import { listReports } from "../queries/reports.ts";
import { Report, ReportList, ReportListQuery, ReportParams } from "../schema.ts";

const getRoute = createRoute({
  method: "get",
  path: "/reports/{id}",
  tags: ["reports"],
  summary: "A report's status, percent done, version and links",
  middleware: [authorize("reports.read")] as const,
  request: { params: ReportParams },
  responses: { 200: jsonResponse(Report, "The report"), ...problems(401, 403, 404, 422) },
});

const listRoute = createRoute({
  method: "get",
  path: "/reports",
  tags: ["reports"],
  summary: "A unit's reports: published versions (with their dates) and drafts, newest first",
  description:
    "Filter by quarter (`period`) and `edition`. Published versions never change; a later version is a new entry.",
  middleware: [authorize("reports.read")] as const,
  request: { query: ReportListQuery },
  responses: { 200: jsonResponse(ReportList, "The reports"), ...problems(401, 403, 404, 422) },
});

export function registerReadReports(app: Router) {
  app.openapi(getRoute, async (c) => {
    const row = await reportInScope(c, c.req.valid("param").id);
    c.header("cache-control", "no-store");
    return c.json(reportJson(row), 200);
  });

  app.openapi(listRoute, async (c) => {
    const query = c.req.valid("query");
    const unit = await unitInScope(c, query.orgUnit, "query.orgUnit");
    const q = query.period ? parsePeriod(query.period) : null;
    const rows = await listReports(c.get("deps").store.db, {
      orgUnitId: unit.id,
      year: q?.year,
      quarter: q?.quarter,
      edition: query.edition,
      limit: query.limit,
    });
    c.header("cache-control", "no-store");
    return c.json(
      {
        orgUnit: unit.code,
        orgUnitName: unit.name,
        period: query.period ?? null,
        reports: rows.map(reportJson),
      },
      200,
    );
  });
}
