import type { Context } from "hono";
import type { Action } from "../access/permissions.ts";
import type { AppEnv } from "../env.ts";
import { Forbidden, Unauthenticated } from "../errors.ts";
import { authorize } from "../middleware/authorize.ts";

/**
 * Whether the caller may take `action`, asked of `authorize` itself (the one role check) for
 * routes where an action widens what a caller gets instead of gating the route: comments in the
 * statistics, assisted entry on the public page. Leaves the route's own action as it was.
 */
export async function permits(c: Context<AppEnv>, action: Action): Promise<boolean> {
  const before = c.get("action");
  try {
    await authorize(action)(c, async () => {});
    return true;
  } catch (err) {
    if (err instanceof Forbidden || err instanceof Unauthenticated) return false;
    throw err;
  } finally {
    c.set("action", before);
  }
}
