/**
 * The rectification pages' view models (issue 19): the unit's task list and task page, the
 * verifier's queue and the leaders' ledger (整改台账), each over the tasks of the page unit's
 * subtree as the ledger of api/rectifications presents them (deadline state, trend, recovery).
 */
import { INDICATOR_CODES, INDICATORS, type IndicatorCode } from "../../metrics/index.ts";
import { shanghaiDate } from "../../shapes/periods.ts";
import type { RectificationTask } from "../../shapes/rectifications.ts";
import type {
  LedgerFilterView,
  LedgerView,
  TaskListView,
  TaskPageView,
  TaskStateKey,
  VerifyQueueView,
} from "../../web/pages/rectification-model.ts";
import { can } from "../access/permissions.ts";
import { ATTACHMENT_LIMIT } from "../attachments/schema.ts";
import { addDays } from "../rectifications/dates.ts";
import {
  type LedgerQuery,
  rectificationLedger,
  rectificationPage,
  rectificationStateCounts,
} from "../rectifications/ledger.ts";
import type { Resolved } from "./context.ts";
import { subtreeUnits } from "./history.ts";
import {
  alertsOf,
  STATE_LABELS,
  stateOf,
  taskCard,
  taskDetail,
  taskPath,
} from "./rectification-views.ts";

/** Ledger rows per page. */
export const LEDGER_PAGE_SIZE = 50;

const STATES: readonly TaskStateKey[] = ["overdue", "open", "submitted", "verified"];
const ORDER: Record<TaskStateKey, number> = { overdue: 0, open: 1, submitted: 2, verified: 3 };
const CODES = new Set<string>(INDICATOR_CODES);

/** Every task of the page unit's subtree (the caller's scope was checked by the page). */
export function tasksOf(page: Resolved, now: Date): Promise<RectificationTask[]> {
  return rectificationLedger(
    { engine: page.engine, now },
    { orgUnit: page.unit.code, scopeUnitId: page.principal.scopeUnitId },
  );
}

const base = (page: Resolved, suffix: string) =>
  `/dashboard/${encodeURIComponent(page.unit.code)}/${suffix}?period=${page.ctx.period}`;

/** Unfinished first (overdue, then the nearest deadline), then verified ones newest first. */
function byUrgency(a: RectificationTask, b: RectificationTask): number {
  const done = Number(a.status === "verified") - Number(b.status === "verified");
  if (done !== 0) return done;
  if (a.status === "verified") return b.deadline.localeCompare(a.deadline) || b.id - a.id;
  return (
    ORDER[stateOf(a)] - ORDER[stateOf(b)] || a.deadline.localeCompare(b.deadline) || a.id - b.id
  );
}

export function buildTaskList(page: Resolved, tasks: readonly RectificationTask[]): TaskListView {
  const sorted = [...tasks].sort(byUrgency);
  const role = page.principal.role;
  return {
    ...page.ctx,
    alerts: alertsOf(tasks, base(page, "tasks")),
    tasks: sorted.map((t) => taskCard(t, taskPath(page.unit.code, t.id, page.ctx.period))),
    unfinished: sorted.filter((t) => t.status !== "verified").length,
    verifyHref: can(role, "rectifications.decide") ? base(page, "verify") : null,
    ledgerHref: can(role, "rectifications.read") ? base(page, "rectifications") : null,
  };
}

/** Tomorrow's date (Asia/Shanghai), the earliest deadline an extension may set. */
export function tomorrow(now: Date): string {
  return addDays(shanghaiDate(now), 1);
}

/** The task page; null when the task is not in the page unit's subtree. */
export function buildTaskPage(
  page: Resolved,
  tasks: readonly RectificationTask[],
  id: number,
  now: Date,
): TaskPageView | null {
  const t = tasks.find((x) => x.id === id);
  if (!t) return null;
  const later = tomorrow(now);
  return {
    ...page.ctx,
    alerts: alertsOf(tasks, base(page, "tasks")),
    task: taskDetail(t, taskPath(page.unit.code, t.id, page.ctx.period), page.principal, page.tree),
    backHref: base(page, "tasks"),
    maxFileMb: ATTACHMENT_LIMIT / 1024 / 1024,
    minDeadline: t.deadline >= later ? addDays(t.deadline, 1) : later,
  };
}

export function buildVerifyQueue(
  page: Resolved,
  tasks: readonly RectificationTask[],
): VerifyQueueView {
  const submitted = tasks
    .filter((t) => t.status === "submitted")
    .sort((a, b) => a.deadline.localeCompare(b.deadline) || a.id - b.id)
    .map((t) =>
      taskDetail(t, taskPath(page.unit.code, t.id, page.ctx.period), page.principal, page.tree),
    );
  const mine = submitted.filter((t) => t.canDecide || t.canExtend);
  return {
    ...page.ctx,
    tasks: mine,
    others: submitted.length - mine.length,
    ledgerHref: can(page.principal.role, "rectifications.read")
      ? base(page, "rectifications")
      : null,
  };
}

