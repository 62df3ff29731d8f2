import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env.ts";

/** One structured log line per request: method, path, status, duration, request id, caller. */
export function requestLog(): MiddlewareHandler<AppEnv> {
  return async function requestLogMiddleware(c, next) {
    const started = performance.now();
    await next();
    const { logger } = c.get("deps");
    const status = c.res.status;
    const line = {
      requestId: c.get("requestId"),
      method: c.req.method,
      path: new URL(c.req.url).pathname,
      status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      actor: c.get("principal")?.name,
    };
    if (status >= 500) logger.error(line, "request");
    else logger.info(line, "request");
  };
}
