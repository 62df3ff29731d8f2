/**
 * Rectification tasks (整改 / 督办, CYCLE.md "Rectification"): their states, origins and decisions,
 * with the Chinese labels every page, workbook and report shows, and the task as the API answers
 * it. One definition for api, reports and web: the ledger (整改台账) sheet, the report's 整改情况
 * chapter, the red-items page and the task pages all read `RectificationTask`.
 */
import type { IndicatorCode } from "../metrics/index.ts";
import type { OrgLevel } from "./org-levels.ts";

/** Stored states. `overdue` is computed (deadline passed, not verified), never stored. */
export type RectificationStatus = "open" | "submitted" | "verified";
export const RECTIFICATION_STATUSES = [
  "open",
  "submitted",
  "verified",
] as const satisfies readonly RectificationStatus[];

export const RECTIFICATION_STATUS_LABELS: Readonly<Record<RectificationStatus, string>> = {
  open: "整改中",
  submitted: "待验收",
  verified: "已销号",
};
export const OVERDUE_LABEL = "已逾期";
export const DUE_SOON_LABEL = "即将到期";

/** How a task came to be: opened by closing a quarter (red item) or by hand (督办). */
export type RectificationOrigin = "closing" | "manual";
export const RECTIFICATION_ORIGIN_LABELS: Readonly<Record<RectificationOrigin, string>> = {
  closing: "关账红灯",
  manual: "督办",
};

export type RectificationDecisionKind = "verify" | "return" | "extend";
export const RECTIFICATION_DECISION_LABELS: Readonly<Record<RectificationDecisionKind, string>> = {
  verify: "验收销号",
  return: "退回整改",
  extend: "延期",
};

/** A deadline within this many days (and not passed) counts as due soon (issue 19: 3 days). */
export const DUE_SOON_DAYS = 3;

export interface RectificationProgress {
  id: number;
  at: string; // ISO instant
  by: string; // username
  measures: string;
  note: string;
}

export interface RectificationAttachmentRef {
  id: number;
  filename: string;
  contentType: string;
  size: number;
}

export interface RectificationDecision {
  at: string; // ISO instant
  by: string;
  decision: RectificationDecisionKind;
  note: string;
  /** For `extend`: the new deadline (YYYY-MM-DD, Asia/Shanghai). */
  newDeadline: string | null;
}

/** The indicator's value in the quarter the task was opened for and every later one. */
export interface RectificationTrendPoint {
  period: string; // e.g. 2026Q3
  value: number | null;
  status: "green" | "amber" | "red" | null;
  /** Whether the figure is the quarter's official (closed) figure or live. */
  official: boolean;
}

export interface RectificationTask {
  id: number;
  orgUnit: string;
  orgUnitName: string;
  /** The unit's parent name (a street for a community) so repeated names are told apart. */
  parentName: string | null;
  level: OrgLevel;
  period: string;
  indicator: IndicatorCode;
  origin: RectificationOrigin;
  /** The leader's instruction (批示) of a manual task; "" for one opened by closing. */
  instruction: string;
  valueAtOpen: number | null;
  status: RectificationStatus;
  overdue: boolean;
  dueSoon: boolean;
  /** Days past the deadline (0 when not overdue). */
  daysOverdue: number;
  openedAt: string;
  openedBy: string | null;
  deadline: string; // YYYY-MM-DD, Asia/Shanghai; the task is due by the end of that day
  extended: boolean;
  measures: string;
  progress: RectificationProgress[];
  attachments: RectificationAttachmentRef[];
  decisions: RectificationDecision[];
  /** Later quarters' values of the indicator for the unit (feedback). */
  trend: RectificationTrendPoint[];
  /** True when a later quarter's status is no longer red; null when no later quarter has data. */
  recovered: boolean | null;
}
