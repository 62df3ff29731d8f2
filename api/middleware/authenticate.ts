import type { MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import { findApiKey, touchApiKey } from "../access/api-keys/queries.ts";
import { findSessionUser } from "../access/auth/queries/sessions.ts";
import type { Principal } from "../access/principal.ts";
import { hashSecret } from "../access/tokens.ts";
import type { AppEnv } from "../env.ts";

export const SESSION_COOKIE = "s369_session";

/**
 * Resolves the caller from `Authorization: Bearer …` (session token or platform API key) or the
 * session cookie, and sets `principal` (null when anonymous). It never rejects: `authorize`
 * decides whether the route needs a caller.
 */
export function authenticate(): MiddlewareHandler<AppEnv> {
  return async function authenticateMiddleware(c, next) {
    c.set("principal", null);
    const header = c.req.header("authorization");
    let token: string | undefined;
    let via: Principal["via"] = "bearer";
    if (header?.toLowerCase().startsWith("bearer ")) {
      token = header.slice(7).trim();
    } else {
      token = getCookie(c, SESSION_COOKIE);
      via = "cookie";
    }
    if (token) c.set("principal", await resolve(c.get("deps").store.db, token, via));
    await next();
  };
}

async function resolve(
  db: AppEnv["Variables"]["deps"]["store"]["db"],
  token: string,
  via: Principal["via"],
): Promise<Principal | null> {
  if (token.length > 200) return null;
  const hash = await hashSecret(token);
  if (token.startsWith("k369_")) {
    const key = await findApiKey(db, hash);
    if (!key) return null;
    await touchApiKey(db, key.id);
    return {
      kind: "api_key",
      id: key.id,
      name: `key:${key.name}`,
      role: "platform",
      scopeUnitId: key.orgUnitId,
      scopeCode: key.orgUnitCode,
      via,
    };
  }
  const user = await findSessionUser(db, hash);
  if (!user) return null;
  return {
    kind: "user",
    id: user.id,
    name: user.username,
    role: user.role,
    scopeUnitId: user.orgUnitId,
    scopeCode: user.orgUnitCode,
    sessionHash: hash,
    via,
  };
}
