import { type Kysely, sql, type Transaction } from "kysely";
import type { DB } from "../../db/database.ts";
import type { Role } from "../../db/tables/user.ts";
import { clearAccountLocks } from "../auth/queries/login-throttle.ts";

type Db = Kysely<DB> | Transaction<DB>;

export interface UserRow {
  id: number;
  username: string;
  displayName: string | null;
  role: Role;
  orgUnitId: number | null;
  orgUnitCode: string | null;
  disabled: boolean;
  createdAt: Date;
}

function userColumns() {
  return [
    "u.id",
    "u.username",
    "u.display_name as displayName",
    "u.role",
    "u.org_unit_id as orgUnitId",
    "o.code as orgUnitCode",
    "u.disabled",
    "u.created_at as createdAt",
  ] as const;
}

export async function insertUser(
  db: Db,
  user: {
    username: string;
    displayName: string | null;
    passwordHash: string;
    role: Role;
    orgUnitId: number | null;
  },
): Promise<number> {
  const row = await db
    .insertInto("app_user")
    .values({
      username: user.username,
      display_name: user.displayName,
      password_hash: user.passwordHash,
      role: user.role,
      org_unit_id: user.orgUnitId,
    })
    // Usernames are unique case-insensitively (a unique index on lower(username)): any
    // conflict means the name is taken.
    .onConflict((oc) => oc.doNothing())
    .returning("id")
    .executeTakeFirst();
  return row?.id ?? 0;
}

export async function getUser(db: Db, id: number): Promise<UserRow | undefined> {
  return db
    .selectFrom("app_user as u")
    .leftJoin("org_unit as o", "o.id", "u.org_unit_id")
    .select(userColumns())
    .where("u.id", "=", id)
    .executeTakeFirst();
}

/** Users whose scope lies inside `scopeUnitId`'s subtree (all users for a city-wide admin). */
export async function listUsers(db: Db, scopeUnitId: number | null): Promise<UserRow[]> {
  let q = db
    .selectFrom("app_user as u")
    .leftJoin("org_unit as o", "o.id", "u.org_unit_id")
    .select(userColumns());
  if (scopeUnitId !== null) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom("org_closure as c")
          .select("c.depth")
          .whereRef("c.descendant_id", "=", "u.org_unit_id")
          .where("c.ancestor_id", "=", scopeUnitId),
      ),
    );
  }
  return q.orderBy("u.username").execute();
}

export async function countAdmins(db: Db): Promise<number> {
  const row = await db
    .selectFrom("app_user")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("role", "=", "admin")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The account a sign-in names, whatever the case of the name (`Admin` is `admin`). */
export async function findLoginUser(db: Db, username: string) {
  return db
    .selectFrom("app_user")
    .select(["id", "password_hash as passwordHash", "disabled"])
    .where(sql<string>`lower(username)`, "=", sql<string>`lower(${username})`)
    .executeTakeFirst();
}

export async function setUserDisabled(db: Db, userId: number, disabled: boolean): Promise<void> {
  await db.updateTable("app_user").set({ disabled }).where("id", "=", userId).execute();
  if (disabled) await revokeUserSessions(db, userId);
}

/** A new role and scope; takes effect on the user's next request (sessions read both each time). */
export async function setUserRoleScope(
  db: Db,
  userId: number,
  role: Role,
  orgUnitId: number | null,
): Promise<void> {
  await db
    .updateTable("app_user")
    .set({ role, org_unit_id: orgUnitId })
    .where("id", "=", userId)
    .execute();
}

/**
 * Sets a new password and revokes every session of the user: a reset is what an administrator
 * does when a password may be known to someone else, who must not stay signed in with it.
 */
export async function setUserPassword(db: Db, userId: number, passwordHash: string): Promise<void> {
  await db
    .updateTable("app_user")
    .set({ password_hash: passwordHash })
    .where("id", "=", userId)
    .execute();
  await clearAccountLocks(db, userId);
  await revokeUserSessions(db, userId);
}

/** Revokes every live session of a user. */
async function revokeUserSessions(db: Db, userId: number): Promise<void> {
  await db
    .updateTable("session")
    .set({ revoked_at: new Date() })
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .execute();
}
