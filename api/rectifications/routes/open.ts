import { createRoute } from "@hono/zod-openapi";
import { parsePeriod } from "../../../shapes/periods.ts";
import { jsonBody, jsonResponse, problems, type Router } from "../../http/router.ts";
import { authorize } from "../../middleware/authorize.ts";
import { RECTIFICATION_DAYS } from "../../periods/rules.ts";
import { openManualTask } from "../rules.ts";
import { OpenTaskInput, TaskCreated } from "../schema.ts";
import { loadTask, nowOf } from "./present.ts";

const route = createRoute({
  method: "post",
  path: "/rectifications",
  tags: ["rectifications"],
  summary: "Open a rectification task by hand (督办) with an instruction (批示)",
  description:
    "By a leader or assessor (or an admin) whose scope holds `orgUnit`, for any indicator and a quarter that has " +
    `begun. \`deadline\` defaults to today + ${RECTIFICATION_DAYS} days (Asia/Shanghai) and may not be in the past ` +
    "(422). A second unverified task of the same unit, quarter and indicator is refused (409). Nothing is written on " +
    "any refusal. Closing a quarter opens tasks for its red items by itself (POST /periods/{period}/close).",
  middleware: [authorize("rectifications.open")] as const,
  request: { body: jsonBody(OpenTaskInput) },
  responses: {
    201: jsonResponse(TaskCreated, "The task, open"),
    ...problems(401, 403, 409, 415, 422),
  },
});

export function registerOpenTask(app: Router) {
  app.openapi(route, async (c) => {
    const body = c.req.valid("json");
    const { engine } = c.get("deps");
    c.set("auditTarget", `rectifications: ${body.orgUnit} ${body.period} ${body.indicator}`);
    const id = await openManualTask(
      engine,
      c.get("principal")!,
      {
        orgUnit: body.orgUnit,
        period: parsePeriod(body.period)!,
        indicator: body.indicator,
        instruction: body.instruction,
        deadline: body.deadline,
      },
      nowOf(c),
    );
    const task = await loadTask(c, id);
    c.set("auditTarget", `rectification ${id}: ${body.orgUnit} ${body.period} ${body.indicator}`);
    c.set("auditDetail", {
      task: id,
      origin: "manual",
      instruction: body.instruction,
      deadline: task.deadline,
    });
    return c.json({ id, status: "open" as const, deadline: task.deadline }, 201);
  });
}
