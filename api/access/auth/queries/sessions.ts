import type { Kysely, Transaction } from "kysely";
import type { DB } from "../../../db/database.ts";

type Db = Kysely<DB> | Transaction<DB>;

export async function insertSession(
  db: Db,
  s: {
    tokenHash: string;
    userId: number;
    expiresAt: Date;
    ip: string | null;
    userAgent: string | null;
  },
): Promise<void> {
  await db
    .insertInto("session")
    .values({
      token_hash: s.tokenHash,
      user_id: s.userId,
      expires_at: s.expiresAt,
      revoked_at: null,
      ip: s.ip,
      user_agent: s.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
}

/** The live session's user (not expired, not revoked, user not disabled), with their scope. */
export async function findSessionUser(db: Db, tokenHash: string) {
  return db
    .selectFrom("session as s")
    .innerJoin("app_user as u", "u.id", "s.user_id")
    .leftJoin("org_unit as o", "o.id", "u.org_unit_id")
    .select([
      "u.id",
      "u.username",
      "u.role",
      "u.org_unit_id as orgUnitId",
      "o.code as orgUnitCode",
      "s.expires_at as expiresAt",
    ])
    .where("s.token_hash", "=", tokenHash)
    .where("s.revoked_at", "is", null)
    .where("s.expires_at", ">", new Date())
    .where("u.disabled", "=", false)
    .executeTakeFirst();
}

export async function revokeSession(db: Db, tokenHash: string): Promise<void> {
  await db
    .updateTable("session")
    .set({ revoked_at: new Date() })
    .where("token_hash", "=", tokenHash)
    .execute();
}
