import { createRoute } from "@hono/zod-openapi";
import { jsonBody, jsonResponse, problems, type Router } from "../../http/router.ts";
import { authorize } from "../../middleware/authorize.ts";
import { decideTask } from "../rules.ts";
import { DecisionInput, Task, TaskParams } from "../schema.ts";
import { loadTask, nowOf } from "./present.ts";

const route = createRoute({
  method: "post",
  path: "/rectifications/{id}/decision",
  tags: ["rectifications"],
  summary: "Verify (销号), return (退回) or extend (延期) a task",
  description:
    "By an assessor, leader or admin whose scope strictly contains the task's unit: a unit never verifies itself " +
    "(403), nor does whoever submitted the task. `verify` and `return` take a submitted task (409 otherwise); " +
    "`return` and `extend` need a reason in `note`. `newDeadline` (with `return` or `extend`) extends the deadline " +
    "once per task (a second extension is 409), to a date not in the past and later than the current deadline " +
    "(422). A verified task takes no decision (409). Nothing is written on any refusal.",
  middleware: [authorize("rectifications.decide")] as const,
  request: { params: TaskParams, body: jsonBody(DecisionInput) },
  responses: {
    200: jsonResponse(Task, "The task after the decision"),
    ...problems(401, 403, 404, 409, 415, 422),
  },
});

export function registerDecideTask(app: Router) {
  app.openapi(route, async (c) => {
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    const { db } = c.get("deps").store;
    c.set("auditTarget", `rectification ${id}`);
    await decideTask(db, c.get("principal")!, id, body, nowOf(c));
    const task = await loadTask(c, id);
    c.set("auditTarget", `rectification ${id}: ${task.orgUnit} ${task.period} ${task.indicator}`);
    c.set("auditDetail", {
      task: id,
      decision: body.decision,
      note: body.note,
      newDeadline: body.newDeadline ?? null,
      status: task.status,
    });
    return c.json(task, 200);
  });
}
