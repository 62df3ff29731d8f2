/**
 * The raw tables as their exports show them: Chinese headers (the case columns are those of the
 * import template, so an exported file can be imported back), Chinese labels for enums, 是/否 for
 * booleans, and how each database row becomes a row of cells.
 */

import type { TableCell, TableColumn, TableSpec } from "../../reports/tabular/table.ts";
import { sourceLabel } from "../../shapes/labels.ts";
import { CASE_FIELDS, type CaseField } from "../cases/contract/fields.ts";
import { RETURN_FIELDS } from "../db/tables/unit-return.ts";
import { FIGURE_HEADERS } from "../returns/workbook/layout.ts";
import type { CaseExportRow, ReturnExportRow, SurveyResponseExportRow } from "./queries.ts";

const yesNo = (b: boolean) => (b ? "是" : "否");
const text = (header: string, width = 14): TableColumn => ({ header, width, kind: "text" });
const time = (header: string, width = 20): TableColumn => ({ header, width, kind: "datetime" });
const num = (header: string, numFmt?: string, width = 12): TableColumn => ({
  header,
  width,
  kind: "number",
  ...(numFmt ? { numFmt } : {}),
});

/**
 * A field's export columns: its template header (so that an exported file imports back), the
 * unit's name beside its code, and the handling time after the deadline.
 */
function caseColumns(f: CaseField): TableColumn[] {
  const header = f.headers[0]!;
  const extra = f.name === "deadlineAt" ? [num("办理时长(小时)", "0.00")] : [];
  switch (f.type) {
    case "unit":
      return [text(header, f.exportWidth), text("单位名称", 16)];
    case "timestamp":
      return [time(header, f.exportWidth), ...extra];
    case "int":
      return [num(header, "0", f.exportWidth)];
    default:
      return [text(header, f.exportWidth)];
  }
}

export const CASE_TABLE: TableSpec = {
  sheetName: "工单",
  columns: [
    ...CASE_FIELDS.flatMap(caseColumns),
    time("入库时间"),
    // Last, so that the columns before keep their places; the import ignores it (not a template header).
    text("来源名称", 14),
  ],
};

/** A field's cells, as `caseColumns` lays them out. */
function fieldCells(f: CaseField, r: CaseExportRow): TableCell[] {
  const v = r[f.name];
  switch (f.type) {
    case "unit":
      return [v as string, r.orgUnitName];
    case "enum":
      return [v === null ? null : (f.labels[v as string] ?? (v as string))];
    case "bool":
      return [yesNo(v as boolean)];
    case "timestamp":
      return f.name === "deadlineAt" ? [v as string | null, r.handlingHours] : [v as string | null];
    default:
      return [v as string | number | null];
  }
}

export function caseCells(r: CaseExportRow): TableCell[] {
  const cells: TableCell[] = [];
  for (const f of CASE_FIELDS) cells.push(...fieldCells(f, r));
  cells.push(r.receivedAt);
  cells.push(sourceLabel(r.source));
  return cells;
}

const MODE_ZH: Record<string, string> = { self: "自填", assisted: "代填" };
const ITEM = "0";

/** Survey responses; the comment column only for roles that may read comments. */
export function surveyResponseTable(withComments: boolean): TableSpec {
  return {
    sheetName: "问卷答卷",
    columns: [
      text("答卷编号", 38),
      text("问卷", 12),
      num("问卷版本", ITEM, 8),
      text("单位编码"),
      text("单位名称", 16),
      time("提交时间"),
      text("填写方式", 8),
      num("总体满意度", ITEM, 10),
      num("办事时效", ITEM, 10),
      num("解决效果", ITEM, 10),
      num("沟通透明", ITEM, 10),
      num("服务态度", ITEM, 10),
      num("答卷得分", "0.0", 10),
      text("年龄段", 8),
      ...(withComments ? [text("意见建议(已脱敏)", 40)] : []),
      text("录入人", 12),
    ],
  };
}

export function surveyResponseCells(
  r: SurveyResponseExportRow,
  withComments: boolean,
): TableCell[] {
  return [
    r.id,
    r.surveyId,
    r.surveyVersion,
    r.orgUnit,
    r.orgUnitName,
    r.submittedAt,
    MODE_ZH[r.mode] ?? r.mode,
    r.overall,
    r.timeliness,
    r.effectiveness,
    r.transparency,
    r.attitude,
    r.score,
    r.ageBand,
    ...(withComments ? [r.comment] : []),
    r.enteredBy,
  ];
}

export const RETURN_TABLE: TableSpec = {
  sheetName: "季度填报",
  columns: [
    text("单位代码"),
    text("单位名称", 16),
    num("年度", "0", 8),
    num("季度", "0", 6),
    ...RETURN_FIELDS.map((f) => num(FIGURE_HEADERS[f], undefined, 14)),
    text("更新人", 12),
    time("更新时间"),
  ],
};

export function returnCells(r: ReturnExportRow): TableCell[] {
  return [
    r.orgUnit,
    r.orgUnitName,
    r.year,
    r.quarter,
    ...RETURN_FIELDS.map((f) => r[f]),
    r.updatedBy,
    r.updatedAt,
  ];
}
