import { createRoute } from "@hono/zod-openapi";
import { SamplePlans } from "../../../shapes/sample-plans.ts";
import { namedOrOwnUnit } from "../../access/scope.ts";
import { jsonResponse, problems, type Router } from "../../http/router.ts";
import { authorize } from "../../middleware/authorize.ts";
import { acceptedPeriod } from "../../periods/rules.ts";
import { samplePlans } from "../sample-plan.ts";
import { SamplePlanQuery, SurveyParams } from "../schema.ts";

const route = createRoute({
  method: "get",
  path: "/surveys/{id}/sample-plans",
  tags: ["surveys"],
  summary: "Sample plans: each community's target sample for the quarter and its progress",
  description:
    "For every community (or village) of the unit's subtree (a grid: its community): the target n for a ±5-point margin at 95% on the 0–100 response score, n0 = (1.96·s/5)² with s the sample SD of the community's scored responses in the previous quarter (fewer than 2: the SD of all the survey's responses that quarter; fewer than 2 there too: 50, the largest SD of a 0–100 score), corrected for the population N of the quarter's year (n0 / (1 + (n0 − 1)/N)), rounded up, at least 30 and at most N; and the scored responses collected so far, what remains, and whether the target is met. Readers of indicators (clerks included) may read it.",
  middleware: [authorize("indicators.read")] as const,
  request: { params: SurveyParams, query: SamplePlanQuery },
  responses: {
    200: jsonResponse(SamplePlans, "The plans"),
    ...problems(400, 401, 403, 404, 422),
  },
});

export function registerSamplePlans(app: Router) {
  app.openapi(route, async (c) => {
    const { id } = c.req.valid("param");
    const query = c.req.valid("query");
    const principal = c.get("principal")!;
    const db = c.get("deps").store.db;
    const q = acceptedPeriod(query.period, "query.period");
    const unit = await namedOrOwnUnit(db, principal, query.orgUnit);
    return c.json(await samplePlans(db, { surveyId: id, unit, q }), 200);
  });
}
