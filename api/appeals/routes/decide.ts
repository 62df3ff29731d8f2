import { createRoute, type z } from "@hono/zod-openapi";
import { formatPeriod } from "../../../shapes/periods.ts";
import { jsonBody, jsonResponse, problems, type Router } from "../../http/router.ts";
import { authorize } from "../../middleware/authorize.ts";
import { getAppeal } from "../queries/read.ts";
import { decideAppeal } from "../rules.ts";
import { Appeal, AppealParams, DecisionInput } from "../schema.ts";
import { presentAppeal } from "./present.ts";

const route = createRoute({
  method: "post",
  path: "/appeals/{id}/decision",
  tags: ["appeals"],
  summary: "Approve or reject a pending appeal",
  description:
    "By an assessor, or a leader or admin whose scope strictly contains the appeal's unit: a unit never decides its own " +
    "appeal (403). An appeal outside the caller's subtree is 404; one decided already is 409. Approval exempts the cases " +
    "(核减) at once: they leave every case-based indicator, and the quarters they touch are recomputed.",
  middleware: [authorize("appeals.decide")] as const,
  request: { params: AppealParams, body: jsonBody(DecisionInput) },
  responses: {
    200: jsonResponse(Appeal, "The decided appeal"),
    ...problems(401, 403, 404, 409, 415, 422),
  },
});

export function registerDecideAppeal(app: Router) {
  app.openapi(route, async (c) => {
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    const { db } = c.get("deps").store;
    c.set("auditTarget", `appeal ${id}`);
    await decideAppeal(db, c.get("principal")!, id, body);
    const appeal = (await getAppeal(db, id))!;
    c.set("auditTarget", `appeal ${id}: ${appeal.orgUnitCode} ${formatPeriod(appeal)}`);
    c.set("auditDetail", {
      appeal: id,
      decision: body.decision,
      cases: appeal.cases.map((k) => `${k.source}/${k.externalId}`),
    });
    return c.json(presentAppeal(appeal) as z.infer<typeof Appeal>, 200);
  });
}
