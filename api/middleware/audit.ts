import type { MiddlewareHandler } from "hono";
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
    const deps = c.get("deps");
    try {
      await insertAudit(deps.store.db, {
        actor: principal?.name ?? "anonymous",
        actorKind: principal ? principal.kind : "anonymous",
        actorScopeId: principal?.scopeUnitId ?? null,
        action: c.get("action") ?? `${method} ${path}`,
        method,
        path,
        status: c.res.status,
        target: c.get("auditTarget"),
        detail: c.get("auditDetail"),
        ip: deps.clientIp(c),
        requestId: c.get("requestId"),
      });
    } catch (err) {
      deps.logger.error({ err, requestId: c.get("requestId") }, "audit write failed");
    }
  };
}
