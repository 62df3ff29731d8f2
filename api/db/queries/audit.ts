import type { Kysely, Transaction } from "kysely";
import type { DB } from "../database.ts";

type Db = Kysely<DB> | Transaction<DB>;

export interface AuditWrite {
  actor: string;
  actorKind: "user" | "api_key" | "anonymous" | "system";
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

export async function listAudit(
  db: Db,
  f: { since: Date | null; actor: string | null; limit: number },
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
  return q.orderBy("at", "desc").orderBy("id", "desc").limit(f.limit).execute();
}
