import { createRoute } from "@hono/zod-openapi";
import { parsePeriod } from "../../../shapes/periods.ts";
import { scopedRoot } from "../../access/scope.ts";
import { NotFound } from "../../errors.ts";
import { jsonResponse, newRouter, problems, type Router } from "../../http/router.ts";
import { authorize } from "../../middleware/authorize.ts";
import { listAllUnits } from "../../org-tree/queries.ts";
import { defaultSchemeOf } from "../../schemes/cycle.ts";
import { getAssessment, listSubtreeAssessments } from "../queries.ts";
import { assertCanRead, presentAssessment, resolveTarget } from "../rules.ts";
import { Assessment, AssessmentList, AssessmentParams, ListAssessmentsQuery } from "../schema.ts";
import { registerAssessmentWrites } from "./write.ts";

const get = createRoute({
  method: "get",
  path: "/assessments/{orgUnit}/{period}",
  tags: ["assessments"],
  summary: "A unit's assessor scores and bonus / penalty points for a quarter",
  description:
    "With the scheme's items (assessorItems, adjustmentItems, w, cap) so that a form can be built from it; `status: none` when nothing was saved yet. The unit must lie in the caller's scope (403).",
  middleware: [authorize("assessments.read")] as const,
  request: { params: AssessmentParams },
  responses: {
    200: jsonResponse(Assessment, "The assessment"),
    ...problems(401, 403, 404, 422),
  },
});

const list = createRoute({
  method: "get",
  path: "/assessments",
  tags: ["assessments"],
  summary: "The saved assessments of a quarter in a subtree",
  middleware: [authorize("assessments.read")] as const,
  request: { query: ListAssessmentsQuery },
  responses: {
    200: jsonResponse(AssessmentList, "Saved assessments, by unit"),
    ...problems(401, 403, 404, 422),
  },
});

function registerReads(app: Router) {
  app.openapi(get, async (c) => {
    const { orgUnit, period } = c.req.valid("param");
    const { db } = c.get("deps").store;
    const t = await resolveTarget(db, orgUnit, parsePeriod(period)!);
    await assertCanRead(db, c.get("principal")!, t.unit);
    const row = await getAssessment(db, t.quarter, t.unit.id);
    return c.json(presentAssessment(t, row), 200);
  });
  app.openapi(list, async (c) => {
    const query = c.req.valid("query");
    const { db } = c.get("deps").store;
    const q = parsePeriod(query.period)!;
    const root = await scopedRoot(db, c.get("principal")!, query.orgUnit);
    const scheme = await defaultSchemeOf(db, q.year);
    if (!scheme) throw new NotFound(`没有适用于 ${q.year} 年的指标方案`);
    const rows = await listSubtreeAssessments(db, q, root.id);
    const units = new Map((await listAllUnits(db)).map((u) => [u.id, u]));
    return c.json(
      {
        assessments: rows.map((r) =>
          presentAssessment({ unit: units.get(r.orgUnitId)!, quarter: q, scheme }, r),
        ),
      },
      200,
    );
  });
}

/** Assessments (定性评估、加减分, CYCLE.md "Assessor scores"): read, save, sign off, reopen. */
export function assessmentRoutes() {
  const app = newRouter();
  registerReads(app);
  registerAssessmentWrites(app);
  return app;
}
