import { type Kysely, sql, type Transaction } from "kysely";
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

/** Which entries to read. `until` is exclusive; null fields do not filter. */
export interface AuditFilter {
  since: Date | null;
  until?: Date | null;
  actor: string | null;
  action?: string | null;
  /**
   * Entries about this unit's subtree: by principals scoped inside it, or whose detail names a
   * unit inside it (`orgUnit`: the user, key or export the entry is about).
   */
  unitId?: number | null;
  /** The reader's scope: a scoped reader sees only what principals scoped inside it did. */
  scopeUnitId: number | null;
}

function filtered(db: Db, f: AuditFilter) {
  let q = db.selectFrom("audit_log");
  if (f.since) q = q.where("at", ">=", f.since);
  if (f.until) q = q.where("at", "<", f.until);
  if (f.actor) q = q.where("actor", "=", f.actor);
  if (f.action) q = q.where("action", "=", f.action);
  if (f.unitId !== null && f.unitId !== undefined) {
    const unit = f.unitId;
    q = q.where((eb) =>
      eb.or([
        eb(
          "actor_scope_id",
          "in",
          eb.selectFrom("org_closure").select("descendant_id").where("ancestor_id", "=", unit),
        ),
        eb(
          sql<string>`detail->>'orgUnit'`,
          "in",
          eb
            .selectFrom("org_closure as c")
            .innerJoin("org_unit as u", "u.id", "c.descendant_id")
            .select("u.code")
            .where("c.ancestor_id", "=", unit),
        ),
      ]),
    );
  }
  if (f.scopeUnitId !== null) {
    const scope = f.scopeUnitId;
    q = q.where("actor_scope_id", "in", (eb) =>
      eb.selectFrom("org_closure").select("descendant_id").where("ancestor_id", "=", scope),
    );
  }
  return q;
}

/**
 * Audit entries, newest first, `limit` of them after skipping `offset`. A scoped reader
 * (`scopeUnitId` set) sees only what principals scoped inside its subtree did; city-wide and
 * anonymous entries need a city-wide reader.
 */
export async function listAudit(db: Db, f: AuditFilter & { limit: number; offset?: number }) {
  return filtered(db, f)
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
    ])
    .orderBy("at", "desc")
    .orderBy("id", "desc")
    .limit(f.limit)
    .offset(f.offset ?? 0)
    .execute();
}

/** How many entries the filter keeps. */
export async function countAudit(db: Db, f: AuditFilter): Promise<number> {
  const row = await filtered(db, f)
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
