/** The users page's view model: the users in the administrator's scope and the roles to give. */
import type { Kysely } from "kysely";
import { ROLE_LABELS } from "../../../shapes/labels.ts";
import type { UsersView } from "../../../web/pages/admin-model.ts";
import type { DB } from "../../db/database.ts";
import { ROLES } from "../../db/tables/user.ts";
import type { Principal } from "../principal.ts";
import { listUsers } from "../users/queries.ts";
import { adminFrame, unitIndex, unitName, wallClock } from "./frame.ts";

export async function buildUsersPage(db: Kysely<DB>, principal: Principal): Promise<UsersView> {
  const units = await unitIndex(db, principal);
  const [frame, users] = await Promise.all([
    adminFrame(db, principal, units),
    listUsers(db, principal.scopeUnitId),
  ]);
  return {
    ...frame,
    roles: ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] ?? r })),
    users: users.map((u) => ({
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      role: u.role,
      roleLabel: ROLE_LABELS[u.role] ?? u.role,
      unitCode: u.orgUnitCode,
      unitName: unitName(units, u.orgUnitCode),
      disabled: u.disabled,
      createdAt: wallClock(u.createdAt),
      self: principal.kind === "user" && principal.id === u.id,
    })),
  };
}
