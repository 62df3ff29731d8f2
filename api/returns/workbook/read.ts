import { parsePeriod } from "../../../shapes/periods.ts";
import { RETURN_FIELDS } from "../../db/tables/unit-return.ts";
import type { FieldError } from "../../errors.ts";
import { textFault } from "../../http/input-rules.ts";
import { SMALL_UPLOAD_LIMITS } from "../../spreadsheet/limits.ts";
import type { OpenedSheet, SheetCell, SheetReader, SheetRow } from "../../spreadsheet/reader.ts";
import type { ReturnValues } from "../queries.ts";
import { FIGURE_MAX, figureTooLarge } from "../schema.ts";
import {
  columnLetter,
  FIRST_DATA_ROW,
  FIRST_FIGURE_COLUMN,
  HEADER_ROW,
  HEADERS,
  MAX_DATA_ROWS,
  PERIOD_CELL,
  SHEET,
} from "./layout.ts";

export interface UploadRow {
  /** 1-based sheet row, for error paths. */
  row: number;
  code: string;
  values: ReturnValues;
  /** No figure given: the stored return is left as it is. */
  blank: boolean;
}

export interface ParsedWorkbook {
  /** The period cell's text when it is a well-formed quarter, else null (and an error). */
  period: string | null;
  /** Every row with a code, first occurrence only (bad cells read as null: errors say why). */
  rows: UploadRow[];
  errors: FieldError[];
}

/** `季度填报!C5`: where an error is, as a spreadsheet user finds it. */
export function cellPath(column: number, row: number): string {
  return `${SHEET}!${columnLetter(column)}${row}`;
}

const NUMERIC_TEXT = /^-?\d+(\.\d+)?$/;

type Cell = { kind: "blank" } | { kind: "number"; value: number } | { kind: "bad"; reason: string };

function describe(value: SheetCell): string {
  if (value instanceof Date) return `是日期（${value.toISOString().slice(0, 10)}）`;
  if (typeof value === "boolean") return `是真假值（${value}）`;
  return "不是数字";
}

/**
 * One figure cell. Numbers pass; a formula counts by its cached result; a plain decimal typed
 * into a text-formatted cell ("120") is read as the number, because Excel users often meet such
 * cells; any other text, a date, a truth value or an error value is refused.
 */
function readFigure(value: SheetCell | undefined): Cell {
  if (value === null || value === undefined) return { kind: "blank" };
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return { kind: "bad", reason: "不是有限的数字" };
    return value < 0
      ? { kind: "bad", reason: `${value} 是负数` }
      : { kind: "number", value: value };
  }
  if (typeof value === "string") {
    const t = value.trim();
    if (t === "") return { kind: "blank" };
    if (!NUMERIC_TEXT.test(t))
      return { kind: "bad", reason: `“${t.slice(0, 40)}”是文字，不是数字` };
    const n = Number(t);
    return n < 0 ? { kind: "bad", reason: `${n} 是负数` } : { kind: "number", value: n };
  }
  if (typeof value === "object" && !(value instanceof Date)) {
    return "formula" in value
      ? { kind: "bad", reason: "公式没有计算结果" }
      : { kind: "bad", reason: `是错误值（${value.error}）` };
  }
  return { kind: "bad", reason: describe(value) };
}

function readCode(value: SheetCell | undefined): string | null {
  if (typeof value === "number" && Number.isInteger(value)) return String(value);
  const t = typeof value === "string" ? value.trim() : "";
  return t === "" ? null : t;
}

function textOf(value: SheetCell | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "object" && !(value instanceof Date)) {
    return "error" in value ? value.error : "";
  }
  return String(value);
}

function checkHeaders(cells: readonly SheetCell[], errors: FieldError[]): boolean {
  let ok = true;
  const last = Math.max(cells.length, HEADERS.length);
  for (let c = 1; c <= last; c++) {
    const found = textOf(cells[c - 1]).trim();
    const expected = HEADERS[c - 1];
    if (expected === undefined) {
      if (found !== "") {
        errors.push({ path: cellPath(c, HEADER_ROW), message: `多出的列：${found}` });
        ok = false;
      }
    } else if (found !== expected) {
      errors.push({
        path: cellPath(c, HEADER_ROW),
        message: `表头应为“${expected}”，实际为“${found}”`,
      });
      ok = false;
    }
  }
  return ok;
}

