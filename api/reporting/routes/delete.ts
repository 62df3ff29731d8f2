import { createRoute } from "@hono/zod-openapi";
import { formatPeriod } from "../../../shapes/periods.ts";
import { Conflict, NotFound } from "../../errors.ts";
import { problems, type Router } from "../../http/router.ts";
import { authorize } from "../../middleware/authorize.ts";
import { reportInScope } from "../access.ts";
import { deleteDraftReport } from "../queries/reports.ts";
import { ReportParams } from "../schema.ts";

const route = createRoute({
  method: "delete",
  path: "/reports/{id}",
  tags: ["reports"],
  summary: "Delete a draft report",
  description:
    "Removes a draft (queued, failed or done, never published) with its HTML and PDF. 409 for a published version (versions are kept for good) or a draft being generated right now. Within your scope.",
  middleware: [authorize("reports.write")] as const,
  request: { params: ReportParams },
  responses: { 204: { description: "Deleted" }, ...problems(401, 403, 404, 409, 422) },
});

export function registerDeleteReport(app: Router) {
  app.openapi(route, async (c) => {
    const row = await reportInScope(c, c.req.valid("param").id);
    const db = c.get("deps").store.db;
    const outcome = await db.transaction().execute((trx) => deleteDraftReport(trx, row.id));
    if (!outcome.ok) {
      if (outcome.reason === "missing") throw new NotFound(`报告 ${row.id} 不存在`);
      throw new Conflict(
        outcome.reason === "published"
          ? `该报告已发布为第 ${outcome.version} 版，已发布的版本不能删除`
          : "该报告正在生成，请生成结束后再删除",
      );
    }
    c.set("auditTarget", `reports: ${row.id}`);
    c.set("auditDetail", {
      orgUnit: row.orgUnitCode,
      period: formatPeriod(row),
      edition: row.edition,
      status: row.status,
      deleted: true,
    });
    return c.body(null, 204);
  });
}
