/**
 * The API keys page's view model: the keys in the administrator's scope, never their secrets
 * (only a hash is stored; the secret is shown once, in the answer that created it).
 */
import type { Kysely } from "kysely";
import type { ApiKeysView } from "../../../web/pages/admin-model.ts";
import type { DB } from "../../db/database.ts";
import { listApiKeys } from "../api-keys/queries.ts";
import type { Principal } from "../principal.ts";
import { adminFrame, unitIndex, unitName, wallClock } from "./frame.ts";

export async function buildApiKeysPage(db: Kysely<DB>, principal: Principal): Promise<ApiKeysView> {
  const units = await unitIndex(db, principal);
  const [frame, keys] = await Promise.all([
    adminFrame(db, principal, units),
    listApiKeys(db, principal.scopeUnitId),
  ]);
  return {
    ...frame,
    // Live keys first, newest first; revoked ones after them, kept for the record.
    keys: keys
      .sort((a, b) => Number(a.revokedAt !== null) - Number(b.revokedAt !== null) || b.id - a.id)
      .map((k) => ({
        id: k.id,
        name: k.name,
        prefix: k.prefix,
        unitCode: k.orgUnit,
        unitName: unitName(units, k.orgUnit),
        createdAt: wallClock(k.createdAt),
        lastUsedAt: k.lastUsedAt ? wallClock(k.lastUsedAt) : "从未使用",
        revokedAt: k.revokedAt ? wallClock(k.revokedAt) : null,
      })),
  };
}
