import { createRoute } from "@hono/zod-openapi";
import { jsonBody, jsonResponse, problems, type Router } from "../../http/router.ts";
import { authorize } from "../../middleware/authorize.ts";
import { DEFAULT_SCHEME_ID } from "../../schemes/definition.ts";
import { whatIfReport } from "../report.ts";
import { requirePeriod, WhatIfBody, WhatIfReport } from "../schema.ts";

const route = createRoute({
  method: "post",
  path: "/what-if",
  tags: ["indicators"],
  summary:
    "Scores of a unit and its children under changed weights, goalposts or method (nothing stored)",
  description:
    "Starts from the stored scheme version valid in the period and applies the changes. Weight sets that do not sum to 100 are renormalised and `notes` says so. Negative weights and unknown indicator codes are 422 naming the field.",
  middleware: [authorize("whatIf.run")] as const,
  request: { body: jsonBody(WhatIfBody) },
  responses: {
    200: jsonResponse(WhatIfReport, "The unit first, then its children, as GET /indicators"),
    ...problems(400, 401, 403, 404, 415, 422),
  },
});

export function registerWhatIf(app: Router) {
  app.openapi(route, async (c) => {
    const body = c.req.valid("json");
    const principal = c.get("principal")!;
    const report = await whatIfReport(c.get("deps").engine, {
      period: requirePeriod(body.period, "body.period"),
      orgUnit: body.orgUnit,
      scopeUnitId: principal.scopeUnitId,
      schemeId: body.scheme ?? DEFAULT_SCHEME_ID,
      schemeVersion: body.schemeVersion,
      changes: {
        ...(body.weights ? { weights: body.weights } : {}),
        ...(body.targets ? { targets: body.targets } : {}),
        ...(body.targetOverrides ? { targetOverrides: body.targetOverrides } : {}),
        ...(body.normalisation ? { normalisation: body.normalisation } : {}),
        ...(body.aggregation ? { aggregation: body.aggregation } : {}),
      },
    });
    c.set("auditTarget", `what-if: ${report.units[0]?.code ?? ""} ${report.period}`);
    c.set("auditDetail", { units: report.units.length, notes: report.notes.length });
    return c.json(report, 200);
  });
}
