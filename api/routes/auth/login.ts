import { createRoute } from "@hono/zod-openapi";
import bcrypt from "bcryptjs";
import { setCookie } from "hono/cookie";
import { hashSecret, newSecret } from "../../auth/tokens.ts";
import { insertSession } from "../../db/queries/sessions.ts";
import {
  clearLoginFailures,
  findLoginUser,
  getUser,
  recordLoginFailure,
} from "../../db/queries/users.ts";
import { TooMany, Unauthenticated } from "../../errors.ts";
import { SESSION_COOKIE } from "../../middleware/authenticate.ts";
import { jsonBody, jsonResponse, problems, type Router } from "../common.ts";
import { LoginBody, LoginResult } from "./schema.ts";

/** Five wrong passwords in a row lock the account for fifteen minutes. */
export const MAX_FAILURES = 5;
export const LOCK_SECONDS = 15 * 60;
/** A hash to compare against for unknown users, so timing does not reveal which names exist. */
const DUMMY_HASH = "$2b$10$Kdp.1Rj8JMGAmtKoygSfTeuT4kezJtTZQdjPJDQtoUh8K8Rp0KvDe";

const route = createRoute({
  method: "post",
  path: "/auth/login",
  tags: ["auth"],
  summary: "Sign in: a bearer token and an HttpOnly session cookie",
  description: `After ${MAX_FAILURES} consecutive failures an account is locked for ${LOCK_SECONDS / 60} minutes (429).`,
  request: { body: jsonBody(LoginBody) },
  responses: {
    200: jsonResponse(LoginResult, "Signed in"),
    ...problems(400, 401, 415, 422, 429),
  },
});

export function registerLogin(app: Router) {
  app.openapi(route, async (c) => {
    c.set("action", "auth.login");
    const { username, password } = c.req.valid("json");
    const { store, config, clientIp } = c.get("deps");
    const db = store.db;
    c.set("auditTarget", `user: ${username}`);
    const user = await findLoginUser(db, username);
    if (user?.lockedUntil && user.lockedUntil > new Date()) {
      const wait = (user.lockedUntil.getTime() - Date.now()) / 1000;
      c.set("auditDetail", { outcome: "locked" });
      throw new TooMany("Too many failed sign-ins; this account is locked for now", wait);
    }
    const ok = await bcrypt.compare(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok || user.disabled) {
      if (user && !ok) await recordLoginFailure(db, user.id, MAX_FAILURES, LOCK_SECONDS);
      c.set("auditDetail", { outcome: "refused" });
      throw new Unauthenticated("Wrong username or password");
    }
    await clearLoginFailures(db, user.id);
    const token = newSecret("s369_");
    const expiresAt = new Date(Date.now() + config.SESSION_TTL_HOURS * 3600_000);
    await insertSession(db, {
      tokenHash: await hashSecret(token),
      userId: user.id,
      expiresAt,
      ip: clientIp(c),
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
