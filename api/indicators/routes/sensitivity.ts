import { createRoute } from "@hono/zod-openapi";
import { jsonResponse, problems, type Router } from "../../http/router.ts";
import { authorize } from "../../middleware/authorize.ts";
import { quarterSensitivity } from "../../periods/official-sensitivity.ts";
import { DEFAULT_SCHEME_ID } from "../../schemes/definition.ts";
import { requirePeriod, SensitivityQuery, SensitivityReport } from "../schema.ts";

const route = createRoute({
  method: "get",
  path: "/sensitivity",
  tags: ["indicators"],
  summary: "How the ranking of a unit's children moves when the weights move (±20%, 1,000 draws)",
  description:
    "For each child: its index and rank, and the median, 5th and 95th percentile of its rank over 1,000 seeded Monte Carlo draws in which every indicator and dimension weight is multiplied by a uniform factor in [0.8, 1.2] (INDICATORS.md). A closed quarter draws over its children's official scores (`official: true`) unless `live=true`; `version=N` names a closing, as GET /indicators.",
  middleware: [authorize("indicators.read")] as const,
  request: { query: SensitivityQuery },
  responses: {
    200: jsonResponse(SensitivityReport, "One row per child, in code order"),
    ...problems(400, 401, 403, 404, 409, 422),
  },
});

export function registerSensitivity(app: Router) {
  app.openapi(route, async (c) => {
    const query = c.req.valid("query");
    const principal = c.get("principal")!;
    // A closed quarter: over its official scores unless live=true or version=N (periods' rule).
    const report = await quarterSensitivity(c.get("deps").engine, {
      period: requirePeriod(query.period),
      orgUnit: query.orgUnit,
      scopeUnitId: principal.scopeUnitId,
      schemeId: query.scheme ?? DEFAULT_SCHEME_ID,
      schemeVersion: query.schemeVersion,
      live: query.live === "true" || query.live === "1",
      version: query.version,
    });
    return c.json(report, 200);
  });
}
