import { createRoute } from "@hono/zod-openapi";
import { setCookie } from "hono/cookie";
import { Unauthenticated } from "../../../errors.ts";
import { jsonBody, jsonResponse, problems, type Router } from "../../../http/router.ts";
import { SESSION_COOKIE } from "../../../middleware/authenticate.ts";
import { LoginBody, LoginResult } from "../schema.ts";
import { LOCK_SECONDS, MAX_FAILURES, signIn } from "../sign-in.ts";

export { LOCK_SECONDS, MAX_FAILURES } from "../sign-in.ts";

/**
 * The one answer to every refused sign-in: wrong password, unknown user, disabled or locked
 * account. Telling them apart would tell a stranger which accounts exist.
 */
export const REFUSED = `用户名或密码错误。同一账号在同一地址连续失败 ${MAX_FAILURES} 次后，需等待 ${LOCK_SECONDS / 60} 分钟再试。`;

const route = createRoute({
  method: "post",
  path: "/auth/login",
  tags: ["auth"],
  summary: "Sign in: a bearer token and an HttpOnly session cookie",
  description: `After ${MAX_FAILURES} consecutive failures from one client address, that address may not sign in to the account for ${LOCK_SECONDS / 60} minutes. Every refusal (wrong password, unknown user, disabled or locked account) is the same 401.`,
  request: { body: jsonBody(LoginBody) },
  responses: {
    200: jsonResponse(LoginResult, "Signed in"),
    ...problems(400, 401, 415, 422),
  },
});

export function registerLogin(app: Router) {
  app.openapi(route, async (c) => {
    c.set("action", "auth.login");
    const { username, password } = c.req.valid("json");
    const deps = c.get("deps");
    c.set("auditTarget", `user: ${username}`);
    const outcome = await signIn(deps.store.db, {
      username,
      password,
      ip: deps.clientIp(c),
      userAgent: c.req.header("user-agent") ?? null,
      sessionTtlHours: deps.config.SESSION_TTL_HOURS,
      verify: deps.verifyPassword,
    });
    if (!outcome.ok) {
      c.set("auditDetail", { outcome: outcome.locked ? "locked" : "refused" });
      throw new Unauthenticated(REFUSED);
    }
    const { token, expiresAt, user } = outcome;
    setCookie(c, SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: "Lax",
      secure: new URL(c.req.url).protocol === "https:",
      path: "/",
      expires: expiresAt,
    });
    c.set("auditDetail", { outcome: "ok" });
    return c.json(
      {
        token,
        expiresAt: expiresAt.toISOString(),
        user: { username: user.username, role: user.role, orgUnit: user.orgUnitCode },
      },
      200,
    );
  });
}
