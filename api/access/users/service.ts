/**
 * Managing users within the caller's scope: which org unit a new user may be bound to, which
 * users the caller may change, creating a user (the password hashed) and changing one (a new
 * password and disabling both revoke the user's sessions, in one transaction).
 */
import bcrypt from "bcryptjs";
import { ROLE_LABELS } from "../../../shapes/labels.ts";
import type { Store } from "../../db/client.ts";
import { Conflict, Forbidden, Invalid, NotFound } from "../../errors.ts";
import { findUnitByCode, isInSubtree } from "../../org-tree/queries.ts";
import type { Principal } from "../principal.ts";
import { getUser, insertUser, setUserDisabled, setUserPassword, type UserRow } from "./queries.ts";

/** bcrypt's cost for stored passwords (the sign-in's dummy hash has the same). */
const HASH_COST = 10;

/** Resolves a unit code the caller may assign: it must exist and lie in the caller's scope. */
export async function unitInScope(
  store: Store,
  principal: Principal,
  code: string | null | undefined,
  field: string,
) {
  if (code === null || code === undefined) {
    if (principal.scopeUnitId !== null) {
      throw new Invalid("须指定所属单位", [
        { path: field, message: "必填：您的管辖范围只是组织树的一部分" },
      ]);
    }
    return null;
  }
  const unit = await findUnitByCode(store.db, code);
  if (!unit)
    throw new Invalid("单位不存在", [{ path: field, message: `没有编码为 ${code} 的单位` }]);
  if (
    principal.scopeUnitId !== null &&
    !(await isInSubtree(store.db, principal.scopeUnitId, unit.id))
  ) {
    throw new Forbidden(`单位 ${code} 不在您的管辖范围内`);
  }
  return unit;
}

/** The user `id` when the caller's scope holds the user's unit; 404 or 403 otherwise. */
export async function userInScope(
  store: Store,
  principal: Principal,
  id: number,
): Promise<UserRow> {
  const user = await getUser(store.db, id);
  if (!user) throw new NotFound(`没有编号为 ${id} 的用户`);
  if (principal.scopeUnitId !== null) {
    const inside =
      user.orgUnitId !== null &&
      (await isInSubtree(store.db, principal.scopeUnitId, user.orgUnitId));
    if (!inside) throw new Forbidden(`用户 ${id} 不在您的管辖范围内`);
  }
  return user;
}

export interface NewUserInput {
  username: string;
  displayName?: string | null | undefined;
  password: string;
  role: UserRow["role"];
  orgUnit?: string | null | undefined;
}

/**
 * Creates a user bound to an org unit in the caller's scope (an admin may have none). Refuses a
 * non-admin without a unit (422) and a username already taken, case aside (409).
 */
export async function createUser(
  store: Store,
  principal: Principal,
  body: NewUserInput,
): Promise<UserRow> {
  if (body.role !== "admin" && (body.orgUnit === undefined || body.orgUnit === null)) {
    throw new Invalid("须指定所属单位", [
      {
        path: "body.orgUnit",
        message: `${ROLE_LABELS[body.role] ?? body.role}须指定所属单位作为管辖范围`,
      },
    ]);
  }
  const unit = await unitInScope(store, principal, body.orgUnit, "body.orgUnit");
  const id = await insertUser(store.db, {
    username: body.username,
    displayName: body.displayName ?? null,
    passwordHash: await bcrypt.hash(body.password, HASH_COST),
    role: body.role,
    orgUnitId: unit?.id ?? null,
  });
  if (id === 0) {
    throw new Conflict(`用户名“${body.username}”已被使用（用户名不区分大小写）`);
  }
  return (await getUser(store.db, id))!;
}

export interface UserChange {
  disabled?: boolean | undefined;
  password?: string | undefined;
}

/**
 * Disables or enables a user in the caller's scope, or sets a new password; either revokes the
 * user's sessions, together with the change or not at all. Returns the user before and after.
 */
export async function changeUser(
  store: Store,
  principal: Principal,
  id: number,
  change: UserChange,
): Promise<{ before: UserRow; after: UserRow }> {
  const before = await userInScope(store, principal, id);
  const hash = change.password === undefined ? null : await bcrypt.hash(change.password, HASH_COST);
  await store.db.transaction().execute(async (trx) => {
    if (hash !== null) await setUserPassword(trx, id, hash);
    if (change.disabled !== undefined) await setUserDisabled(trx, id, change.disabled);
  });
  return { before, after: (await getUser(store.db, id))! };
}
