import { createRoute, z } from "@hono/zod-openapi";
import { jsonResponse, newRouter, problems } from "../../http/router.ts";
import { authorize } from "../../middleware/authorize.ts";
import { listAudit } from "./queries.ts";

const AuditEntry = z
  .object({
    id: z.number(),
    at: z.string(),
    actor: z.string(),
    actorKind: z.string(),
    action: z.string(),
    method: z.string(),
    path: z.string(),
    status: z.number().int(),
    target: z.string().nullable(),
    detail: z.unknown(),
    ip: z.string().nullable(),
    requestId: z.string().nullable(),
  })
  .openapi("AuditEntry");

const route = createRoute({
  method: "get",
  path: "/audit",
  tags: ["audit"],
  summary:
    "The audit log, newest first (admin; a subtree admin sees what its subtree's users and keys did)",
  middleware: [authorize("audit.read")] as const,
  request: {
    query: z.object({
      since: z.iso
        .datetime({ offset: true })
        .optional()
        .openapi({ description: "ISO 8601 with offset" }),
      actor: z.string().max(100).optional(),
      limit: z.coerce.number().int().min(1).max(1000).default(100),
    }),
  },
  responses: {
    200: jsonResponse(z.object({ entries: z.array(AuditEntry) }), "Entries"),
    ...problems(400, 401, 403, 422),
  },
});

export function auditRoutes() {
  const app = newRouter();
  app.openapi(route, async (c) => {
    const q = c.req.valid("query");
    const rows = await listAudit(c.get("deps").store.db, {
      since: q.since ? new Date(q.since) : null,
      actor: q.actor ?? null,
      limit: q.limit,
      scopeUnitId: c.get("principal")!.scopeUnitId,
    });
    return c.json(
      { entries: rows.map((r) => ({ ...r, id: Number(r.id), at: r.at.toISOString() })) },
      200,
    );
  });
  return app;
}
