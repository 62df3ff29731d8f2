import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env.ts";
import { Forbidden } from "../errors.ts";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Cross-site request forgery guard for cookie sessions only: a write carried by the session
 * cookie must come from our own origin (Origin header, or Sec-Fetch-Site same-origin). Bearer
 * tokens and API keys are never sent by a browser on its own, so they need no such check.
 */
export function csrfForCookies(): MiddlewareHandler<AppEnv> {
  return async function csrfMiddleware(c, next) {
    const principal = c.get("principal");
    if (principal?.via === "cookie" && !SAFE.has(c.req.method)) {
      const origin = c.req.header("origin");
      const site = c.req.header("sec-fetch-site");
      const own = new URL(c.req.url).origin;
      const sameOrigin = origin ? origin === own : site === "same-origin";
      if (!sameOrigin)
        throw new Forbidden("拒绝跨站请求：请从本站页面发出请求，或使用令牌（Bearer）");
    }
    await next();
  };
}