/** The ledger's filters from a query string; anything malformed is dropped. */
export function parseLedgerFilter(q: (name: string) => string | undefined): LedgerFilterView {
  const status = q("status")?.trim();
  const street = q("street")?.trim();
  const indicator = q("indicator")?.trim().toUpperCase();
  const page = Number(q("page"));
  return {
    status: (STATES as readonly string[]).includes(status ?? "") ? (status as TaskStateKey) : null,
    street: street && /^[\w-]{1,64}$/.test(street) ? street : null,
    indicator: indicator && CODES.has(indicator) ? (indicator as IndicatorCode) : null,
    page: Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1,
  };
}

/** The query string (after `period=…`) of `f`, with `page` only when past the first. */
export function ledgerQuery(f: LedgerFilterView, withPage = true): string {
  const parts: string[] = [];
  if (f.status) parts.push(`status=${f.status}`);
  if (f.street) parts.push(`street=${encodeURIComponent(f.street)}`);
  if (f.indicator) parts.push(`indicator=${f.indicator}`);
  if (withPage && f.page > 1) parts.push(`page=${f.page}`);
  return parts.map((p) => `&${p}`).join("");
}

/** The page's filter as a ledger query over the page unit's subtree (SQL filters and order). */
export function ledgerQueryOf(page: Resolved, f: LedgerFilterView): LedgerQuery {
  return {
    orgUnit: page.unit.code,
    scopeUnitId: page.principal.scopeUnitId,
    street: f.street ?? undefined,
    indicator: f.indicator ?? undefined,
    // 整改中 and 待验收 as the pages show them leave overdue tasks out (they are 已逾期).
    status: f.status ?? undefined,
    notOverdue: f.status === "open" || f.status === "submitted",
  };
}

/** `f` without a street that is not in the page unit's subtree (such a filter is dropped). */
export function knownStreet(page: Resolved, f: LedgerFilterView): LedgerFilterView {
  const street = f.street ? page.tree.byCode.get(f.street) : undefined;
  const inside = street && subtreeUnits(page.tree, page.unit).some((u) => u.code === street.code);
  return inside ? f : { ...f, street: null };
}

/** The 整改台账 page: counts over the subtree, one page of the filtered tasks read in SQL. */
export async function buildLedger(
  page: Resolved,
  filter: LedgerFilterView,
  now: Date,
): Promise<LedgerView> {
  const deps = { engine: page.engine, now };
  const wanted = knownStreet(page, filter);
  const q = ledgerQueryOf(page, wanted);
  const slice = (n: number) =>
    rectificationPage(deps, { ...q, page: n, pageSize: LEDGER_PAGE_SIZE });
  const [counts, first] = await Promise.all([
    rectificationStateCounts(deps, {
      orgUnit: page.unit.code,
      scopeUnitId: page.principal.scopeUnitId,
    }),
    slice(wanted.page),
  ]);
  const pages = Math.max(1, Math.ceil(first.total / LEDGER_PAGE_SIZE));
  const at = Math.min(wanted.page, pages);
  const shown = at === wanted.page ? first : await slice(at);
  const f = { ...wanted, page: at };
  const path = base(page, "rectifications");
  const exportHref = (format: string) =>
    `/dashboard/${encodeURIComponent(page.unit.code)}/rectifications/export?period=${page.ctx.period}&format=${format}${ledgerQuery(f, false)}`;
  return {
    ...page.ctx,
    filter: f,
    streets:
      page.unit.level === "street"
        ? []
        : subtreeUnits(page.tree, page.unit)
            .filter((u) => u.level === "street" || u.level === "township")
            .map((u) => ({ code: u.code, name: u.name })),
    indicators: INDICATOR_CODES.map((code) => ({ code, name: INDICATORS[code].nameZh })),
    statuses: STATES.map((value) => ({ value, label: STATE_LABELS[value] })),
    counts,
    total: counts.overdue + counts.open + counts.submitted + counts.verified,
    matched: first.total,
    rows: shown.tasks.map((t) => taskCard(t, taskPath(page.unit.code, t.id, page.ctx.period))),
    pages,
    prevHref: at > 1 ? `${path}${ledgerQuery({ ...f, page: at - 1 })}` : null,
    nextHref: at < pages ? `${path}${ledgerQuery({ ...f, page: at + 1 })}` : null,
    csvHref: exportHref("csv"),
    xlsxHref: exportHref("xlsx"),
  };
}

/** Every task of the filtered ledger (the export), in the ledger's order. */
export function ledgerRows(page: Resolved, filter: LedgerFilterView, now: Date) {
  return rectificationLedger(
    { engine: page.engine, now },
    ledgerQueryOf(page, knownStreet(page, filter)),
  );
}
