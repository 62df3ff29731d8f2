import { createRoute } from "@hono/zod-openapi";
import { parsePeriod } from "../../../shapes/periods.ts";
import { jsonBody, jsonResponse, problems, type Router } from "../../http/router.ts";
import { authorize } from "../../middleware/authorize.ts";
import { getReturn } from "../queries.ts";
import { reviewReturn } from "../review.ts";
import { ReturnParams, ReviewInput, StoredReturn } from "../schema.ts";
import { presentReturn } from "./present.ts";

const route = createRoute({
  method: "post",
  path: "/returns/{orgUnitCode}/{period}/review",
  tags: ["returns"],
  summary: "Approve a unit's quarterly return or send it back",
  description:
    "By a leader or admin whose scope strictly contains the unit (the street leader for its communities, or above): " +
    "a unit never reviews its own return (403), nor one outside the caller's subtree (403). " +
    "`returned` (已退回) needs a `reason` (422 without one); `approved` is 已通过. A later decision replaces an earlier one; " +
    "filing the return again clears the review (reviewState `pending`, 待审核). No return filed → 404; the quarter closed → 409.",
  middleware: [authorize("returns.review")] as const,
  request: { params: ReturnParams, body: jsonBody(ReviewInput) },
  responses: {
    200: jsonResponse(StoredReturn, "The return with its review"),
    ...problems(400, 401, 403, 404, 409, 415, 422),
  },
});

export function registerReviewReturn(app: Router) {
  app.openapi(route, async (c) => {
    const { orgUnitCode, period } = c.req.valid("param");
    const body = c.req.valid("json");
    const deps = c.get("deps");
    const db = deps.store.db;
    const q = parsePeriod(period)!;
    c.set("auditTarget", `returns review: ${orgUnitCode} ${period}`);
    c.set("auditDetail", { decision: body.decision, reason: body.reason ?? null });
    const unit = await reviewReturn(db, c.get("principal")!, orgUnitCode, q, body, deps.now?.());
    const stored = await getReturn(db, unit.id, q);
    return c.json(presentReturn(stored!), 200);
  });
}
