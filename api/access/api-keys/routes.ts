import { createRoute, z } from "@hono/zod-openapi";
import { Forbidden, NotFound } from "../../errors.ts";
import {
  int4Text,
  jsonBody,
  jsonResponse,
  newRouter,
  OrgUnitCode,
  problems,
} from "../../http/router.ts";
import { authorize } from "../../middleware/authorize.ts";
import { isInSubtree } from "../../org-tree/queries.ts";
import { hashSecret, newSecret } from "../tokens.ts";
import { unitInScope } from "../users/service.ts";
import { getApiKeyUnit, insertApiKey, listApiKeys, revokeApiKey } from "./queries.ts";

const NewApiKey = z
  .object({
    name: z.string().trim().min(1).max(100),
    orgUnit: OrgUnitCode.nullable()
      .optional()
      .openapi({ description: "The subtree the key may ingest into" }),
  })
  .openapi("NewApiKey");

const CreatedKey = z
  .object({
    id: z.number().int(),
    key: z.string().openapi({ description: "Shown only in this response; stored as a hash" }),
    name: z.string(),
    orgUnit: z.string().nullable(),
  })
  .openapi("CreatedApiKey");

const ApiKeyInfo = z
  .object({
    id: z.number().int(),
    name: z.string(),
    prefix: z.string(),
    orgUnit: z.string().nullable(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .openapi("ApiKey");

const create = createRoute({
  method: "post",
  path: "/api-keys",
  tags: ["api keys"],
  summary: "Create a platform API key scoped to a subtree and to ingest (admin)",
  middleware: [authorize("apiKeys.manage")] as const,
  request: { body: jsonBody(NewApiKey) },
  responses: {
    201: jsonResponse(CreatedKey, "The key, shown once"),
    ...problems(400, 401, 403, 415, 422),
  },
});

const list = createRoute({
  method: "get",
  path: "/api-keys",
  tags: ["api keys"],
  summary: "API keys within the caller's scope, without secrets (admin)",
  middleware: [authorize("apiKeys.manage")] as const,
  responses: {
    200: jsonResponse(z.object({ keys: z.array(ApiKeyInfo) }), "Keys"),
    ...problems(401, 403),
  },
});

const revoke = createRoute({
  method: "delete",
  path: "/api-keys/{id}",
  tags: ["api keys"],
  summary: "Revoke an API key (admin)",
  middleware: [authorize("apiKeys.manage")] as const,
  request: { params: z.object({ id: int4Text(1) }) },
  responses: { 204: { description: "Revoked" }, ...problems(401, 403, 404, 422) },
});

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function apiKeyRoutes() {
  const app = newRouter();
  app.openapi(create, async (c) => {
    const body = c.req.valid("json");
    const principal = c.get("principal")!;
    const { store } = c.get("deps");
    const unit = await unitInScope(store, principal, body.orgUnit, "body.orgUnit");
    const key = newSecret("k369_");
    const id = await insertApiKey(store.db, {
      name: body.name,
      keyHash: await hashSecret(key),
      prefix: key.slice(0, 10),
      orgUnitId: unit?.id ?? null,
      createdBy: principal.kind === "user" ? principal.id : null,
    });
    c.set("auditTarget", `api-key: ${id} ${body.name}`);
    c.set("auditDetail", { orgUnit: unit?.code ?? null });
    return c.json({ id, key, name: body.name, orgUnit: unit?.code ?? null }, 201);
  });
  app.openapi(list, async (c) => {
    const rows = await listApiKeys(c.get("deps").store.db, c.get("principal")!.scopeUnitId);
    return c.json(
      {
        keys: rows.map((r) => ({
          ...r,
          createdAt: r.createdAt.toISOString(),
          lastUsedAt: iso(r.lastUsedAt),
          revokedAt: iso(r.revokedAt),
        })),
      },
      200,
    );
  });
  app.openapi(revoke, async (c) => {
    const { id } = c.req.valid("param");
    const principal = c.get("principal")!;
    const { db } = c.get("deps").store;
    const key = await getApiKeyUnit(db, id);
    if (!key) throw new NotFound(`没有编号为 ${id} 的接口密钥`);
    if (principal.scopeUnitId !== null) {
      if (
        key.orgUnitId === null ||
        !(await isInSubtree(db, principal.scopeUnitId, key.orgUnitId))
      ) {
        throw new Forbidden(`接口密钥 ${id} 不在您的管辖范围内`);
      }
    }
    await revokeApiKey(db, id);
    c.set("auditTarget", `api-key: ${id}`);
    return c.body(null, 204);
  });
  return app;
}
