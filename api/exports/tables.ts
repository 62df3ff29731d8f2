/**
 * The raw tables as their exports show them: Chinese headers (the case columns are those of the
 * import template, so an exported file can be imported back), Chinese labels for enums, 是/否 for
 * booleans, and how each database row becomes a row of cells.
 */

import type { TableCell, TableColumn, TableSpec } from "../../reports/tabular/table.ts";
import {
  CALLBACK_LABELS,
  CASE_FIELDS,
  type CaseFieldName,
  CHANNEL_LABELS,
  KIND_LABELS,
} from "../cases/contract/fields.ts";
import { RETURN_FIELDS } from "../db/tables/unit-return.ts";
import { FIGURE_HEADERS } from "../returns/workbook/layout.ts";
import type { CaseExportRow, ReturnExportRow, SurveyResponseExportRow } from "./queries.ts";

const templateHeader = (name: CaseFieldName) =>
  CASE_FIELDS.find((f) => f.name === name)?.headers[0] ?? name;

const yesNo = (b: boolean) => (b ? "是" : "否");
const text = (header: string, width = 14): TableColumn => ({ header, width, kind: "text" });
const time = (header: string): TableColumn => ({ header, width: 20, kind: "datetime" });
const num = (header: string, numFmt?: string, width = 12): TableColumn => ({
  header,
  width,
  kind: "number",
  ...(numFmt ? { numFmt } : {}),
});

export const CASE_TABLE: TableSpec = {
  sheetName: "工单",
  columns: [
    text(templateHeader("source"), 12),
    text(templateHeader("externalId"), 20),
    text(templateHeader("orgUnit")),
    text("单位名称", 16),
    text(templateHeader("kind"), 8),
    text(templateHeader("channel"), 10),
    text(templateHeader("category"), 14),
    time(templateHeader("reportedAt")),
    time(templateHeader("respondedAt")),
    time(templateHeader("resolvedAt")),
    time(templateHeader("deadlineAt")),
    num("办理时长(小时)", "0.00"),
    text(templateHeader("firstPass"), 8),
    text(templateHeader("complaint"), 8),
    text(templateHeader("online"), 8),
    text(templateHeader("callback"), 10),
    time("入库时间"),
    // Exempt cases (核减, an approved appeal) stay in the export, flagged: they count in no
    // indicator (INDICATORS.md). The importer ignores these two columns.
    text("核减", 6),
    num("核减申请编号", "0", 12),
  ],
};

const label = (labels: Readonly<Record<string, string>>, v: string | null) =>
  v === null ? null : (labels[v] ?? v);

export function caseCells(r: CaseExportRow): TableCell[] {
  return [
    r.source,
    r.externalId,
    r.orgUnit,
    r.orgUnitName,
    label(KIND_LABELS, r.kind),
    label(CHANNEL_LABELS, r.channel),
    r.category,
    r.reportedAt,
    r.respondedAt,
    r.resolvedAt,
    r.deadlineAt,
    r.handlingHours,
    yesNo(r.firstPass),
    yesNo(r.complaint),
    yesNo(r.online),
    label(CALLBACK_LABELS, r.callback),
    r.receivedAt,
    yesNo(r.exemptAppealId !== null),
    r.exemptAppealId,
  ];
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
