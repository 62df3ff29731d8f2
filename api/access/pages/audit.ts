/**
 * The audit page's view model: the entries the filters keep within the administrator's scope,
 * newest first, a page at a time, each with its action in Chinese; and the CSV export's rows.
 */
import type { Kysely } from "kysely";
import type { AuditFilterView, AuditRowView, AuditView } from "../../../web/pages/admin-model.ts";
import type { DB } from "../../db/database.ts";
import {
  ACTOR_KIND_LABELS,
  AUDIT_ACTION_LABELS,
  actionLabel,
  METHOD_LABELS,
} from "../audit/labels.ts";
import { countAudit, listAudit } from "../audit/queries.ts";
import type { Principal } from "../principal.ts";
import { auditQueryString, resolveAuditFilter } from "./audit-filter.ts";
import { adminFrame, wallClock } from "./frame.ts";
import { ADMIN_AUDIT_PAGE } from "./home.ts";

export const AUDIT_PAGE_SIZE = 50;

type AuditRow = Awaited<ReturnType<typeof listAudit>>[number];

/** The entry's detail as short text (`{"role":"clerk","orgUnit":"C21"}`), "" when none. */
export function detailText(detail: unknown): string {
  if (detail === null || detail === undefined) return "";
  const text = typeof detail === "string" ? detail : JSON.stringify(detail);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

export function auditRowView(r: AuditRow): AuditRowView {
  return {
    id: Number(r.id),
    at: wallClock(r.at),
    actor: r.actor,
    actorKind: ACTOR_KIND_LABELS[r.actorKind] ?? r.actorKind,
    action: r.action,
    actionLabel: actionLabel(r.action),
    methodLabel: METHOD_LABELS[r.method] ?? r.method,
    path: r.path,
    status: r.status,
    ok: r.status < 400,
    target: r.target ?? "",
    detail: detailText(r.detail),
    ip: r.ip ?? "",
  };
}

export async function buildAuditPage(
  db: Kysely<DB>,
  principal: Principal,
  q: AuditFilterView,
  pageText: string | undefined,
): Promise<AuditView> {
  const frame = await adminFrame(db, principal);
  const actions = Object.entries(AUDIT_ACTION_LABELS).map(([value, label]) => ({ value, label }));
  const base = {
    ...frame,
    filter: q,
    actions,
    exportHref: `${ADMIN_AUDIT_PAGE}/export${auditQueryString(q)}`,
  };
  const resolved = await resolveAuditFilter(db, principal, q);
  if (resolved.filter === null) {
    return {
      ...base,
      entries: [],
      total: 0,
      page: 1,
      pages: 1,
      prevHref: null,
      nextHref: null,
      error: resolved.error,
    };
  }
  const total = await countAudit(db, resolved.filter);
  const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const asked = Number.parseInt(pageText ?? "1", 10);
  const page = Number.isFinite(asked) ? Math.min(Math.max(asked, 1), pages) : 1;
  const rows = await listAudit(db, {
    ...resolved.filter,
    limit: AUDIT_PAGE_SIZE,
    offset: (page - 1) * AUDIT_PAGE_SIZE,
  });
  const href = (p: number) => `${ADMIN_AUDIT_PAGE}${auditQueryString(q, { page: String(p) })}`;
  return {
    ...base,
    entries: rows.map(auditRowView),
    total,
    page,
    pages,
    prevHref: page > 1 ? href(page - 1) : null,
    nextHref: page < pages ? href(page + 1) : null,
    error: null,
  };
}
