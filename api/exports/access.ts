/**
 * Who may export what: the unit to export (named, or the caller's scope root, or the tree's only
 * root), checked against the caller's scope; and the audit entry every export leaves. The audit
 * middleware records writes only; a GET that hands out a file is an access worth recording too.
 */
import type { Context } from "hono";
import { insertAudit } from "../access/audit/queries.ts";
import type { AppEnv } from "../env.ts";
import { Forbidden, Invalid, NotFound } from "../errors.ts";
import { findUnitByCode, isInSubtree, type UnitRef } from "../org-tree/queries.ts";
import { soleRootUnit } from "./queries.ts";

/** The export's root unit; 404 for an unknown code, 403 outside the caller's scope. */
export async function exportRoot(c: Context<AppEnv>, code: string | undefined): Promise<UnitRef> {
  const db = c.get("deps").store.db;
  const principal = c.get("principal")!;
  let unit: UnitRef | undefined;
  if (code !== undefined) {
    unit = await findUnitByCode(db, code);
    if (!unit) throw new NotFound(`没有编码为 ${code} 的单位`);
  } else if (principal.scopeCode !== null) {
    unit = await findUnitByCode(db, principal.scopeCode);
  } else {
    unit = await soleRootUnit(db);
  }
  if (!unit) {
    throw new Invalid("请指定单位", [
      { path: "query.orgUnit", message: "必填：请指定要导出的单位" },
    ]);
  }
  if (principal.scopeUnitId !== null && !(await isInSubtree(db, principal.scopeUnitId, unit.id))) {
    throw new Forbidden(`单位 ${unit.code} 不在您的管辖范围内`);
  }
  return unit;
}

/** The principal's key in `job.created_by` (as routes/jobs reads it). */

/** Records an export in the audit log as action `exports.read`. */
export async function auditExport(
  c: Context<AppEnv>,
  status: number,
  target: string,
  detail: Record<string, unknown>,
): Promise<void> {
  const deps = c.get("deps");
  const principal = c.get("principal")!;
  await insertAudit(deps.store.db, {
    actor: principal.name,
    actorKind: principal.kind,
    actorScopeId: principal.scopeUnitId,
    action: "exports.read",
    method: c.req.method,
    path: new URL(c.req.url).pathname,
    status,
    target,
    detail,
    ip: deps.clientIp(c),
    requestId: c.get("requestId"),
  });
}