/**
 * Reads a filled template and checks everything that needs no database: the sheet, the period
 * cell, the header row, each figure cell and duplicate codes. Every problem is collected (not
 * just the first); codes are resolved and scope-checked by the caller. The workbook is read in
 * a thread of its own under the small-upload limits (spreadsheet/): a file past them is refused
 * (413) before or while it is read.
 */
export async function readReturnWorkbook(
  bytes: Uint8Array,
  sheets: SheetReader | undefined,
): Promise<ParsedWorkbook> {
  const out: ParsedWorkbook = { period: null, rows: [], errors: [] };
  const { needSheets, UnreadableWorkbook } = await import("../../spreadsheet/reader.ts");
  const notWorkbook = () => out.errors.push({ path: "file", message: "文件不是 XLSX 工作簿" });
  let sheet: OpenedSheet;
  try {
    sheet = await needSheets(sheets).open({
      source: { bytes },
      sheet: { name: SHEET },
      limits: SMALL_UPLOAD_LIMITS,
    });
  } catch (err) {
    if (!(err instanceof UnreadableWorkbook)) throw err;
    notWorkbook();
    return out;
  }
  try {
    if (sheet.name === null) {
      out.errors.push({
        path: SHEET,
        message: `工作簿中没有工作表“${SHEET}”；请从 GET /api/v1/returns/template.xlsx 下载模板填写`,
      });
      return out;
    }
    await readRows(sheet.rows, out);
  } catch (err) {
    if (!(err instanceof UnreadableWorkbook)) throw err;
    notWorkbook();
  } finally {
    sheet.close();
  }
  return out;
}

/** The sheet's rows in order: period (row 1), header (row 4), then one community per row. */
async function readRows(rows: AsyncIterable<SheetRow>, out: ParsedWorkbook): Promise<void> {
  let periodRead = false;
  let headerRead = false;
  const readPeriod = (cells: readonly SheetCell[]) => {
    periodRead = true;
    // B1: the second cell of row 1.
    const periodText = textOf(cells[1]).trim();
    if (parsePeriod(periodText) === null) {
      out.errors.push({
        path: `${SHEET}!${PERIOD_CELL}`,
        message: `“${periodText}”不是季度，应形如 2026Q3`,
      });
    } else out.period = periodText;
  };
  const seen = new Map<string, number>();
  for await (const { number: r, cells } of rows) {
    if (!periodRead) readPeriod(r === 1 ? cells : []);
    if (r < HEADER_ROW) continue;
    if (!headerRead) {
      headerRead = true;
      if (!checkHeaders(r === HEADER_ROW ? cells : [], out.errors)) return;
    }
    if (r < FIRST_DATA_ROW) continue;
    if (r - FIRST_DATA_ROW + 1 > MAX_DATA_ROWS) {
      out.errors.push({ path: SHEET, message: `超过 ${MAX_DATA_ROWS} 行` });
      return;
    }
    readRow(r, cells, out, seen);
  }
  if (!periodRead) readPeriod([]);
  if (!headerRead) checkHeaders([], out.errors);
}

function readRow(
  r: number,
  cells: readonly SheetCell[],
  out: ParsedWorkbook,
  seen: Map<string, number>,
): void {
  const code = readCode(cells[0]);
  const codeFault = code === null ? null : textFault(code);
  if (codeFault) {
    out.errors.push({ path: cellPath(1, r), message: codeFault });
    return;
  }
  const values = {} as ReturnValues;
  let given = 0;
  const rowErrors: FieldError[] = [];
  RETURN_FIELDS.forEach((f, j) => {
    const col = FIRST_FIGURE_COLUMN + j;
    let cell = readFigure(cells[col - 1]);
    if (cell.kind === "number" && cell.value > FIGURE_MAX[f]) {
      cell = { kind: "bad", reason: `${cell.value} ${figureTooLarge(f)}` };
    }
    values[f] = cell.kind === "number" ? cell.value : null;
    if (cell.kind === "number") given++;
    if (cell.kind === "bad") rowErrors.push({ path: cellPath(col, r), message: cell.reason });
  });
  if (code === null) {
    if (given > 0 || rowErrors.length > 0) {
      out.errors.push({ path: cellPath(1, r), message: "有数字但没有单位编码" });
    }
    return;
  }
  out.errors.push(...rowErrors);
  const first = seen.get(code);
  if (first !== undefined) {
    out.errors.push({ path: cellPath(1, r), message: `${code} 已在第 ${first} 行出现` });
    return;
  }
  seen.set(code, r);
  out.rows.push({ row: r, code, values, blank: given === 0 && rowErrors.length === 0 });
}
