import { createRoute } from "@hono/zod-openapi";
import { creatorKey } from "../../access/principal.ts";
import { acceptEvidence, uploadLimit } from "../../attachments/accept.ts";
import { AttachmentForm } from "../../attachments/schema.ts";
import { jsonBody, jsonResponse, problems, type Router } from "../../http/router.ts";
import { authorize } from "../../middleware/authorize.ts";
import { linkAttachment } from "../queries/write.ts";
import { addProgress, assertNotVerified, withTask } from "../rules.ts";
import { ProgressInput, Task, TaskParams } from "../schema.ts";
import { loadTask, nowOf } from "./present.ts";

const progress = createRoute({
  method: "post",
  path: "/rectifications/{id}/progress",
  tags: ["rectifications"],
  summary: "Report measures and progress on a task; `submit: true` hands it in for verification",
  description:
    "By a clerk or leader (or an admin) whose scope holds the task's unit. Entries keep the task open; `submit: " +
    "true` moves it from open to submitted (待验收) and needs measures (in this entry or an earlier one). A verified " +
    "task takes no progress and a submitted one no second submission (409). Nothing is written on any refusal.",
  middleware: [authorize("rectifications.work")] as const,
  request: { params: TaskParams, body: jsonBody(ProgressInput) },
  responses: {
    200: jsonResponse(Task, "The task after the entry"),
    ...problems(401, 403, 404, 409, 415, 422),
  },
});

const attach = createRoute({
  method: "post",
  path: "/rectifications/{id}/attachments",
  tags: ["rectifications"],
  summary: "Attach an evidence file (image or PDF, at most 10 MB) to a task",
  description:
    "Multipart field `file`, by whoever may report progress on the task. The type is sniffed from the bytes (PNG, " +
    "JPEG, WebP, GIF, PDF); anything else is refused (422) whatever its name or declared type; over 10 MB is 413. " +
    "A verified task takes no evidence (409). The file is read back at GET /attachments/{id} by its uploader and " +
    "anyone whose scope holds the task's unit.",
  middleware: [authorize("rectifications.work"), uploadLimit()] as const,
  request: {
    params: TaskParams,
    body: { content: { "multipart/form-data": { schema: AttachmentForm } }, required: true },
  },
  responses: {
    201: jsonResponse(Task, "The task with the file among its attachments"),
    ...problems(401, 403, 404, 409, 413, 415, 422),
  },
});

export function registerWorkOnTask(app: Router) {
  app.openapi(progress, async (c) => {
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    const { db } = c.get("deps").store;
    c.set("auditTarget", `rectification ${id}`);
    const entry = await addProgress(db, c.get("principal")!, id, body, nowOf(c));
    const task = await loadTask(c, id);
    c.set("auditTarget", `rectification ${id}: ${task.orgUnit} ${task.period} ${task.indicator}`);
    c.set("auditDetail", { task: id, progress: entry, submit: body.submit, status: task.status });
    return c.json(task, 200);
  });

  app.openapi(attach, async (c) => {
    const { id } = c.req.valid("param");
    const { file } = c.req.valid("form");
    const { db } = c.get("deps").store;
    const principal = c.get("principal")!;
    c.set("auditTarget", `rectification ${id}`);
    const stored = await withTask(db, principal, id, async (trx, task) => {
      assertNotVerified(task, "上传整改材料");
      const info = await acceptEvidence(trx, file, creatorKey(principal), nowOf(c));
      await linkAttachment(trx, id, info.id);
      return info;
    });
    const task = await loadTask(c, id);
    c.set("auditTarget", `rectification ${id}: ${task.orgUnit} ${task.period} ${task.indicator}`);
    c.set("auditDetail", {
      task: id,
      attachment: stored.id,
      name: stored.name,
      mime: stored.mime,
      size: stored.size,
      sha256: stored.sha256,
    });
    return c.json(task, 201);
  });
}
