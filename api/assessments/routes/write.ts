import { createRoute } from "@hono/zod-openapi";
import { parsePeriod } from "../../../shapes/periods.ts";
import { jsonBody, jsonResponse, problems, type Router } from "../../http/router.ts";
import { authorize } from "../../middleware/authorize.ts";
import { getAssessment } from "../queries.ts";
import {
  presentAssessment,
  reopenAssessment,
  resolveTarget,
  signOffAssessment,
  writeAssessment,
} from "../rules.ts";
import { Assessment, AssessmentInput, AssessmentParams, ReopenAssessmentInput } from "../schema.ts";

const WHO =
  "By an assessor (an admin may stand in) whose scope strictly contains the unit: the assessed unit never scores itself, leaders and clerks never score (403); a unit outside the scope is 403.";

const put = createRoute({
  method: "put",
  path: "/assessments/{orgUnit}/{period}",
  tags: ["assessments"],
  summary: "Save a unit's assessor scores and bonus / penalty points for a quarter (draft)",
  description: `${WHO} Replaces the saved items and adjustments. Item codes must be the scheme's assessorItems (scores 0–100, a comment each); adjustment codes its adjustmentItems, points above 0 and at most the item's maxPoints (the kind gives the sign), a reason each (422 naming the field, nothing written). 409 after sign-off (until an admin reopens) or after the quarter's close.`,
  middleware: [authorize("assessments.write")] as const,
  request: { params: AssessmentParams, body: jsonBody(AssessmentInput) },
  responses: {
    200: jsonResponse(Assessment, "The stored assessment"),
    ...problems(401, 403, 404, 409, 415, 422),
  },
});

const signOff = createRoute({
  method: "post",
  path: "/assessments/{orgUnit}/{period}/sign-off",
  tags: ["assessments"],
  summary: "Sign off (freeze) a unit's assessment: its total stops being provisional",
  description: `${WHO} Every assessor item must be scored (422). 404 when nothing was saved; 409 when signed off already.`,
  middleware: [authorize("assessments.write")] as const,
  request: { params: AssessmentParams },
  responses: {
    200: jsonResponse(Assessment, "The signed-off assessment"),
    ...problems(401, 403, 404, 409, 422),
  },
});

const reopen = createRoute({
  method: "post",
  path: "/assessments/{orgUnit}/{period}/reopen",
  tags: ["assessments"],
  summary: "Reopen a signed-off assessment, with a reason (admin)",
  description:
    "By an admin whose scope strictly contains the unit. The reopening (who, when, why) is kept and audited; 409 when not signed off.",
  middleware: [authorize("assessments.reopen")] as const,
  request: { params: AssessmentParams, body: jsonBody(ReopenAssessmentInput) },
  responses: {
    200: jsonResponse(Assessment, "The reopened assessment (a draft again)"),
    ...problems(401, 403, 404, 409, 415, 422),
  },
});

export function registerAssessmentWrites(app: Router) {
  app.openapi(put, async (c) => {
    const { orgUnit, period } = c.req.valid("param");
    const body = c.req.valid("json");
    const { db } = c.get("deps").store;
    c.set("auditTarget", `assessment ${orgUnit} ${period}`);
    const t = await resolveTarget(db, orgUnit, parsePeriod(period)!);
    await writeAssessment(db, c.get("principal")!, t, body);
    c.set("auditDetail", {
      items: body.items.map((i) => `${i.code}=${i.score}`),
      adjustments: body.adjustments.map((a) => `${a.code}=${a.points}`),
    });
    return c.json(presentAssessment(t, await getAssessment(db, t.quarter, t.unit.id)), 200);
  });
  app.openapi(signOff, async (c) => {
    const { orgUnit, period } = c.req.valid("param");
    const { db } = c.get("deps").store;
    c.set("auditTarget", `assessment ${orgUnit} ${period} sign-off`);
    const t = await resolveTarget(db, orgUnit, parsePeriod(period)!);
    await signOffAssessment(db, c.get("principal")!, t);
    return c.json(presentAssessment(t, await getAssessment(db, t.quarter, t.unit.id)), 200);
  });
  app.openapi(reopen, async (c) => {
    const { orgUnit, period } = c.req.valid("param");
    const { reason } = c.req.valid("json");
    const { db } = c.get("deps").store;
    c.set("auditTarget", `assessment ${orgUnit} ${period} reopen`);
    const t = await resolveTarget(db, orgUnit, parsePeriod(period)!);
    await reopenAssessment(db, c.get("principal")!, t, reason);
    c.set("auditDetail", { reason });
    return c.json(presentAssessment(t, await getAssessment(db, t.quarter, t.unit.id)), 200);
  });
}
