import { createRoute } from "@hono/zod-openapi";
import bcrypt from "bcryptjs";
import { setCookie } from "hono/cookie";
import { Unauthenticated } from "../../../errors.ts";
import { jsonBody, jsonResponse, problems, type Router } from "../../../http/router.ts";
import { SESSION_COOKIE } from "../../../middleware/authenticate.ts";
import { hashSecret, newSecret } from "../../tokens.ts";
import { findLoginUser, getUser } from "../../users/queries.ts";
import { clearLoginFailures, reserveLoginAttempt } from "../queries/login-throttle.ts";
import { insertSession } from "../queries/sessions.ts";
import { LoginBody, LoginResult } from "../schema.ts";

/**
 * Five failed sign-ins of one account from one client address lock that address out of that
 * account for fifteen minutes. Per (account, address), not per account: a stranger who types
 * wrong passwords for `admin` locks only their own address out, never the administrator at their
 * desk. Guessing from many addresses is bounded per address (five per fifteen minutes each).
 */
export const MAX_FAILURES = 5;
export const LOCK_SECONDS = 15 * 60;
/** A hash to compare against when no real check runs, so timing does not tell why. Cost 10, as users'. */
const DUMMY_HASH = "$2b$10$Kdp.1Rj8JMGAmtKoygSfTeuT4kezJtTZQdjPJDQtoUh8K8Rp0KvDe";
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
    const { store, config } = deps;
    const verify = deps.verifyPassword ?? bcrypt.compare;
    const db = store.db;
    c.set("auditTarget", `user: ${username}`);
    const user = await findLoginUser(db, username);
    const client = deps.clientIp(c) ?? "unknown";
    // The attempt is counted before the password is looked at, so concurrent guesses cannot all
    // be checked before the lock (access/auth/queries/login-throttle.ts).
    const allowed =
      user !== undefined &&
      (await reserveLoginAttempt(db, user.id, client, MAX_FAILURES, LOCK_SECONDS));
    // Every answer costs one bcrypt comparison: unknown users and locked accounts against a dummy.
    const ok = await verify(password, user && allowed ? user.passwordHash : DUMMY_HASH);
    if (!user || !allowed || !ok || user.disabled) {
      c.set("auditDetail", { outcome: user && !allowed ? "locked" : "refused" });
      throw new Unauthenticated(REFUSED);
    }
    await clearLoginFailures(db, user.id, client);
    const token = newSecret("s369_");
    const expiresAt = new Date(Date.now() + config.SESSION_TTL_HOURS * 3600_000);
    await insertSession(db, {
      tokenHash: await hashSecret(token),
      userId: user.id,
      expiresAt,
      ip: deps.clientIp(c),
      userAgent: c.req.header("user-agent") ?? null,
    });
    setCookie(c, SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: "Lax",
      secure: new URL(c.req.url).protocol === "https:",
      path: "/",
      expires: expiresAt,
    });
    const me = (await getUser(db, user.id))!;
    c.set("auditDetail", { outcome: "ok" });
    return c.json(
      {
        token,
        expiresAt: expiresAt.toISOString(),
        user: { username: me.username, role: me.role, orgUnit: me.orgUnitCode },
      },
      200,
    );
  });
}
