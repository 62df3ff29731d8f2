import { createRoute, z } from "@hono/zod-openapi";
import { formatPeriod } from "../../../shapes/periods.ts";
import { problems, type Router } from "../../http/router.ts";
import { requirePeriod } from "../../indicators/schema.ts";
import { authorize } from "../../middleware/authorize.ts";
import { closedState, closedStateLines } from "../../periods/closed-note.ts";
import { createReportSource } from "../../reporting/source.ts";
import { auditExport } from "../access.ts";
import { disposition } from "../deliver.ts";
import { AssessmentQuery, XLSX_TYPE } from "../schema.ts";

const route = createRoute({
  method: "get",
  path: "/exports/assessment.xlsx",
  tags: ["exports"],
  summary:
    "The assessor workbook: every rate, score, dimension, index, grade and rank a live formula",
  description:
    "Sheets 说明, 指标明细, 维度与指数, 问卷样本, 数据质量, 参数. Each rate is a formula over its numerator and denominator " +
    "(blank, not 0, when the denominator is 0); scores, dimension scores, the index, grade and rank are formulas over the " +
    "goalposts and weights of 参数, so changing a weight there moves them all. Cached results equal GET /indicators for the " +
    "same period and unit (for a closed quarter its official figures; 说明 says the quarter is closed and how many cases arrived since). Within your scope (exports.read); recorded in the audit log.",
  middleware: [authorize("exports.read")] as const,
  request: { query: AssessmentQuery },
  responses: {
    200: {
      description: "The workbook",
      content: { [XLSX_TYPE]: { schema: z.string().openapi({ format: "binary" }) } },
    },
    ...problems(400, 401, 403, 404, 409, 413, 422),
  },
});

export function registerAssessmentExport(app: Router) {
  app.openapi(route, async (c) => {
    const query = c.req.valid("query");
    const q = requirePeriod(query.period);
    const principal = c.get("principal")!;
    const now = new Date();
    const source = createReportSource(c.get("deps").engine, {
      scopeUnitId: principal.scopeUnitId,
      now,
    });
    // Node-only (exceljs): loaded on first use so the Worker bundle does not include it.
    const { assembleAssessmentWorkbook } = await import(
      "../../../reports/assemble/assessment-workbook.ts"
    );
    const { renderAssessmentXlsx } = await import("../../../reports/xlsx/assessment.ts");
    const model = await assembleAssessmentWorkbook(source, {
      period: formatPeriod(q),
      orgUnit: query.orgUnit,
      depth: query.depth,
      schemeId: query.scheme,
      schemeVersion: query.schemeVersion,
      now: now.toISOString(),
    });
    // The cover's 数据截至 section leads with the quarter's state: official figures of a closed
    // quarter, raw data live with the cases that arrived since the close.
    const closed = await closedState(c.get("deps").engine, q, model.unit.code);
    model.dataAsOf.unshift(...closedStateLines(closed));
    const bytes = await renderAssessmentXlsx(model);
    await auditExport(c, 200, `assessment.xlsx: ${model.unit.code} ${model.period}`, {
      units: model.units.length,
      depth: model.depth,
      scheme: `${model.scheme.id}@${model.scheme.version}`,
    });
    const name = `assessment-${model.unit.code}-${model.period}.xlsx`;
    const nameZh = `评估工作簿-${model.unit.name}-${model.period}.xlsx`;
    return c.body(bytes, 200, {
      "content-type": XLSX_TYPE,
      "content-disposition": disposition(name, nameZh),
      "cache-control": "no-store",
    });
  });
}
