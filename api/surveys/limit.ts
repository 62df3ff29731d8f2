import type { Context } from "hono";
import { rateLimiter } from "hono-rate-limiter";
import type { AppEnv } from "../env.ts";
import { TooMany } from "../errors.ts";

/**
 * Per-client limit on public submissions (SURVEY_RATE_LIMIT a minute; 0 = off). Anonymous
 * clients are counted by address, signed-in clerks by account. Each call makes its own memory
 * store: the JSON route and the public form's POST count apart, each per app instance.
 */
export function submissionLimit() {
  return rateLimiter<AppEnv>({
    windowMs: 60_000,
    limit: (c) => c.get("deps").config.SURVEY_RATE_LIMIT,
    skip: (c) => c.get("deps").config.SURVEY_RATE_LIMIT === 0,
    standardHeaders: "draft-6",
    keyGenerator: (c) => {
      const p = c.get("principal");
      return p ? `${p.kind}:${p.id}` : `ip:${c.get("deps").clientIp(c) ?? "unknown"}`;
    },
    handler: (c) => {
      const info = (c as unknown as Context).get("rateLimit") as { resetTime?: Date } | undefined;
      const wait = info?.resetTime ? (info.resetTime.getTime() - Date.now()) / 1000 : 60;
      throw new TooMany("本设备提交问卷过于频繁，请稍后再试", wait);
    },
  });
}
