/**
 * The rectification model (整改情况, issue 19) of a quarter's reports: the tasks opened for the
 * quarters before it — what was red, what was done (measures), whether the indicator recovered in
 * the quarter (no longer red), what is overdue — assembled from the API's `RectificationTask[]`.
 * One model for the report's 整改情况 chapter (both editions) and the assessor workbook's 整改台账
 * sheet, so both say the same. Pure: no reads, no clock (overdue is the API's, at generation).
 */
import { INDICATORS, type IndicatorCode } from "../../metrics/index.ts";
import { periodLabel } from "../../shapes/format.ts";
import {
  RECTIFICATION_ORIGIN_LABELS,
  RECTIFICATION_STATUS_LABELS,
  type RectificationStatus,
  type RectificationTask,
} from "../../shapes/rectifications.ts";

/** One quarter's value of the task's indicator for its unit. */
export interface RectificationQuarterValue {
  period: string;
  value: number | null;
  status: "green" | "amber" | "red" | null;
}

/** One task, as the chapter and the 整改台账 sheet show it. */
export interface ReportRectificationRow {
  id: number;
  orgUnit: string;
  orgUnitName: string;
  /** The street (parent) of a community; null for a street or the top. */
  parentName: string | null;
  /** 所属街道: the unit itself when a street (乡镇), its parent when a community (村); else null. */
  streetName: string | null;
  /** The quarter it was opened for. */
  period: string;
  indicator: IndicatorCode;
  indicatorZh: string;
  originZh: string;
  instruction: string;
  valueAtOpen: number | null;
  status: RectificationStatus;
  /** 整改中 / 待验收 / 已销号, or 已逾期 when overdue. */
  statusZh: string;
  overdue: boolean;
  daysOverdue: number;
  deadline: string;
  extended: boolean;
  /** What the unit reports as done (its latest measures). */
  measures: string;
  /** The last verify or return note (验收意见); "" when none. */
  verdict: string;
  /** The value in the report's quarter; null when it has none. */
  valueNow: number | null;
  /** Values from the quarter of opening to the report's quarter. */
  values: RectificationQuarterValue[];
  /** Not red in the report's quarter; null when that quarter has no status for it. */
  recovered: boolean | null;
}

export interface ReportRectifications {
  /** The report's quarter. */
  period: string;
  /** Quarters the listed tasks were opened for, oldest first. */
  openedFor: string[];
  /** Every quarter some row has a value for, oldest first (the sheet's 各季度值 columns). */
  quarters: string[];
  counts: {
    total: number;
    manual: number;
    open: number;
    submitted: number;
    verified: number;
    overdue: number;
    recovered: number;
    stillRed: number;
    noData: number;
  };
  rows: ReportRectificationRow[];
  sentences: string[];
}

/** The empty-state sentence (no table is shown then). */
export const NO_RECTIFICATIONS = "本季度无整改任务：此前各季度未对本单位及下级单位下达整改任务。";

// (shapes/org-levels.ts carries zod, which reports/ does not load: the two tiers by name.)
const STREET_TIER: ReadonlySet<string> = new Set(["street", "township"]);
const BASE_TIER: ReadonlySet<string> = new Set(["community", "village"]);

const STATUS_ORDER: Record<RectificationStatus, number> = { open: 0, submitted: 1, verified: 2 };

/** The task's standing for the report: overdue first, then open, submitted, verified. */
function sortKey(r: ReportRectificationRow): number {
  return r.overdue ? -1 : STATUS_ORDER[r.status];
}

function rowOf(t: RectificationTask, period: string): ReportRectificationRow {
  const values: RectificationQuarterValue[] = [
    ...new Map(
      [
        { period: t.period, value: t.valueAtOpen, status: null },
        ...t.trend.map((p) => ({ period: p.period, value: p.value, status: p.status })),
      ]
        .filter((p) => p.period <= period)
        .map((p) => [p.period, p]),
    ).values(),
  ].sort((a, b) => (a.period < b.period ? -1 : 1));
  const now = t.trend.find((p) => p.period === period) ?? null;
  const verdict = [...t.decisions].reverse().find((d) => d.decision !== "extend")?.note ?? "";
  return {
    id: t.id,
    orgUnit: t.orgUnit,
    orgUnitName: t.orgUnitName,
    parentName: t.parentName,
    streetName: STREET_TIER.has(t.level)
      ? t.orgUnitName
      : BASE_TIER.has(t.level)
        ? t.parentName
        : null,
    period: t.period,
    indicator: t.indicator,
    indicatorZh: INDICATORS[t.indicator].nameZh,
    originZh: RECTIFICATION_ORIGIN_LABELS[t.origin],
    instruction: t.instruction,
    valueAtOpen: t.valueAtOpen,
    status: t.status,
    statusZh: t.overdue ? "已逾期" : RECTIFICATION_STATUS_LABELS[t.status],
    overdue: t.overdue,
    daysOverdue: t.daysOverdue,
    deadline: t.deadline,
    extended: t.extended,
    measures: t.measures || (t.progress.at(-1)?.measures ?? ""),
    verdict,
    valueNow: now?.value ?? null,
    values,
    recovered: now?.status ? now.status !== "red" : null,
  };
}

