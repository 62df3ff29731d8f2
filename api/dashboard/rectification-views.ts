/**
 * The rectification pages' pieces (issue 19), from the API's `RectificationTask` (the ledger of
 * api/rectifications): cards, the task page's detail with what the viewer may do, badges' counts
 * and the ledger's filter. Pure: the routes read the tasks and the page context, these shape them.
 * The API decides every write again; these flags only choose which forms to show.
 */
import { INDICATORS } from "../../metrics/index.ts";
import { formatInstant, formatWithUnit, periodLabel } from "../../shapes/format.ts";
import { STATUS_LABELS } from "../../shapes/labels.ts";
import {
  OVERDUE_LABEL,
  RECTIFICATION_DECISION_LABELS,
  RECTIFICATION_ORIGIN_LABELS,
  RECTIFICATION_STATUS_LABELS,
  type RectificationTask,
} from "../../shapes/rectifications.ts";
import type {
  RedItemTaskView,
  TaskAlertsView,
  TaskCardView,
  TaskDetailView,
  TaskEventView,
  TaskStateKey,
} from "../../web/pages/rectification-model.ts";
import { can } from "../access/permissions.ts";
import type { Principal } from "../access/principal.ts";
import { EVIDENCE_LABELS, type EvidenceMime } from "../attachments/sniff.ts";
import { inSubtree, type TreeIndex } from "../org-tree/tree-index.ts";

export const STATE_LABELS: Readonly<Record<TaskStateKey, string>> = {
  ...RECTIFICATION_STATUS_LABELS,
  overdue: OVERDUE_LABEL,
};

export const stateOf = (t: RectificationTask): TaskStateKey => (t.overdue ? "overdue" : t.status);

/** The task page's path (under the unit the viewer is looking from). */
export const taskPath = (code: string, id: number, period: string) =>
  `/dashboard/${encodeURIComponent(code)}/tasks/${id}?period=${period}`;

const sizeText = (n: number) =>
  n >= 1024 * 1024
    ? `${(n / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(n / 1024))} KB`;

function recoveredLabel(t: RectificationTask): string {
  if (t.recovered === null) return "暂无后续数据";
  return t.recovered ? "已恢复（不再为红色）" : "仍为红色";
}

export function taskCard(t: RectificationTask, href: string): TaskCardView {
  const state = stateOf(t);
  return {
    id: t.id,
    href,
    unitCode: t.orgUnit,
    unitName: t.orgUnitName,
    parentName: t.parentName,
    indicator: t.indicator,
    indicatorName: INDICATORS[t.indicator].nameZh,
    periodLabel: periodLabel(t.period),
    originLabel: RECTIFICATION_ORIGIN_LABELS[t.origin],
    manual: t.origin === "manual",
    valueAtOpen: formatWithUnit(t.indicator, t.valueAtOpen),
    state,
    stateLabel: state === "overdue" ? `${OVERDUE_LABEL} ${t.daysOverdue} 天` : STATE_LABELS[state],
    dueSoon: t.dueSoon,
    daysOverdue: t.daysOverdue,
    deadline: t.extended ? `${t.deadline}（已延期）` : t.deadline,
    recoveredLabel: recoveredLabel(t),
  };
}

/** Progress entries and decisions, oldest first, as one history. */
function eventsOf(t: RectificationTask): TaskEventView[] {
  const progress = t.progress.map((p) => ({
    at: p.at,
    by: p.by,
    label: "报送进展",
    text: [p.measures && `措施：${p.measures}`, p.note && `说明：${p.note}`]
      .filter(Boolean)
      .join("；"),
  }));
  const decisions = t.decisions.map((d) => ({
    at: d.at,
    by: d.by,
    label: RECTIFICATION_DECISION_LABELS[d.decision],
    text:
      d.decision === "extend" && d.newDeadline
        ? `新期限 ${d.newDeadline}${d.note ? `；理由：${d.note}` : ""}`
        : d.note,
  }));
  return [...progress, ...decisions]
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
    .map((e) => ({ ...e, at: formatInstant(e.at) }));
}

/** Where the viewer stands towards a task's unit: the unit itself, above it, or whole-tree. */
function standing(principal: Principal, tree: TreeIndex, unitCode: string) {
  const unit = tree.byCode.get(unitCode);
  if (!unit) return "outside" as const;
  if (principal.scopeUnitId === null) return "above" as const;
  if (principal.scopeUnitId === unit.id) return "own" as const;
  return inSubtree(tree, principal.scopeUnitId, unit.id)
    ? ("above" as const)
    : ("outside" as const);
}

export function taskDetail(
  t: RectificationTask,
  href: string,
  principal: Principal,
  tree: TreeIndex,
): TaskDetailView {
  const where = standing(principal, tree, t.orgUnit);
  const deciderRole = can(principal.role, "rectifications.decide");
  const canDecide = deciderRole && where === "above" && t.status === "submitted";
  const c = INDICATORS[t.indicator];
  return {
    ...taskCard(t, href),
    instruction: t.instruction,
    target: `${c.direction === "up" ? "不低于" : "不高于"} ${formatWithUnit(t.indicator, c.target)}`,
    measures: t.measures,
    trend: t.trend.map((p) => ({
      periodLabel: periodLabel(p.period),
      value: formatWithUnit(t.indicator, p.value),
      status: p.status ?? "none",
      statusLabel: p.status ? STATUS_LABELS[p.status] : "无数据",
      official: p.official,
    })),
    events: eventsOf(t),
    evidence: t.attachments.map((f) => ({
      url: `/api/v1/attachments/${f.id}`,
      name: f.filename,
      typeLabel: EVIDENCE_LABELS[f.contentType as EvidenceMime] ?? f.contentType,
      image: f.contentType.startsWith("image/"),
      size: sizeText(f.size),
    })),
    canWork:
      can(principal.role, "rectifications.work") && where !== "outside" && t.status === "open",
    canDecide,
    canExtend: deciderRole && where === "above" && !t.extended && t.status !== "verified",
    notDecidable:
      t.status !== "submitted" || canDecide
        ? null
        : where === "own"
          ? "本单位的整改任务由上级单位或评估方验收"
          : deciderRole
            ? null
            : "您的角色不负责验收",
  };
}

/** Overdue and due-soon counts of `tasks` (the unit's badge). */
export function alertsOf(tasks: readonly RectificationTask[], href: string): TaskAlertsView {
  return {
    overdue: tasks.filter((t) => t.overdue).length,
    dueSoon: tasks.filter((t) => t.dueSoon && !t.overdue).length,
    href,
  };
}

/** A red item's task: the one of the same unit and indicator opened last for `period` or before. */
export function redItemTasks(
  tasks: readonly RectificationTask[],
  period: string,
  viewFrom: string,
): Map<string, RedItemTaskView> {
  const out = new Map<string, RedItemTaskView>();
  const chosen = new Map<string, RectificationTask>();
  for (const t of tasks) {
    if (t.period > period) continue;
    const key = `${t.orgUnit}\u0000${t.indicator}`;
    const had = chosen.get(key);
    if (!had || t.period > had.period || (t.period === had.period && t.id > had.id)) {
      chosen.set(key, t);
    }
  }
  for (const [key, t] of chosen) {
    const state = stateOf(t);
    out.set(key, {
      id: t.id,
      href: taskPath(viewFrom, t.id, period),
      state,
      stateLabel: STATE_LABELS[state],
      ownerName: t.parentName ? `${t.parentName} ${t.orgUnitName}` : t.orgUnitName,
      deadline: t.deadline,
      daysOverdue: t.daysOverdue,
    });
  }
  return out;
}
