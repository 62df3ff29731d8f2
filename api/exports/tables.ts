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
import type { CaseExportRow } from "./case-rows.ts";
import type { ReturnExportRow, SurveyResponseExportRow } from "./queries.ts";

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
    // Exempt cases (核减, an approved appeal) stay in the export, flagged: they count in no
    // indicator (INDICATORS.md). The importer ignores these two columns.
    text("核减", 6),
    num("核减申请编号", "0", 12),
    // Last, so that the columns before keep their places; the import ignores it (not a template header).
    text("来源名称", 14),
  ],
};

type CaseCell = (r: CaseExportRow) => TableCell;

/**
 * A field's cells, as `caseColumns` lays them out: one reader per cell, made once from the field
 * table, so a row walks a flat list instead of the table (a million-row export reads 20 million
 * cells).
 */
function fieldCells(f: CaseField): CaseCell[] {
  const name = f.name;
  switch (f.type) {
    case "unit":
      return [(r) => r[name] as string, (r) => r.orgUnitName];
    case "enum": {
      const labels = f.labels;
      return [
        (r) => {
          const v = r[name] as string | null;
          return v === null ? null : (labels[v] ?? v);
        },
      ];
    }
    case "bool":
      return [(r) => yesNo(r[name] as boolean)];
    case "timestamp":
      return name === "deadlineAt"
        ? [(r) => r[name] as string | null, (r) => r.handlingHours]
        : [(r) => r[name] as string | null];
    default:
      return [(r) => r[name] as string | number | null];
  }
}

/** Every cell of a case row, in CASE_TABLE's column order. */
const CASE_CELLS: readonly CaseCell[] = [
  ...CASE_FIELDS.flatMap(fieldCells),
  (r) => r.receivedAt,
  (r) => yesNo(r.exemptAppealId !== null),
  (r) => r.exemptAppealId,
  (r) => sourceLabel(r.source),
];

export function caseCells(r: CaseExportRow): TableCell[] {
  const n = CASE_CELLS.length;
  const cells = new Array<TableCell>(n);
  for (let i = 0; i < n; i++) cells[i] = CASE_CELLS[i]!(r);
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
