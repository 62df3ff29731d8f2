import { createRoute, z } from "@hono/zod-openapi";
import bcrypt from "bcryptjs";
import type { Store } from "../../db/client.ts";
import { Conflict, Forbidden, Invalid, NotFound } from "../../errors.ts";
import { int4Text, jsonBody, jsonResponse, newRouter, problems } from "../../http/router.ts";
import { authorize } from "../../middleware/authorize.ts";
import { findUnitByCode, isInSubtree } from "../../org-tree/queries.ts";
import type { Principal } from "../principal.ts";
import {
  getUser,
  insertUser,
  listUsers,
  setUserDisabled,
  setUserPassword,
  type UserRow,
} from "./queries.ts";
import { NewUser, User, UserList, UserPatch } from "./schema.ts";

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
    "Disable or enable a user, or set a new password (admin); disabling and a new password both revoke the user's sessions",
  middleware: [authorize("users.manage")] as const,
  request: {
    params: z.object({ id: int4Text(1) }),
    body: jsonBody(UserPatch),
  },
  responses: {
    200: jsonResponse(User, "The user"),
    ...problems(400, 401, 403, 404, 413, 415, 422),
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

/** Resolves a unit code the caller may assign: it must exist and lie in the caller's scope. */
export async function unitInScope(
  store: Store,
  principal: Principal,
  code: string | null | undefined,
  field: string,
) {
  if (code === null || code === undefined) {
    if (principal.scopeUnitId !== null) {
      throw new Invalid("An org unit is required", [
        { path: field, message: "required: your own scope is limited to a subtree" },
      ]);
    }
    return null;
  }
  const unit = await findUnitByCode(store.db, code);
  if (!unit)
    throw new Invalid("Unknown org unit", [{ path: field, message: `no org unit '${code}'` }]);
  if (
    principal.scopeUnitId !== null &&
    !(await isInSubtree(store.db, principal.scopeUnitId, unit.id))
  ) {
    throw new Forbidden(`Org unit '${code}' is outside your scope`);
  }
  return unit;
}

async function userInScope(store: Store, principal: Principal, id: number): Promise<UserRow> {
  const user = await getUser(store.db, id);
  if (!user) throw new NotFound(`No user ${id}`);
  if (principal.scopeUnitId !== null) {
    const inside =
      user.orgUnitId !== null &&
      (await isInSubtree(store.db, principal.scopeUnitId, user.orgUnitId));
    if (!inside) throw new Forbidden(`User ${id} is outside your scope`);
  }
  return user;
}

export function userRoutes() {
  const app = newRouter();
  app.openapi(create, async (c) => {
    const body = c.req.valid("json");
    const principal = c.get("principal")!;
    const { store } = c.get("deps");
    if (body.role !== "admin" && (body.orgUnit === undefined || body.orgUnit === null)) {
      throw new Invalid("An org unit is required", [
        { path: "body.orgUnit", message: `a ${body.role} needs an org unit as scope` },
      ]);
    }
    const unit = await unitInScope(store, principal, body.orgUnit, "body.orgUnit");
    const id = await insertUser(store.db, {
      username: body.username,
      displayName: body.displayName ?? null,
      passwordHash: await bcrypt.hash(body.password, 10),
      role: body.role,
      orgUnitId: unit?.id ?? null,
    });
    if (id === 0) {
      throw new Conflict(`用户名“${body.username}”已被使用（用户名不区分大小写）`);
    }
    c.set("auditTarget", `user: ${body.username}`);
    c.set("auditDetail", { role: body.role, orgUnit: body.orgUnit ?? null });
    const user = await getUser(store.db, id);
    return c.json(toUser(user!), 201);
  });
  app.openapi(list, async (c) => {
    const principal = c.get("principal")!;
    const users = await listUsers(c.get("deps").store.db, principal.scopeUnitId);
    return c.json({ users: users.map(toUser) }, 200);
  });
  app.openapi(patch, async (c) => {
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    const principal = c.get("principal")!;
    const { store } = c.get("deps");
    const user = await userInScope(store, principal, id);
    const hash = body.password === undefined ? null : await bcrypt.hash(body.password, 10);
    // A new password revokes the user's sessions: together with it, or not at all.
    await store.db.transaction().execute(async (trx) => {
      if (hash !== null) await setUserPassword(trx, id, hash);
      if (body.disabled !== undefined) await setUserDisabled(trx, id, body.disabled);
    });
    c.set("auditTarget", `user: ${user.username}`);
    c.set("auditDetail", { disabled: body.disabled, passwordChanged: body.password !== undefined });
    return c.json(toUser((await getUser(store.db, id))!), 200);
  });
  return app;
}
