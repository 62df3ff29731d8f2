import type { Worksheet } from "exceljs";
import { RETURN_FIELDS } from "../../db/tables/unit-return.ts";
import type { SheetRow } from "../queries.ts";
import {
  FIGURE_HEADERS,
  FIGURE_HELP,
  FIRST_DATA_ROW,
  FIRST_FIGURE_COLUMN,
  HEADER_ROW,
  HEADERS,
  INFO_SHEET,
  loadExcel,
  PERIOD_CELL,
  SCOPE_CELL,
  SHEET,
} from "./layout.ts";

export interface TemplateInput {
  period: string;
  /** The subtree the template covers, as shown in its header (`S1 一街道`). */
  scopeLabel: string;
  rows: readonly SheetRow[];
}

const LOCKED_FILL = {
  type: "pattern",
  pattern: "solid",
  fgColor: { argb: "FFEFEFEF" },
} as const;
const HEADER_FILL = {
  type: "pattern",
  pattern: "solid",
  fgColor: { argb: "FFD9E1F2" },
} as const;
const THIN = { style: "thin", color: { argb: "FFBFBFBF" } } as const;
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/**
 * Sheet protection without a password: it guards against accidental edits of the codes, names
 * and period (which the upload relies on), not against a determined user — the upload checks
 * every code against the caller's scope anyway.
 */
const PROTECTION = {
  selectLockedCells: true,
  selectUnlockedCells: true,
  formatColumns: true,
  formatRows: true,
} as const;

function fillMainSheet(ws: Worksheet, input: TemplateInput) {
  ws.getCell("A1").value = "填报季度";
  ws.getCell(PERIOD_CELL).value = input.period;
  ws.getCell("A2").value = "填报范围";
  ws.getCell(SCOPE_CELL).value = input.scopeLabel;
  ws.getCell("A3").value =
    "灰色单元格（季度、代码、名称）不可修改；请在白色单元格中填写不小于 0 的数字，留空表示未填报。详见“填写说明”。";
  for (const ref of ["A1", "A2", PERIOD_CELL, SCOPE_CELL]) {
    ws.getCell(ref).font = { bold: true };
    ws.getCell(ref).fill = LOCKED_FILL;
  }
  ws.getCell("A3").font = { color: { argb: "FF7F7F7F" }, size: 9 };

  const header = ws.getRow(HEADER_ROW);
  HEADERS.forEach((h, i) => {
    const cell = header.getCell(i + 1);
    cell.value = h;
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.border = BORDER;
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
  });
  header.height = 30;

  input.rows.forEach((r, i) => {
    const row = ws.getRow(FIRST_DATA_ROW + i);
    row.getCell(1).value = r.code;
    row.getCell(2).value = r.name;
    for (const c of [1, 2]) {
      row.getCell(c).fill = LOCKED_FILL;
      row.getCell(c).border = BORDER;
    }
    RETURN_FIELDS.forEach((f, j) => {
      const cell = row.getCell(FIRST_FIGURE_COLUMN + j);
      cell.value = r.values?.[f] ?? null;
      cell.protection = { locked: false };
      cell.border = BORDER;
      // Identical validations are squeezed into one range per column when written.
      cell.dataValidation = {
        type: "decimal",
        operator: "greaterThanOrEqual",
        allowBlank: true,
        formulae: [0],
        showErrorMessage: true,
        errorStyle: "stop",
        errorTitle: "输入有误",
        error: "请输入不小于 0 的数字",
        showInputMessage: true,
        promptTitle: FIGURE_HEADERS[f],
        prompt: FIGURE_HELP[f],
      };
    });
  });

  ws.getColumn(1).width = 14;
  ws.getColumn(2).width = 22;
  for (let c = FIRST_FIGURE_COLUMN; c <= HEADERS.length; c++) ws.getColumn(c).width = 15;
  ws.views = [{ state: "frozen", xSplit: 2, ySplit: HEADER_ROW }];
}

function fillInfoSheet(ws: Worksheet, input: TemplateInput) {
  const lines: [string, string][] = [
    ["填报季度", `${input.period}（表头单元格 ${PERIOD_CELL}，不可修改）`],
    ["填报范围", input.scopeLabel],
    ["填报单位", "每行一个社区；单位代码和名称已锁定，请勿增删行或调整列的顺序。"],
    ["填写规则", "所有数字不小于 0；留空表示未填报；不要填写文字、单位或公式以外的内容。"],
    ["整行留空", "某社区所有数字都留空时，该社区本季度的填报保持不变。"],
    [
      "覆盖规则",
      "上传后，每个有数字的社区以本表为准整体替换本季度填报：已预填的数字若被删除，将记为未填报。",
    ],
    [
      "全部或全不",
      "只要有一处错误，整个文件都不会写入；系统会列出每处错误（工作表、行、列、原因）。",
    ],
    [
      "上传方式",
      "在系统的“季度填报”页面选择本文件上传（不超过 10 MB）；接口：POST /api/v1/returns/upload，表单字段 file。",
    ],
    ["", ""],
    ["指标", "含义"],
    ...RETURN_FIELDS.map((f): [string, string] => [FIGURE_HEADERS[f], FIGURE_HELP[f]]),
  ];
  lines.forEach(([k, v], i) => {
    const row = ws.getRow(i + 1);
    row.getCell(1).value = k;
    row.getCell(2).value = v;
    row.getCell(1).font = { bold: true };
  });
  ws.getColumn(1).width = 18;
  ws.getColumn(2).width = 90;
}

/**
 * The pre-filled quarterly-return workbook: sheet 季度填报 (period in B1, one row per community
 * with code and name locked and the 13 figures as unlocked cells validated as numbers ≥ 0, current
 * values filled in) and sheet 填写说明 (instructions). Both sheets are protected.
 */
export async function buildTemplate(input: TemplateInput): Promise<Uint8Array> {
  const { Workbook } = await loadExcel();
  const wb = new Workbook();
  wb.creator = "Scorecard 369";
  wb.created = new Date();
  const main = wb.addWorksheet(SHEET);
  fillMainSheet(main, input);
  const info = wb.addWorksheet(INFO_SHEET);
  fillInfoSheet(info, input);
  await main.protect("", PROTECTION);
  await info.protect("", PROTECTION);
  const buffer = await wb.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
