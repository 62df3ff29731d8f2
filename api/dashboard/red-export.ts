/**
 * The red items as a file (CSV or XLSX, through the raw exports' writers): every item the page's
 * filters keep, all pages, each unit named with its street, its code in a column of its own, and
 * on every row which figures they are (a closed quarter's official figures, or live ones).
 */

import { roundHalfAwayFromZero } from "../../metrics/display.ts";
import { INDICATORS } from "../../metrics/index.ts";
import type { TableCell, TableSpec } from "../../reports/tabular/table.ts";
import { formatInstant, unitText } from "../../shapes/format.ts";
import { STATUS_LABELS } from "../../shapes/labels.ts";
import type { PeriodStateView } from "../../web/pages/dashboard-model.ts";
import type { RedItemView } from "../../web/pages/red-items-model.ts";
import { fullUnitName } from "./unit-place.ts";

const text = (header: string, width = 12) => ({ header, width, kind: "text" as const });
const num = (header: string, width = 10) => ({ header, width, kind: "number" as const });

export const RED_TABLE: TableSpec = {
  sheetName: "红色指标",
  columns: [
    text("街道", 14),
    text("单位", 30),
    text("单位编码", 18),
    text("层级", 6),
    text("指标", 6),
    text("指标名称", 16),
    num("当前值"),
    text("计量单位", 8),
    num("目标值"),
    num("得分"),
    num("连续红色季度", 12),
    text("本季度新转红", 12),
    text("上季度状态", 10),
    text("数据口径", 30),
    text("整改状态", 10),
    text("责任单位", 20),
    text("整改期限", 12),
    num("逾期天数", 9),
  ],
};

/** The 数据口径 cell: `正式数据（第 1 版，2026-10-26 关账）` or `实时数据`. */
export function basisText(state: PeriodStateView): string {
  if (state.status === "closed") {
    return `正式数据（第 ${state.version} 版，${formatInstant(state.closedAt).slice(0, 10)} 关账）`;
  }
  return state.closed ? "实时数据（本季度已关账）" : "实时数据";
}

/** One row of the red-items file; values rounded as the page shows them. */
export function redCells(i: RedItemView, basis: string): TableCell[] {
  const decimals = INDICATORS[i.code].decimals;
  const round = (v: number | null) => (v === null ? null : roundHalfAwayFromZero(v, decimals));
  return [
    i.streetName,
    fullUnitName(i.unitName, i.place, null),
    i.unitCode,
    i.unitLevelLabel,
    i.code,
    i.name,
    round(i.value),
    unitText(i.code),
    round(i.target),
    roundHalfAwayFromZero(i.score, 1),
    i.runningQuarters,
    i.newlyRed ? "是" : "否",
    i.previousStatus ? STATUS_LABELS[i.previousStatus] : "无数据",
    basis,
    i.task ? i.task.stateLabel : "无整改任务",
    i.task?.ownerName ?? null,
    i.task?.deadline ?? null,
    i.task?.daysOverdue ?? null,
  ];
}
