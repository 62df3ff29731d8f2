import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../../env.ts";
import { Forbidden, NotFound } from "../../errors.ts";
import { jsonBody, jsonResponse, problems, type Router } from "../../http/router.ts";
import { authorize } from "../../middleware/authorize.ts";
import { findUnitByCode, isInSubtree } from "../../org-tree/queries.ts";
import { Webhook, WebhookInput, WebhookParams } from "../schema.ts";
import { checkWebhookUrl, putWebhook, unitWebhook } from "../webhooks.ts";

const put = createRoute({
  method: "put",
  path: "/org-units/{code}/webhook",
  tags: ["rectifications"],
  summary: "Set a unit's group-robot webhook (企业微信 / 钉钉) for overdue rectification notices",
  description:
    "By an administrator whose scope holds the unit. `url` must be https (http only to localhost). A task's " +
    "notice goes to the nearest unit, itself or an ancestor, that has a webhook; it is sent once, when the daily " +
    "reminder job first finds the task overdue (a failed send is retried on the next run).",
  middleware: [authorize("orgUnits.write")] as const,
  request: { params: WebhookParams, body: jsonBody(WebhookInput) },
  responses: {
    200: jsonResponse(Webhook, "The stored webhook"),
    ...problems(401, 403, 404, 415, 422),
  },
});

const get = createRoute({
  method: "get",
  path: "/org-units/{code}/webhook",
  tags: ["rectifications"],
  summary: "A unit's own group-robot webhook (nulls when it has none)",
  middleware: [authorize("orgUnits.write")] as const,
  request: { params: WebhookParams },
  responses: { 200: jsonResponse(Webhook, "The webhook"), ...problems(401, 403, 404, 422) },
});

async function unitInScope(c: Context<AppEnv>, code: string) {
  const { db } = c.get("deps").store;
  const principal = c.get("principal")!;
  const unit = await findUnitByCode(db, code);
  if (!unit) throw new NotFound(`没有编码为 ${code} 的单位`);
  if (principal.scopeUnitId !== null && !(await isInSubtree(db, principal.scopeUnitId, unit.id))) {
    throw new Forbidden(`单位 ${unit.name}（${unit.code}）不在您的管辖范围内`);
  }
  return unit;
}

async function answer(c: Context<AppEnv>, unit: { id: number; code: string }) {
  const row = await unitWebhook(c.get("deps").store.db, unit.id);
  return {
    orgUnit: unit.code,
    kind: row?.kind ?? null,
    url: row?.url ?? null,
    updatedAt: row ? new Date(row.updatedAt).toISOString() : null,
    updatedBy: row?.updatedBy ?? null,
  };
}

export function registerWebhook(app: Router) {
  app.openapi(put, async (c) => {
    const { code } = c.req.valid("param");
    const body = c.req.valid("json");
    c.set("auditTarget", `webhook ${code}`);
    const unit = await unitInScope(c, code);
    const url = checkWebhookUrl(body.url);
    await putWebhook(c.get("deps").store.db, unit.id, {
      kind: body.kind,
      url,
      by: c.get("principal")!.name,
    });
    // The URL's path holds the robot's key: the audit keeps the host only.
    c.set("auditDetail", { kind: body.kind, host: new URL(url).host });
    return c.json(await answer(c, unit), 200);
  });

  app.openapi(get, async (c) => {
    const { code } = c.req.valid("param");
    return c.json(await answer(c, await unitInScope(c, code)), 200);
  });
}
