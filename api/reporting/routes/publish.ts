import { createRoute } from "@hono/zod-openapi";
import { formatPeriod } from "../../../shapes/periods.ts";
import { creatorKey } from "../../access/principal.ts";
import { Conflict, Forbidden, NotFound } from "../../errors.ts";
import { jsonResponse, problems, type Router } from "../../http/router.ts";
import { authorize } from "../../middleware/authorize.ts";
import { reportInScope, reportJson } from "../access.ts";
import { publishRefusal } from "../publish-rule.ts";
import { getReport, publishReport } from "../queries/reports.ts";
import { Report, ReportParams } from "../schema.ts";

const route = createRoute({
  method: "post",
  path: "/reports/{id}/publish",
  tags: ["reports"],
  summary: "Publish a finished draft as the next version of its unit, quarter and edition",
  description:
    "The assessor edition by an assessor (an admin may stand in); the leadership edition by a leader or admin whose scope strictly contains the unit; a unit never publishes its own report (403). " +
    "Its HTML, PDF and input snapshot (scheme version, data as of, data versions, SHA-256 of the PDF, the ReportModel) are frozen: the database refuses any later change, whatever data arrives. 409 when the report is not done or already published.",
  middleware: [authorize("reports.publish")] as const,
  request: { params: ReportParams },
  responses: {
    200: jsonResponse(Report, "The published version"),
    ...problems(401, 403, 404, 409, 422),
  },
});

export function registerPublishReport(app: Router) {
  app.openapi(route, async (c) => {
    const row = await reportInScope(c, c.req.valid("param").id);
    const db = c.get("deps").store.db;
    const principal = c.get("principal")!;
    c.set("auditTarget", `reports: ${row.id}`);
    const refusal = publishRefusal(principal, row.orgUnitId, row.edition);
    if (refusal) throw new Forbidden(`${refusal}（${row.orgUnitName}）`);
    const by = creatorKey(principal);
    const outcome = await db.transaction().execute((trx) => publishReport(trx, row.id, by));
    if (!outcome.ok) {
      if (outcome.reason === "missing") throw new NotFound(`报告 ${row.id} 不存在`);
      throw new Conflict(
        outcome.reason === "published"
          ? `报告 ${row.id} 已发布为第 ${outcome.version} 版`
          : `报告 ${row.id} 尚未生成完成（${row.status}），只有生成完成的报告才能发布`,
      );
    }
    c.set("auditTarget", `reports: ${row.id}`);
    c.set("auditDetail", {
      orgUnit: row.orgUnitCode,
      period: formatPeriod(row),
      edition: row.edition,
      version: outcome.version,
      pdfSha256: row.pdfSha256,
    });
    const published = await getReport(db, row.id);
    return c.json(reportJson(published!), 200);
  });
}
