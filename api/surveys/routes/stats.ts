import { createRoute } from "@hono/zod-openapi";
import { namedOrOwnUnit } from "../../access/scope.ts";
import { jsonResponse, problems, type Router } from "../../http/router.ts";
import { authorize } from "../../middleware/authorize.ts";
import { acceptedPeriod } from "../../periods/rules.ts";
import { permits } from "../access.ts";
import { StatsQuery, SurveyParams, SurveyStats } from "../schema.ts";
import { surveyStats } from "../stats.ts";

const route = createRoute({
  method: "get",
  path: "/surveys/{id}/stats",
  tags: ["surveys"],
  summary: "Survey statistics of a unit's subtree in a quarter, with honest margins of error",
  description:
    "n, the G4 score (mean response score 0–100) with its 95% interval mean ± 1.96·s/√n, the satisfaction rate (overall 4 or 5) with its Wilson 95% interval, `insufficient` when n < 30, per-item means and answer distributions, the same by age band and by mode, and Cronbach's alpha. `children=true` adds each direct child. Leaders and admins (surveyComments.read) also get the latest 50 comments, masked.",
  middleware: [authorize("surveyStats.read")] as const,
  request: { params: SurveyParams, query: StatsQuery },
  responses: {
    200: jsonResponse(SurveyStats, "The statistics"),
    ...problems(400, 401, 403, 404, 422),
  },
});

export function registerStats(app: Router) {
  app.openapi(route, async (c) => {
    const { id } = c.req.valid("param");
    const query = c.req.valid("query");
    const principal = c.get("principal")!;
    const db = c.get("deps").store.db;
    const q = acceptedPeriod(query.period, "query.period");
    const unit = await namedOrOwnUnit(db, principal, query.orgUnit);
    const stats = await surveyStats(db, {
      surveyId: id,
      unit,
      q,
      children: query.children === true,
      comments: await permits(c, "surveyComments.read"),
    });
    return c.json({ surveyId: id, period: query.period, ...stats } as never, 200);
  });
}
