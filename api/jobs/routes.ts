import { createRoute, z } from "@hono/zod-openapi";
import { creatorKey, type Principal } from "../access/principal.ts";
import type { Store } from "../db/client.ts";
import { NotFound } from "../errors.ts";
import { jsonResponse, newRouter, problems } from "../http/router.ts";
import { authorize } from "../middleware/authorize.ts";
import { isInSubtree } from "../org-tree/queries.ts";
import { getJob, type JobRow } from "./queries.ts";

export const Job = z
  .object({
    id: z.string().uuid(),
    kind: z.string().openapi({ example: "cases.import" }),
    status: z.enum(["queued", "running", "done", "failed"]),
    progress: z.number().min(0).max(1),
    result: z.unknown().optional().openapi({ description: "When done: the job's outcome" }),
    error: z.string().optional().openapi({ description: "When failed: why" }),
    createdAt: z.string().openapi({ format: "date-time" }),
    updatedAt: z.string().openapi({ format: "date-time" }),
  })
  .openapi("Job");

const route = createRoute({
  method: "get",
  path: "/jobs/{id}",
  tags: ["jobs"],
  summary: "A background job's status, progress and outcome",
  description:
    "You see the jobs you started; an administrator also sees those started within their scope. Others are 404.",
  middleware: [authorize("jobs.read")] as const,
  request: { params: z.object({ id: z.string().max(64) }) },
  responses: { 200: jsonResponse(Job, "The job"), ...problems(401, 403, 404, 422) },
});

/** The principal's key in `job.created_by`. */

async function mayRead(store: Store, p: Principal, job: JobRow): Promise<boolean> {
  if (job.createdBy === creatorKey(p)) return true;
  if (p.role !== "admin") return false;
  if (p.scopeUnitId === null) return true;
  const scope = (job.params as { scopeUnitId?: number | null } | null)?.scopeUnitId ?? null;
  return scope !== null && (await isInSubtree(store.db, p.scopeUnitId, scope));
}

export function jobRoutes() {
  const app = newRouter();
  app.openapi(route, async (c) => {
    const { id } = c.req.valid("param");
    const { store } = c.get("deps");
    const job = await getJob(store.db, id);
    if (!job || !(await mayRead(store, c.get("principal")!, job))) {
      throw new NotFound(`没有编号为 ${id} 的任务`);
    }
    return c.json(
      {
        id: job.id,
        kind: job.kind,
        status: job.status,
        progress: job.progress,
        ...(job.status === "done" ? { result: job.result } : {}),
        ...(job.error !== null ? { error: job.error } : {}),
        createdAt: job.createdAt.toISOString(),
        updatedAt: job.updatedAt.toISOString(),
      },
      200,
    );
  });
  return app;
}
