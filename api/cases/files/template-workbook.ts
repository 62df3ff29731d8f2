import ExcelJS from "exceljs";
import { CASE_FIELDS } from "../contract/fields.ts";

/** Rows of the data sheet that carry drop-downs and formats. */
const TEMPLATE_ROWS = 10_000;
const REQUIRED_FILL = "FFFCE4D6";
const OPTIONAL_FILL = "FFDDEBF7";

const columnLetter = (n: number) => {
  let s = "";
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26))
    s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
};

/**
 * The case import template (工单导入模板.xlsx): sheet 工单 with the Chinese headers that
 * POST /cases/import reads (required ones marked *), drop-down lists for every enum and 是/否
 * column, text format for codes (so Excel keeps leading zeros and long digits), and sheet
 * 填写说明 explaining each column in Chinese. Built fresh per request; a few tens of KiB.
 */
export async function buildCaseTemplate(): Promise<Uint8Array<ArrayBuffer>> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Scorecard 369";
  wb.created = new Date(0);
  const sheet = wb.addWorksheet("工单", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = CASE_FIELDS.map((f) => ({
    header: f.required ? `${f.headers[0]}*` : f.headers[0],
    key: f.name,
    width: f.type === "timestamp" ? 26 : f.name === "externalId" ? 20 : 14,
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  CASE_FIELDS.forEach((f, i) => {
    const col = i + 1;
    const letter = columnLetter(col);
    header.getCell(col).fill = {
      type: "pattern",
      pattern: "solid",
      fgColor: { argb: f.required ? REQUIRED_FILL : OPTIONAL_FILL },
    };
    header.getCell(col).note = f.hint;
    const range = `${letter}2:${letter}${TEMPLATE_ROWS + 1}`;
    if (f.type === "text" || f.type === "unit") sheet.getColumn(col).numFmt = "@";
    if (f.type === "timestamp") sheet.getColumn(col).numFmt = "yyyy-mm-dd hh:mm:ss";
    const options =
      f.type === "enum" ? Object.values(f.labels) : f.type === "bool" ? ["是", "否"] : null;
    if (options) {
      // Range validations exist in exceljs 4 but are missing from its type declarations.
      const dv = sheet as unknown as {
        dataValidations: { add(range: string, v: ExcelJS.DataValidation): void };
      };
      dv.dataValidations.add(range, {
        type: "list",
        allowBlank: !f.required,
        formulae: [`"${options.join(",")}"`],
        showErrorMessage: true,
        errorStyle: "stop",
        errorTitle: "取值无效",
        error: `请从下拉列表中选择：${options.join("、")}`,
      });
    }
  });

  const help = wb.addWorksheet("填写说明");
  help.columns = [
    { header: "列名", key: "header", width: 14 },
    { header: "必填", key: "required", width: 8 },
    { header: "可选值", key: "values", width: 44 },
    { header: "说明", key: "hint", width: 70 },
    { header: "英文字段名", key: "name", width: 14 },
  ];
  help.getRow(1).font = { bold: true };
  for (const f of CASE_FIELDS) {
    help.addRow({
      header: f.headers[0],
      required: f.required ? "是" : "否",
      values:
        f.type === "enum"
          ? Object.values(f.labels).join("、")
          : f.type === "bool"
            ? "是、否"
            : f.type === "text" && f.maxLength
              ? `文本，最多 ${f.maxLength} 个字符`
              : "",
      hint: f.hint,
      name: f.name,
    });
  }
  help.addRow({});
  const notes = [
    "填写说明：",
    "1. 在“工单”工作表中每行填写一条工单，不要修改第一行列名；带 * 的列必须填写。",
    "2. 时间须带时区，如 2026-07-01 08:30:00+08:00；若以 Excel 日期格式填写，按北京时间（UTC+8）读取。纯文本时间不带时区的行会被拒绝。",
    "3. 时间不得晚于当前时间（允许 5 分钟误差），响应时间和办结时间不得早于上报时间。",
    "4. 来源 + 工单编号 唯一标识一条工单：重复上传会更新原记录，内容完全相同则不作改动。同一文件中重复的工单以后一行为准。",
    "5. 单位编码须为系统中已有的单位，且在您的管辖范围内。",
    "6. 也可上传 CSV 文件（UTF-8 或 Excel 另存的 GB18030 编码），列名相同。超过 1 万行的文件在后台导入，可查询进度。",
    "7. 导入结果中被拒绝的行按数据行号标示：1 表示列名下方的第一行。",
  ];
  for (const line of notes) {
    const row = help.addRow({ header: line });
    help.mergeCells(row.number, 1, row.number, 5);
    row.getCell(1).alignment = { wrapText: true, vertical: "top" };
    row.height = 30;
  }
  help.getRow(help.rowCount - notes.length + 1).font = { bold: true };
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}
