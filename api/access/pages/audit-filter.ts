/**
 * The audit page's filters, from its query string (the page's GET form and the CSV export share
 * them): actor, action, unit (in the administrator's scope) and a range of Beijing days.
 */
import type { Kysely } from "kysely";
import { shanghaiDate } from "../../../shapes/periods.ts";
import type { AuditFilterView } from "../../../web/pages/admin-model.ts";
import type { DB } from "../../db/database.ts";
import { findUnitByCode, isInSubtree } from "../../org-tree/queries.ts";
import type { AuditFilter } from "../audit/queries.ts";
import type { Principal } from "../principal.ts";

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 24 * 3600 * 1000;

/** The filters as typed; absent ones empty. */
export function parseAuditQuery(get: (name: string) => string | undefined): AuditFilterView {
  const text = (name: string, max: number) => (get(name) ?? "").trim().slice(0, max);
  return {
    actor: text("actor", 100),
    action: text("action", 100),
    unit: text("unit", 64),
    from: text("from", 10),
    to: text("to", 10),
  };
}

/** Start of a Beijing day (`2026-12-06` → 2026-12-05T16:00Z); null when not a real date. */
function dayStart(day: string): Date | null {
  if (!DAY.test(day)) return null;
  const at = new Date(`${day}T00:00:00+08:00`);
  // Reject 2026-02-30 and the like, which Date rolls over into the next month.
  return Number.isNaN(at.getTime()) || shanghaiDate(at) !== day ? null : at;
}

/**
 * The query's filter within the principal's scope, or the Chinese reason it cannot be applied
 * (an unknown unit or one outside the scope, a malformed date, a range that ends before it
 * starts).
 */
export async function resolveAuditFilter(
  db: Kysely<DB>,
  principal: Principal,
  q: AuditFilterView,
): Promise<{ filter: AuditFilter; error: null } | { filter: null; error: string }> {
  const fail = (error: string) => ({ filter: null, error });
  let unitId: number | null = null;
  if (q.unit !== "") {
    const unit = await findUnitByCode(db, q.unit);
    if (!unit) return fail(`没有编码为“${q.unit}”的单位`);
    if (
      principal.scopeUnitId !== null &&
      !(await isInSubtree(db, principal.scopeUnitId, unit.id))
    ) {
      return fail(`单位“${unit.name}”不在您的管理范围内`);
    }
    unitId = unit.id;
  }
  const since = q.from === "" ? null : dayStart(q.from);
  if (q.from !== "" && since === null) return fail(`开始日期“${q.from}”不是有效日期（年-月-日）`);
  const toStart = q.to === "" ? null : dayStart(q.to);
  if (q.to !== "" && toStart === null) return fail(`结束日期“${q.to}”不是有效日期（年-月-日）`);
  const until = toStart === null ? null : new Date(toStart.getTime() + DAY_MS);
  if (since !== null && until !== null && since >= until) {
    return fail("开始日期晚于结束日期");
  }
  return {
    filter: {
      since,
      until,
      actor: q.actor === "" ? null : q.actor,
      action: q.action === "" ? null : q.action,
      unitId,
      scopeUnitId: principal.scopeUnitId,
    },
    error: null,
  };
}

/** The filters as a query string (empty ones left out), for the pager and the export link. */
export function auditQueryString(q: AuditFilterView, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...q, ...extra })) if (v !== "") params.set(k, v);
  const s = params.toString();
  return s === "" ? "" : `?${s}`;
}
