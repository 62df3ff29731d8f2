import type { z } from "@hono/zod-openapi";
import { createRoute } from "@hono/zod-openapi";
import type { TypedResponse } from "hono";
import { jsonResponse, problems, type Router } from "../../http/router.ts";
import { authorize } from "../../middleware/authorize.ts";
import { DEFAULT_SCHEME_ID } from "../../schemes/definition.ts";
import { indicatorReportJson } from "../report.ts";
import { IndicatorReport, IndicatorsQuery, requirePeriod } from "../schema.ts";

const route = createRoute({
  method: "get",
  path: "/indicators",
  tags: ["indicators"],
  summary: "Indicators, scores, index, grade and rank of a unit (and its children) for a quarter",
  description:
    "Values are computed over each unit's whole subtree (numerators and denominators summed, then divided) under the scheme version valid in the period's year; `scheme` names it. No value is `null`, never 0. Each indicator carries the previous quarter's value (环比) and the same quarter last year (同比).",
  middleware: [authorize("indicators.read")] as const,
  request: { query: IndicatorsQuery },
  responses: {
    200: jsonResponse(IndicatorReport, "The unit first, then its children when asked"),
    ...problems(400, 401, 403, 404, 422),
  },
});

export function registerGetIndicators(app: Router) {
  app.openapi(route, async (c) => {
    const query = c.req.valid("query");
    const principal = c.get("principal")!;
    const body = await indicatorReportJson(c.get("deps").engine, {
      period: requirePeriod(query.period),
      orgUnit: query.orgUnit,
      scopeUnitId: principal.scopeUnitId,
      children: query.children === "true" || query.children === "1",
      schemeId: query.scheme ?? DEFAULT_SCHEME_ID,
      schemeVersion: query.schemeVersion,
    });
    // Sent as the cached, pre-encoded JSON (serialised once per cache entry); the cast restates
    // what those bytes are: an IndicatorReport, as the route declares.
    return c.body(body, 200, {
      "content-type": "application/json; charset=UTF-8",
    }) as unknown as TypedResponse<z.infer<typeof IndicatorReport>, 200, "json">;
  });
}
