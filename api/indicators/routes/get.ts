import type { z } from "@hono/zod-openapi";
import { createRoute } from "@hono/zod-openapi";
import type { TypedResponse } from "hono";
import { NotFound } from "../../errors.ts";
import { jsonResponse, problems, type Router } from "../../http/router.ts";
import { authorize } from "../../middleware/authorize.ts";
import { answeringClosing, officialReport } from "../../periods/official.ts";
import { DEFAULT_SCHEME_ID } from "../../schemes/definition.ts";
import { resolve } from "../context.ts";
import { indicatorReportJson } from "../report.ts";
import { IndicatorReport, IndicatorsQuery, requirePeriod } from "../schema.ts";

const route = createRoute({
  method: "get",
  path: "/indicators",
  tags: ["indicators"],
  summary: "Indicators, scores, index, grade and rank of a unit (and its children) for a quarter",
  description:
    "Values are computed over each unit's whole subtree (numerators and denominators summed, then divided) under the scheme version valid in the period's year; `scheme` names it. No value is `null`, never 0. Each indicator carries the previous quarter's value (环比) and the same quarter last year (同比). " +
    "For a closed quarter (POST /periods/{period}/close) the answer is the official figures stored at close, with `official: true`, the `closing` and `lateCases` (cases of the quarter stored or changed since); `live=true` gives the live figures, `version=N` the figures of the N-th close. Official figures exist for the default scheme's version only: a closed quarter asked under another scheme or version is 409 unless `live=true`.",
  middleware: [authorize("indicators.read")] as const,
  request: { query: IndicatorsQuery },
  responses: {
    200: jsonResponse(IndicatorReport, "The unit first, then its children when asked"),
    ...problems(400, 401, 403, 404, 409, 422),
  },
});

const yes = (v: string | undefined) => v === "true" || v === "1";

export function registerGetIndicators(app: Router) {
  app.openapi(route, async (c) => {
    const query = c.req.valid("query");
    const principal = c.get("principal")!;
    const { engine } = c.get("deps");
    const db = engine.db;
    const req = {
      period: requirePeriod(query.period),
      orgUnit: query.orgUnit,
      scopeUnitId: principal.scopeUnitId,
      children: yes(query.children),
      schemeId: query.scheme ?? DEFAULT_SCHEME_ID,
      schemeVersion: query.schemeVersion,
      version: query.version,
      live: yes(query.live),
    };
    // The one rule of a closed quarter's figures (official unless live=true or version=N). The
    // live answer's small reads (resolve) go out with the closing's lookup, not after it: a warm
    // request waits for one round trip of the database, not two.
    const resolving = resolve(engine, req);
    resolving.catch(() => {}); // awaited below when the answer is live; unused otherwise
    const closing = await answeringClosing(db, req);
    if (closing) {
      const official = await officialReport(engine, req, closing);
      if (official) {
        const { surveys: _, ...body } = official;
        return c.json(body, 200);
      }
      // A unit created after the close has no official figures: live, unless a version was named.
      if (req.version !== undefined) {
        throw new NotFound(`该单位在第 ${req.version} 版关账时尚不存在，没有正式数据`);
      }
    }
    const body = await indicatorReportJson(engine, req, await resolving);
    // Sent as the cached, pre-encoded JSON (serialised once per cache entry); the cast restates
    // what those bytes are: an IndicatorReport, as the route declares.
    return c.body(body, 200, {
      "content-type": "application/json; charset=UTF-8",
    }) as unknown as TypedResponse<z.infer<typeof IndicatorReport>, 200, "json">;
  });
}