/**
 * The 整改情况 model of `period` from the tasks of the unit's subtree: those opened for the
 * previous quarter, and those of earlier quarters not yet verified. Tasks of `period` itself or
 * later are left out (they belong to the next quarter's report).
 *
 * Degenerate cases: no task gives no rows and the one sentence {@link NO_RECTIFICATIONS}; a task
 * whose unit has no figure in `period` counts as "no data" (recovered null), never as recovered.
 *
 * @example
 * ```ts
 * const r = assembleRectifications(tasks, "2026Q4");
 * r.counts.overdue; // tasks past their deadline, not verified
 * ```
 */
export function assembleRectifications(
  tasks: readonly RectificationTask[],
  period: string,
  previousPeriod: string | null,
): ReportRectifications {
  const rows = tasks
    .filter((t) => t.period < period && (t.period === previousPeriod || t.status !== "verified"))
    .map((t) => rowOf(t, period))
    .sort(
      (a, b) =>
        sortKey(a) - sortKey(b) ||
        b.daysOverdue - a.daysOverdue ||
        (a.parentName ?? "").localeCompare(b.parentName ?? "", "zh-CN") ||
        a.orgUnitName.localeCompare(b.orgUnitName, "zh-CN") ||
        a.indicator.localeCompare(b.indicator) ||
        a.id - b.id,
    );
  const counts = {
    total: rows.length,
    manual: tasks.filter((t) => rows.some((r) => r.id === t.id) && t.origin === "manual").length,
    open: rows.filter((r) => r.status === "open").length,
    submitted: rows.filter((r) => r.status === "submitted").length,
    verified: rows.filter((r) => r.status === "verified").length,
    overdue: rows.filter((r) => r.overdue).length,
    recovered: rows.filter((r) => r.recovered === true).length,
    stillRed: rows.filter((r) => r.recovered === false).length,
    noData: rows.filter((r) => r.recovered === null).length,
  };
  const openedFor = [...new Set(rows.map((r) => r.period))].sort();
  const quarters = [...new Set(rows.flatMap((r) => r.values.map((v) => v.period)))].sort();
  return {
    period,
    openedFor,
    quarters,
    counts,
    rows,
    sentences: sentencesOf(period, rows, counts),
  };
}

function sentencesOf(
  period: string,
  rows: readonly ReportRectificationRow[],
  c: ReportRectifications["counts"],
): string[] {
  if (rows.length === 0) return [NO_RECTIFICATIONS];
  const units = new Set(rows.map((r) => r.orgUnit)).size;
  const quarters = [...new Set(rows.map((r) => r.period))].sort().map(periodLabel).join("、");
  const out = [
    `${quarters}共对 ${units} 个单位下达整改任务 ${c.total} 项${c.manual > 0 ? `（其中督办 ${c.manual} 项）` : ""}。截至报告生成时，已验收销号 ${c.verified} 项，待验收 ${c.submitted} 项，整改中 ${c.open} 项${c.overdue > 0 ? `，其中已逾期 ${c.overdue} 项` : "，无逾期任务"}。`,
    `从${periodLabel(period)}数据看，${c.recovered} 项指标已脱离红色区间，${c.stillRed} 项仍为红色${c.noData > 0 ? `，${c.noData} 项本季度暂无数据` : ""}。`,
  ];
  const overdue = rows.filter((r) => r.overdue);
  if (overdue.length > 0) {
    const names = overdue
      .slice(0, 5)
      .map((r) => `${r.orgUnitName}（${r.indicatorZh}，逾期 ${r.daysOverdue} 天）`)
      .join("、");
    out.push(
      `逾期未销号的有：${names}${overdue.length > 5 ? ` 等 ${overdue.length} 项` : ""}，请督促整改。`,
    );
  }
  const stubborn = rows.filter((r) => r.status === "verified" && r.recovered === false);
  if (stubborn.length > 0) {
    out.push(`已销号但本季度仍为红色的有 ${stubborn.length} 项，整改成效有待巩固。`);
  }
  return out;
}
