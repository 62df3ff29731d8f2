import type { Kysely, Transaction } from "kysely";
import type { DB } from "../../db/database.ts";

type Db = Kysely<DB> | Transaction<DB>;

export interface AuditWrite {
  actor: string;
  actorKind: "user" | "api_key" | "anonymous" | "system";
  actorScopeId: number | null;
  action: string;
  method: string;
  path: string;
  status: number;
  target: string | null;
  detail: unknown;
  ip: string | null;
  requestId: string | null;
}

export async function insertAudit(db: Db, e: AuditWrite): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      actor: e.actor,
      actor_kind: e.actorKind,
      actor_scope_id: e.actorScopeId,
      action: e.action,
      method: e.method,
      path: e.path,
      status: e.status,
      target: e.target,
      detail: e.detail === undefined || e.detail === null ? null : JSON.stringify(e.detail),
      ip: e.ip,
      request_id: e.requestId,
    })
    .execute();
}

/**
 * Audit entries, newest first. A scoped reader (`scopeUnitId` set) sees only what principals
 * scoped inside its subtree did; city-wide and anonymous entries need a city-wide reader.
 */
export async function listAudit(
  db: Db,
  f: { since: Date | null; actor: string | null; limit: number; scopeUnitId: number | null },
) {
  let q = db
    .selectFrom("audit_log")
    .select([
      "id",
      "at",
      "actor",
      "actor_kind as actorKind",
      "action",
      "method",
      "path",
      "status",
      "target",
      "detail",
      "ip",
      "request_id as requestId",
    ]);
  if (f.since) q = q.where("at", ">=", f.since);
  if (f.actor) q = q.where("actor", "=", f.actor);
  if (f.scopeUnitId !== null) {
    const scope = f.scopeUnitId;
    q = q.where("actor_scope_id", "in", (eb) =>
      eb.selectFrom("org_closure").select("descendant_id").where("ancestor_id", "=", scope),
    );
  }
  return q.orderBy("at", "desc").orderBy("id", "desc").limit(f.limit).execute();
}
