import type { Context, MiddlewareHandler } from "hono";
import { insertAudit } from "../access/audit/queries.ts";
import type { AppEnv } from "../env.ts";

const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export interface AuditOptions {
  /** Writes that are not audited one by one (anonymous survey submissions). */
  skip?: (method: string, path: string, authenticated: boolean) => boolean;
}

/**
 * Records every write request (who, when, what, from where, outcome) after it is handled,
 * whether it succeeded or was refused. Routes add what they touched through `auditTarget` and
 * `auditDetail`. A failure to write the entry is logged, never turned into the caller's error.
 */
export function audit(options: AuditOptions = {}): MiddlewareHandler<AppEnv> {
  return async function auditMiddleware(c, next) {
    c.set("auditTarget", null);
    c.set("auditDetail", null);
    c.set("action", null);
    await next();
    const method = c.req.method;
    const path = new URL(c.req.url).pathname;
    const principal = c.get("principal");
    if (!WRITES.has(method) || !path.startsWith("/api/")) return;
    if (options.skip?.(method, path, principal !== null && principal !== undefined)) return;
    await writeAudit(c, c.get("action") ?? `${method} ${path}`);
  };
}

/**
 * The audit entry of the request `c` has just handled, as `action`: who (or anonymous), the
 * method, path and status, what the handler noted (`auditTarget`, `auditDetail`), the client's
 * address and the request id. A failure to write it is logged, never the caller's error. The
 * API's middleware above and the page form posts (api/dashboard/page-posts.ts) both write it.
 */
export async function writeAudit(c: Context<AppEnv>, action: string): Promise<void> {
  const deps = c.get("deps");
  const principal = c.get("principal");
  try {
    await insertAudit(deps.store.db, {
      actor: principal?.name ?? "anonymous",
      actorKind: principal ? principal.kind : "anonymous",
      actorScopeId: principal?.scopeUnitId ?? null,
      action,
      method: c.req.method,
      path: new URL(c.req.url).pathname,
      status: c.res.status,
      target: c.get("auditTarget"),
      detail: c.get("auditDetail"),
      ip: deps.clientIp(c),
      requestId: c.get("requestId"),
    });
  } catch (err) {
    deps.logger.error({ err, requestId: c.get("requestId") }, "audit write failed");
  }
}
