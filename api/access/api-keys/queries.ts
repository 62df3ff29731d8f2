import type { Kysely, Transaction } from "kysely";
import type { DB } from "../../db/database.ts";

type Db = Kysely<DB> | Transaction<DB>;

export async function insertApiKey(
  db: Db,
  k: {
    name: string;
    keyHash: string;
    prefix: string;
    orgUnitId: number | null;
    createdBy: number | null;
  },
): Promise<number> {
  const row = await db
    .insertInto("api_key")
    .values({
      name: k.name,
      key_hash: k.keyHash,
      prefix: k.prefix,
      org_unit_id: k.orgUnitId,
      created_by: k.createdBy,
      last_used_at: null,
      revoked_at: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findApiKey(db: Db, keyHash: string) {
  return db
    .selectFrom("api_key as k")
    .leftJoin("org_unit as o", "o.id", "k.org_unit_id")
    .select([
      "k.id",
      "k.name",
      "k.org_unit_id as orgUnitId",
      "o.code as orgUnitCode",
      "k.last_used_at as lastUsedAt",
    ])
    .where("k.key_hash", "=", keyHash)
    .where("k.revoked_at", "is", null)
    .executeTakeFirst();
}

/** Marks a key as used, at most once a minute, so a busy platform does not write on every call. */
export async function touchApiKey(db: Db, id: number): Promise<void> {
  await db
    .updateTable("api_key")
    .set({ last_used_at: new Date() })
    .where("id", "=", id)
    .where((eb) =>
      eb.or([
        eb("last_used_at", "is", null),
        eb("last_used_at", "<", new Date(Date.now() - 60_000)),
      ]),
    )
    .execute();
}

export async function listApiKeys(db: Db, scopeUnitId: number | null) {
  let q = db
    .selectFrom("api_key as k")
    .leftJoin("org_unit as o", "o.id", "k.org_unit_id")
    .select([
      "k.id",
      "k.name",
      "k.prefix",
      "o.code as orgUnit",
      "k.created_at as createdAt",
      "k.last_used_at as lastUsedAt",
      "k.revoked_at as revokedAt",
    ]);
  if (scopeUnitId !== null) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom("org_closure as c")
          .select("c.depth")
          .whereRef("c.descendant_id", "=", "k.org_unit_id")
          .where("c.ancestor_id", "=", scopeUnitId),
      ),
    );
  }
  return q.orderBy("k.id").execute();
}

export async function getApiKeyUnit(db: Db, id: number) {
  return db
    .selectFrom("api_key")
    .select(["id", "org_unit_id as orgUnitId", "revoked_at as revokedAt"])
    .where("id", "=", id)
    .executeTakeFirst();
}

export async function revokeApiKey(db: Db, id: number): Promise<void> {
  await db
    .updateTable("api_key")
    .set({ revoked_at: new Date() })
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .execute();
}
