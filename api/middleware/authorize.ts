import type { MiddlewareHandler } from "hono";
import { ROLE_LABELS } from "../../shapes/labels.ts";
import { type Action, can } from "../access/permissions.ts";
import type { AppEnv } from "../env.ts";
import { Forbidden, Unauthenticated } from "../errors.ts";

/**
 * The one access check by role: the route names its action, the role × action table in
 * `access/permissions.ts` answers. Anonymous → 401; a role without the action → 403.
 */
export function authorize(action: Action): MiddlewareHandler<AppEnv> {
  return async function authorizeMiddleware(c, next) {
    c.set("action", action);
    const principal = c.get("principal");
    if (!principal) throw new Unauthenticated("请先登录，或提供有效的令牌");
    if (!can(principal.role, action)) {
      throw new Forbidden(
        `${ROLE_LABELS[principal.role] ?? principal.role}无权执行此操作（${action}）`,
      );
    }
    await next();
  };
}
