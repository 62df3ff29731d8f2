import { createRoute, type z } from "@hono/zod-openapi";
import { Forbidden, NotFound } from "../../errors.ts";
import { jsonResponse, problems, type Router } from "../../http/router.ts";
import { authorize } from "../../middleware/authorize.ts";
import { findUnitByCode, isInSubtree } from "../../org-tree/queries.ts";
import { acceptedPeriod } from "../../periods/rules.ts";
import { cycleDaysOf } from "../../schemes/cycle.ts";
import { getAppeal, listAppeals } from "../queries/read.ts";
import { Appeal, AppealList, AppealParams, ListAppealsQuery } from "../schema.ts";
import { appealsDueAt } from "../window.ts";
import { presentAppeal } from "./present.ts";

const list = createRoute({
  method: "get",
  path: "/appeals",
  tags: ["appeals"],
  summary: "Appeals of a subtree, with cases, reasons, decisions and deciders",
  description:
    "Pending first (oldest first), then decided ones newest first. `orgUnit` (default: the caller's scope) limits them " +
    "to that unit's subtree; `period` and `status` filter. At most 500.",
  middleware: [authorize("appeals.read")] as const,
  request: { query: ListAppealsQuery },
  responses: {
    200: jsonResponse(AppealList, "The appeals; `appealsDueAt` is the filing deadline of `period`"),
    ...problems(401, 403, 404, 422),
  },
});

const one = createRoute({
  method: "get",
  path: "/appeals/{id}",
  tags: ["appeals"],
  summary: "One appeal",
  middleware: [authorize("appeals.read")] as const,
  request: { params: AppealParams },
  responses: {
    200: jsonResponse(Appeal, "The appeal"),
    ...problems(401, 403, 404, 422),
  },
});

export function registerListAppeals(app: Router) {
  app.openapi(list, async (c) => {
    const query = c.req.valid("query");
    const { db } = c.get("deps").store;
    const principal = c.get("principal")!;
    let rootId = principal.scopeUnitId;
    if (query.orgUnit !== undefined) {
      const unit = await findUnitByCode(db, query.orgUnit);
      if (!unit) throw new NotFound(`没有编码为 ${query.orgUnit} 的单位`);
      if (rootId !== null && !(await isInSubtree(db, rootId, unit.id))) {
        throw new Forbidden(`单位 ${unit.name}（${unit.code}）不在您的管辖范围内`);
      }
      rootId = unit.id;
    }
    const quarter =
      query.period === undefined ? undefined : acceptedPeriod(query.period, "query.period");
    const rows = await listAppeals(db, { rootId, quarter, status: query.status });
    return c.json(
      {
        appeals: rows.map(presentAppeal) as z.infer<typeof Appeal>[],
        appealsDueAt: quarter
          ? appealsDueAt(quarter, (await cycleDaysOf(db, quarter.year)).appealsDueDay).toISOString()
          : null,
      },
      200,
    );
  });

  app.openapi(one, async (c) => {
    const { id } = c.req.valid("param");
    const { db } = c.get("deps").store;
    const principal = c.get("principal")!;
    const appeal = await getAppeal(db, id);
    const visible =
      appeal !== undefined &&
      (principal.scopeUnitId === null ||
        (await isInSubtree(db, principal.scopeUnitId, appeal.orgUnitId)));
    if (!visible) throw new NotFound(`没有编号为 ${id} 的核减申请`);
    return c.json(presentAppeal(appeal) as z.infer<typeof Appeal>, 200);
  });
}
