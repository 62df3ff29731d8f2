import { createRoute } from "@hono/zod-openapi";
import { parsePeriod } from "../../../shapes/periods.ts";
import { creatorKey } from "../../access/principal.ts";
import { jsonBody, jsonResponse, problems, type Router } from "../../http/router.ts";
import { authorize } from "../../middleware/authorize.ts";
import { refuseFutureQuarter } from "../../periods/rules.ts";
import { DEFAULT_SCHEME_ID } from "../../schemes/definition.ts";
import { unitInScope } from "../access.ts";
import { insertReport } from "../queries/reports.ts";
import { ReportAccepted, ReportCreate } from "../schema.ts";

const route = createRoute({
  method: "post",
  path: "/reports",
  tags: ["reports"],
  summary: "Generate a quarterly assessment report (HTML and PDF) in the background",
  description:
    "Queues the report and answers 202 at once; follow `GET /api/v1/reports/{id}` for its status (queued, running, done, failed with a reason) and percent done, then fetch `/html` or `/pdf`. A failed attempt is retried with backoff (3 attempts). Within your scope.",
  middleware: [authorize("reports.write")] as const,
  request: { body: jsonBody(ReportCreate) },
  responses: {
    202: jsonResponse(ReportAccepted, "Queued"),
    ...problems(400, 401, 403, 404, 413, 415, 422),
  },
});

/** The principal's key in `report.created_by` (as for jobs). */

export function registerCreateReport(app: Router) {
  app.openapi(route, async (c) => {
    const body = c.req.valid("json");
    const deps = c.get("deps");
    const principal = c.get("principal")!;
    const q = parsePeriod(body.period)!;
    refuseFutureQuarter(q, "body.period");
    const unit = await unitInScope(c, body.orgUnit, "body.orgUnit");
    const id = crypto.randomUUID();
    await insertReport(deps.store.db, {
      id,
      orgUnitId: unit.id,
      year: q.year,
      quarter: q.quarter,
      edition: body.edition,
      schemeId: body.scheme ?? DEFAULT_SCHEME_ID,
      scopeUnitId: principal.scopeUnitId,
      createdBy: creatorKey(principal),
    });
    c.set("auditTarget", `reports: ${id}`);
    c.set("auditDetail", { orgUnit: unit.code, period: body.period, edition: body.edition });
    deps.reports?.queue().kick();
    c.header("location", `/api/v1/reports/${id}`);
    return c.json({ id, status: "queued" as const, links: { self: `/api/v1/reports/${id}` } }, 202);
  });
}
