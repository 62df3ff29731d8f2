import { createRoute, z } from "@hono/zod-openapi";
import { deleteCookie } from "hono/cookie";
import { Unauthenticated } from "../../../errors.ts";
import { jsonResponse, problems, type Router } from "../../../http/router.ts";
import { SESSION_COOKIE } from "../../../middleware/authenticate.ts";
import { ACTIONS, can } from "../../permissions.ts";
import { revokeSession } from "../queries/sessions.ts";
import { Me } from "../schema.ts";

const logout = createRoute({
  method: "post",
  path: "/auth/logout",
  tags: ["auth"],
  summary: "Revoke the current session token and clear the cookie",
  responses: { 200: jsonResponse(z.object({ ok: z.boolean() }), "Signed out"), ...problems(401) },
});

const me = createRoute({
  method: "get",
  path: "/auth/me",
  tags: ["auth"],
  summary: "Who the caller is, their scope and the actions their role allows",
  responses: { 200: jsonResponse(Me, "The caller"), ...problems(401) },
});

export function registerSession(app: Router) {
  app.openapi(logout, async (c) => {
    c.set("action", "auth.logout");
    const principal = c.get("principal");
    if (!principal) throw new Unauthenticated("尚未登录");
    if (principal.sessionHash) await revokeSession(c.get("deps").store.db, principal.sessionHash);
    deleteCookie(c, SESSION_COOKIE, { path: "/" });
    return c.json({ ok: true }, 200);
  });
  app.openapi(me, async (c) => {
    const principal = c.get("principal");
    if (!principal) throw new Unauthenticated("尚未登录");
    return c.json(
      {
        kind: principal.kind,
        name: principal.name,
        role: principal.role,
        orgUnit: principal.scopeCode,
        actions: ACTIONS.filter((a) => can(principal.role, a)),
      },
      200,
    );
  });
}
