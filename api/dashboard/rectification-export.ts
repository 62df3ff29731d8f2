/**
 * The ledger page's export (整改台账 as CSV or XLSX, through the raw exports' writers): every task
 * the page's filters keep, all pages, with the columns of the assessor workbook's 整改台账 sheet.
 */
import { roundHalfAwayFromZero } from "../../metrics/display.ts";
import { INDICATORS } from "../../metrics/index.ts";
import type { TableCell, TableSpec } from "../../reports/tabular/table.ts";
import { unitText } from "../../shapes/format.ts";
import type { RectificationTask } from "../../shapes/rectifications.ts";
import { STATE_LABELS, stateOf } from "./rectification-views.ts";

const text = (header: string, width = 12) => ({ header, width, kind: "text" as const });
const num = (header: string, width = 10) => ({ header, width, kind: "number" as const });

export const LEDGER_TABLE: TableSpec = {
  sheetName: "整改台账",
  columns: [
    num("任务编号", 9),
    text("单位", 16),
    text("单位编码", 14),
    text("上级单位", 14),
    text("指标", 6),
    text("指标名称", 16),
    text("下达季度", 10),
    text("来源", 8),
    num("打开时值"),
    text("计量单位", 8),
    text("状态", 8),
    text("期限", 12),
    num("逾期天数", 9),
    text("整改措施", 40),
    text("验收意见", 28),
    text("各季度值", 36),
    text("是否恢复", 9),
  ],
};

/** One row of the ledger file; values rounded as the pages show them. */
export function ledgerCells(t: RectificationTask): TableCell[] {
  const decimals = INDICATORS[t.indicator].decimals;
  const round = (v: number | null) => (v === null ? null : roundHalfAwayFromZero(v, decimals));
  const verdict = [...t.decisions].reverse().find((d) => d.decision !== "extend")?.note ?? "";
  return [
    t.id,
    t.orgUnitName,
    t.orgUnit,
    t.parentName,
    t.indicator,
    INDICATORS[t.indicator].nameZh,
    t.period,
    t.origin === "manual" ? "督办" : "关账红灯",
    round(t.valueAtOpen),
    unitText(t.indicator),
    STATE_LABELS[stateOf(t)],
    t.extended ? `${t.deadline}（已延期）` : t.deadline,
    t.daysOverdue,
    t.measures,
    verdict,
    t.trend.map((p) => `${p.period}：${round(p.value) ?? "—"}`).join("；"),
    t.recovered === null ? "无数据" : t.recovered ? "是" : "否",
  ];
}
