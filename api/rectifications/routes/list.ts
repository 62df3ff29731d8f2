import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../../env.ts";
import { Forbidden, NotFound } from "../../errors.ts";
import { jsonResponse, problems, type Router } from "../../http/router.ts";
import { authorize } from "../../middleware/authorize.ts";
import { findUnitByCode, isInSubtree } from "../../org-tree/queries.ts";
import { rectificationPage } from "../ledger.ts";
import { inScope } from "../rules.ts";
import { ListTasksQuery, Summary, SummaryQuery, Task, TaskPage, TaskParams } from "../schema.ts";
import { rectificationSummary } from "../summary.ts";
import { loadTask, nowOf } from "./present.ts";

const list = createRoute({
  method: "get",
  path: "/rectifications",
  tags: ["rectifications"],
  summary: "Rectification tasks (整改台账) of a subtree, paged",
  description:
    "Unverified tasks first (earliest deadline first), then verified ones newest first. `orgUnit` (default: the " +
    "caller's scope) and `street` limit them to those subtrees; `period` to tasks opened for that quarter; `status` " +
    "to a stored state or `overdue` (deadline passed, not verified; computed in Asia/Shanghai); `indicator` to " +
    "tasks on that indicator. Each task carries " +
    "its indicator's `trend` (the opening quarter and every later one with data: official figures of closed " +
    "quarters, live otherwise) and `recovered`. `page` (1-based) and `pageSize` (default 50, at most 200).",
  middleware: [authorize("rectifications.read")] as const,
  request: { query: ListTasksQuery },
  responses: { 200: jsonResponse(TaskPage, "One page of tasks"), ...problems(401, 403, 404, 422) },
});

const one = createRoute({
  method: "get",
  path: "/rectifications/{id}",
  tags: ["rectifications"],
  summary: "One rectification task with its progress, evidence, decisions and trend",
  description: "A task outside the caller's scope is 404.",
  middleware: [authorize("rectifications.read")] as const,
  request: { params: TaskParams },
  responses: { 200: jsonResponse(Task, "The task"), ...problems(401, 403, 404, 422) },
});

const summary = createRoute({
  method: "get",
  path: "/rectifications/summary",
  tags: ["rectifications"],
  summary:
    "Counts for the rectification panel: open, submitted, overdue, due soon, verified, recovery",
  description:
    "Over the tasks of `orgUnit`'s subtree (default: the caller's scope) and, with `period`, opened for that " +
    "quarter. `verifiedThisQuarter` counts tasks verified during the current quarter (Asia/Shanghai); " +
    "`recoveryRate` is recovered ÷ tasks whose unit has a later quarter's status (null when none has).",
  middleware: [authorize("rectifications.read")] as const,
  request: { query: SummaryQuery },
  responses: { 200: jsonResponse(Summary, "The counts"), ...problems(401, 403, 404, 422) },
});

export function registerListTasks(app: Router) {
  app.openapi(summary, async (c) => {
    const query = c.req.valid("query");
    const { engine } = c.get("deps");
    const principal = c.get("principal")!;
    if (query.orgUnit !== undefined) await assertUnitInScope(c, query.orgUnit);
    const counts = await rectificationSummary(
      { engine, now: nowOf(c) },
      { period: query.period, orgUnit: query.orgUnit, scopeUnitId: principal.scopeUnitId },
    );
    return c.json(counts, 200);
  });

  app.openapi(list, async (c) => {
    const query = c.req.valid("query");
    const { engine } = c.get("deps");
    const principal = c.get("principal")!;
    for (const code of [query.orgUnit, query.street]) {
      if (code !== undefined) await assertUnitInScope(c, code);
    }
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const { tasks, total } = await rectificationPage(
      { engine, now: nowOf(c) },
      {
        period: query.period,
        orgUnit: query.orgUnit,
        street: query.street,
        status: query.status,
        indicator: query.indicator,
        scopeUnitId: principal.scopeUnitId,
        page,
        pageSize,
      },
    );
    return c.json({ tasks, total, page, pageSize }, 200);
  });

  app.openapi(one, async (c) => {
    const { id } = c.req.valid("param");
    const task = await loadTask(c, id);
    const { db } = c.get("deps").store;
    const unit = await findUnitByCode(db, task.orgUnit);
    if (!unit || !(await inScope(db, c.get("principal")!, unit.id))) {
      throw new NotFound(`没有编号为 ${id} 的整改任务`);
    }
    return c.json(task, 200);
  });
}

/** 404 for an unknown unit, 403 for one outside the caller's scope. */
async function assertUnitInScope(c: Context<AppEnv>, code: string): Promise<void> {
  const { db } = c.get("deps").store;
  const principal = c.get("principal")!;
  const unit = await findUnitByCode(db, code);
  if (!unit) throw new NotFound(`没有编码为 ${code} 的单位`);
  if (principal.scopeUnitId !== null && !(await isInSubtree(db, principal.scopeUnitId, unit.id))) {
    throw new Forbidden(`单位 ${unit.name}（${unit.code}）不在您的管辖范围内`);
  }
}
