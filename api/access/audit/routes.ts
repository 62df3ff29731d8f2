import { createRoute, z } from "@hono/zod-openapi";
import { jsonResponse, newRouter, OrgUnitCode, problems } from "../../http/router.ts";
import { authorize } from "../../middleware/authorize.ts";
import { scopedUnit } from "../scope.ts";
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
      until: z.iso
        .datetime({ offset: true })
        .optional()
        .openapi({ description: "ISO 8601 with offset; entries before this instant" }),
      actor: z.string().max(100).optional(),
      action: z
        .string()
        .max(100)
        .optional()
        .openapi({ description: "The action, e.g. users.manage" }),
      orgUnit: OrgUnitCode.optional().openapi({
        description:
          "Entries about this unit's subtree: by users and keys scoped inside it, or naming a unit inside it",
      }),
      limit: z.coerce.number().int().min(1).max(1000).default(100),
      offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
    }),
  },
  responses: {
    200: jsonResponse(z.object({ entries: z.array(AuditEntry) }), "Entries"),
    ...problems(400, 401, 403, 404, 422),
  },
});

export function auditRoutes() {
  const app = newRouter();
  app.openapi(route, async (c) => {
    const q = c.req.valid("query");
    const { db } = c.get("deps").store;
    const principal = c.get("principal")!;
    const unit = q.orgUnit === undefined ? null : await scopedUnit(db, principal, q.orgUnit);
    const rows = await listAudit(db, {
      since: q.since ? new Date(q.since) : null,
      until: q.until ? new Date(q.until) : null,
      actor: q.actor ?? null,
      action: q.action ?? null,
      unitId: unit?.id ?? null,
      limit: q.limit,
      offset: q.offset,
      scopeUnitId: principal.scopeUnitId,
    });
    return c.json(
      { entries: rows.map((r) => ({ ...r, id: Number(r.id), at: r.at.toISOString() })) },
      200,
    );
  });
  return app;
}
