/**
 * What every page form post outside /api needs that the API's middleware gives /api: the
 * cross-site check for cookie-carried writes and the audit record (routes-returns.tsx,
 * routes-survey-flags.tsx).
 */
import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "../env.ts";
import { writeAudit } from "../middleware/audit.ts";

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
    await writeAudit(c, actionOf(new URL(c.req.url).pathname));
  };
}
