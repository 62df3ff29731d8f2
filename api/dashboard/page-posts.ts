/**
 * What every page form post outside /api needs that the API's middleware gives /api: the
 * cross-site check for cookie-carried writes and the audit record (routes-returns.tsx,
 * routes-survey-flags.tsx).
 */
import type { Context, MiddlewareHandler } from "hono";
import { insertAudit } from "../access/audit/queries.ts";
import type { AppEnv } from "../env.ts";

/**
 * A write carried by the session cookie must come from this site (the API's csrfForCookies rule;
 * page routes are outside /api, so they check it themselves). Browsers say so in Sec-Fetch-Site;
 * a form post's Origin is "null" under our no-referrer policy, so Origin decides only without it.
 */
export function sameSite(c: Context<AppEnv>): boolean {
  if (c.get("principal")?.via !== "cookie") return true;
  const site = c.req.header("sec-fetch-site");
  if (site) return site === "same-origin";
  return c.req.header("origin") === new URL(c.req.url).origin;
}

/**
 * Records every POST under it, refused or not, as the API's audit middleware records the API's
 * writes (it looks at /api only): who, `actionOf` the path, the status, what the handler noted.
 */
export function auditPagePosts(actionOf: (path: string) => string): MiddlewareHandler<AppEnv> {
  return async function auditPagePost(c, next) {
    await next();
    if (c.req.method !== "POST") return;
    const deps = c.get("deps");
    const principal = c.get("principal");
    const path = new URL(c.req.url).pathname;
    await insertAudit(deps.store.db, {
      actor: principal?.name ?? "anonymous",
      actorKind: principal ? principal.kind : "anonymous",
      actorScopeId: principal?.scopeUnitId ?? null,
      action: actionOf(path),
      method: c.req.method,
      path,
      status: c.res.status,
      target: c.get("auditTarget"),
      detail: c.get("auditDetail"),
      ip: deps.clientIp(c),
      requestId: c.get("requestId"),
    });
  };
}
