import { createRoute, z } from "@hono/zod-openapi";
import { int4Text, jsonBody, jsonResponse, newRouter, problems } from "../../http/router.ts";
import { authorize } from "../../middleware/authorize.ts";
import { listUsers, type UserRow } from "./queries.ts";
import { NewUser, User, UserList, UserPatch } from "./schema.ts";
import { changeUser, createUser } from "./service.ts";

const create = createRoute({
  method: "post",
  path: "/users",
  tags: ["users"],
  summary: "Create a user bound to an org unit (admin)",
  middleware: [authorize("users.manage")] as const,
  request: { body: jsonBody(NewUser) },
  responses: {
    201: jsonResponse(User, "The user, without the password"),
    ...problems(400, 401, 403, 409, 413, 415, 422),
  },
});

const list = createRoute({
  method: "get",
  path: "/users",
  tags: ["users"],
  summary: "Users within the caller's scope (admin)",
  middleware: [authorize("users.manage")] as const,
  responses: { 200: jsonResponse(UserList, "Users"), ...problems(401, 403) },
});

const patch = createRoute({
  method: "patch",
  path: "/users/{id}",
  tags: ["users"],
  summary:
    "Disable or enable a user, set a new password, or change the user's role and scope (admin); disabling and a new password both revoke the user's sessions",
  middleware: [authorize("users.manage")] as const,
  request: {
    params: z.object({ id: int4Text(1) }),
    body: jsonBody(UserPatch),
  },
  responses: {
    200: jsonResponse(User, "The user"),
    ...problems(400, 401, 403, 404, 409, 413, 415, 422),
  },
});

function toUser(u: UserRow) {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    orgUnit: u.orgUnitCode,
    disabled: u.disabled,
    createdAt: u.createdAt.toISOString(),
  };
}

export function userRoutes() {
  const app = newRouter();
  app.openapi(create, async (c) => {
    const body = c.req.valid("json");
    const user = await createUser(c.get("deps").store, c.get("principal")!, body);
    c.set("auditTarget", `user: ${body.username}`);
    c.set("auditDetail", { role: body.role, orgUnit: body.orgUnit ?? null });
    return c.json(toUser(user), 201);
  });
  app.openapi(list, async (c) => {
    const principal = c.get("principal")!;
    const users = await listUsers(c.get("deps").store.db, principal.scopeUnitId);
    return c.json({ users: users.map(toUser) }, 200);
  });
  app.openapi(patch, async (c) => {
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    const { before, after } = await changeUser(c.get("deps").store, c.get("principal")!, id, body);
    c.set("auditTarget", `user: ${before.username}`);
    const moved = body.role !== undefined || body.orgUnit !== undefined;
    c.set("auditDetail", {
      disabled: body.disabled,
      passwordChanged: body.password !== undefined,
      orgUnit: after.orgUnitCode,
      ...(moved
        ? { role: after.role, was: { role: before.role, orgUnit: before.orgUnitCode } }
        : {}),
    });
    return c.json(toUser(after), 200);
  });
  return app;
}
