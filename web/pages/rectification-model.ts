/**
 * View models of the rectification pages (整改 / 督办, issue 19): the unit's task list and task
 * page, the verifier's queue, the leaders' ledger (整改台账), the overview's panel and the task
 * columns of the red-items page. Built by api/dashboard/rectification-views.ts from the API's
 * `RectificationTask`; text ready to show.
 */
import type { IndicatorCode } from "../../metrics/catalogue.ts";
import type { PageContext } from "./dashboard-model.ts";
import type { TaskStateKey } from "./rectification-shared.ts";

export type {
  RectificationPanelView,
  RedItemTaskView,
  TaskStateFilter,
  TaskStateKey,
} from "./rectification-shared.ts";

/** Due-soon and overdue counts of a unit's tasks (the badge on its pages). */
export interface TaskAlertsView {
  overdue: number;
  dueSoon: number;
  href: string;
}

/** One task as a list row or card. */
export interface TaskCardView {
  id: number;
  href: string;
  unitCode: string;
  unitName: string;
  /** The street of a community (so that 馨苑社区 of two streets are told apart); null for none. */
  parentName: string | null;
  indicator: IndicatorCode;
  indicatorName: string;
  periodLabel: string;
  originLabel: string;
  manual: boolean;
  valueAtOpen: string;
  state: TaskStateKey;
  stateLabel: string;
  dueSoon: boolean;
  daysOverdue: number;
  /** `2026-08-04`, with （已延期） when extended once. */
  deadline: string;
  recoveredLabel: string;
}

export interface TaskTrendView {
  periodLabel: string;
  value: string;
  status: "green" | "amber" | "red" | "none";
  statusLabel: string;
  official: boolean;
}

export interface TaskEventView {
  at: string;
  by: string;
  /** 报送进展 / 提交验收 / 验收销号 / 退回整改 / 延期. */
  label: string;
  text: string;
}

export interface TaskEvidenceView {
  url: string;
  name: string;
  typeLabel: string;
  image: boolean;
  size: string;
}

/** A task with everything its page shows, and what the viewer may do with it. */
export interface TaskDetailView extends TaskCardView {
  instruction: string;
  target: string;
  measures: string;
  trend: TaskTrendView[];
  events: TaskEventView[];
  evidence: TaskEvidenceView[];
  /** The viewer may report progress, add evidence and submit (the unit, or its superiors' staff). */
  canWork: boolean;
  /** The viewer may verify or return it (a superior or the assessor; never the unit itself). */
  canDecide: boolean;
  /** The viewer may extend the deadline (once). */
  canExtend: boolean;
  /** Why the viewer cannot decide (shown in place of the buttons); null when they can or it is moot. */
  notDecidable: string | null;
}

export interface TaskListView extends PageContext {
  alerts: TaskAlertsView;
  tasks: TaskCardView[];
  /** Tasks not yet verified (shown first) and verified ones. */
  unfinished: number;
  verifyHref: string | null;
  ledgerHref: string | null;
}

export interface TaskPageView extends PageContext {
  alerts: TaskAlertsView;
  task: TaskDetailView;
  backHref: string;
  maxFileMb: number;
  /** The earliest new deadline an extension may set (tomorrow, or after the current one). */
  minDeadline: string;
}

export interface VerifyQueueView extends PageContext {
  tasks: TaskDetailView[];
  /** Submitted tasks the viewer may not decide (their own unit's), counted apart. */
  others: number;
  ledgerHref: string | null;
}

export interface LedgerFilterView {
  status: TaskStateKey | null;
  street: string | null;
  indicator: IndicatorCode | null;
  page: number;
}

export interface LedgerView extends PageContext {
  filter: LedgerFilterView;
  streets: { code: string; name: string }[];
  indicators: { code: IndicatorCode; name: string }[];
  statuses: { value: TaskStateKey; label: string }[];
  counts: Record<TaskStateKey, number>;
  total: number;
  matched: number;
  rows: TaskCardView[];
  pages: number;
  prevHref: string | null;
  nextHref: string | null;
  csvHref: string;
  xlsxHref: string;
}
