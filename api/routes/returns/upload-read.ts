import type { CellValue, Worksheet } from "exceljs";
import type { ReturnValues } from "../../db/queries/returns.ts";
import { RETURN_FIELDS } from "../../db/tables/unit-return.ts";
import type { FieldError } from "../../errors.ts";
import { textFault } from "../../input-rules.ts";
import { parsePeriod } from "../../periods.ts";
import { FIGURE_MAX, figureTooLarge } from "./schema.ts";
import {
  columnLetter,
  FIRST_DATA_ROW,
  FIRST_FIGURE_COLUMN,
  HEADER_ROW,
  HEADERS,
  loadExcel,
  MAX_DATA_ROWS,
  PERIOD_CELL,
  SHEET,
} from "./sheet-layout.ts";

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

function describe(value: CellValue): string {
  if (value instanceof Date) return `a date (${value.toISOString().slice(0, 10)})`;
  if (typeof value === "boolean") return `a truth value (${value})`;
  return "not a number";
}

function textOf(value: CellValue): string | null {
  if (typeof value === "string") return value;
  if (value && typeof value === "object" && "richText" in value) {
    return value.richText.map((t) => t.text).join("");
  }
  return null;
}

/**
 * One figure cell. Numbers pass; a formula counts by its cached result; a plain decimal typed
 * into a text-formatted cell ("120") is read as the number, because Excel users often meet such
 * cells; any other text, a date, a truth value or an error value is refused.
 */
function readFigure(value: CellValue): Cell {
  if (value === null || value === undefined) return { kind: "blank" };
  let v: CellValue = value;
  if (typeof v === "object" && !(v instanceof Date) && "formula" in v) {
    v = (v.result ?? null) as CellValue;
    if (v === null) return { kind: "bad", reason: "a formula without a computed value" };
  }
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return { kind: "bad", reason: "not a finite number" };
    return v < 0 ? { kind: "bad", reason: `${v} is negative` } : { kind: "number", value: v };
  }
  const text = textOf(v);
  if (text !== null) {
    const t = text.trim();
    if (t === "") return { kind: "blank" };
    if (!NUMERIC_TEXT.test(t))
      return { kind: "bad", reason: `'${t.slice(0, 40)}' is text, not a number` };
    const n = Number(t);
    return n < 0 ? { kind: "bad", reason: `${n} is negative` } : { kind: "number", value: n };
  }
  if (typeof v === "object" && v !== null && "error" in v) {
    return { kind: "bad", reason: `an error value (${String(v.error)})` };
  }
  return { kind: "bad", reason: describe(v) };
}

function readCode(value: CellValue): string | null {
  if (typeof value === "number" && Number.isInteger(value)) return String(value);
  const text = textOf(value);
  const t = text?.trim() ?? "";
  return t === "" ? null : t;
}

function checkHeaders(ws: Worksheet, errors: FieldError[]): boolean {
  const row = ws.getRow(HEADER_ROW);
  let ok = true;
  const last = Math.max(row.cellCount, HEADERS.length);
  for (let c = 1; c <= last; c++) {
    const found = (textOf(row.getCell(c).value) ?? String(row.getCell(c).value ?? "")).trim();
    const expected = HEADERS[c - 1];
    if (expected === undefined) {
      if (found !== "") {
        errors.push({ path: cellPath(c, HEADER_ROW), message: `unexpected column '${found}'` });
        ok = false;
      }
    } else if (found !== expected) {
      errors.push({
        path: cellPath(c, HEADER_ROW),
        message: `expected the header '${expected}', found '${found}'`,
      });
      ok = false;
    }
  }
  return ok;
}

/**
 * Reads a filled template and checks everything that needs no database: the sheet, the period
 * cell, the header row, each figure cell and duplicate codes. Every problem is collected (not
 * just the first); codes are resolved and scope-checked by the caller.
 */
export async function readReturnWorkbook(bytes: ArrayBuffer): Promise<ParsedWorkbook> {
  const out: ParsedWorkbook = { period: null, rows: [], errors: [] };
  const { Workbook } = await loadExcel();
  const wb = new Workbook();
  try {
    await wb.xlsx.load(bytes);
  } catch {
    out.errors.push({ path: "file", message: "the file is not an xlsx workbook" });
    return out;
  }
  const ws = wb.getWorksheet(SHEET);
  if (!ws) {
    out.errors.push({
      path: SHEET,
      message: `the workbook has no sheet '${SHEET}'; start from GET /api/v1/returns/template.xlsx`,
    });
    return out;
  }
  const periodText = (textOf(ws.getCell(PERIOD_CELL).value) ?? "").trim();
  if (parsePeriod(periodText) === null) {
    out.errors.push({
      path: `${SHEET}!${PERIOD_CELL}`,
      message: `'${periodText}' is not a quarter like 2026Q3`,
    });
  } else out.period = periodText;
  if (!checkHeaders(ws, out.errors)) return out;
  if (ws.rowCount - FIRST_DATA_ROW + 1 > MAX_DATA_ROWS) {
    out.errors.push({ path: SHEET, message: `more than ${MAX_DATA_ROWS} rows` });
    return out;
  }
  const seen = new Map<string, number>();
  for (let r = FIRST_DATA_ROW; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const rawCode = readCode(row.getCell(1).value);
    const codeFault = rawCode === null ? null : textFault(rawCode);
    if (codeFault) {
      out.errors.push({ path: cellPath(1, r), message: codeFault });
      continue;
    }
    const code = rawCode;
    const values = {} as ReturnValues;
    let given = 0;
    const rowErrors: FieldError[] = [];
    RETURN_FIELDS.forEach((f, j) => {
      const col = FIRST_FIGURE_COLUMN + j;
      let cell = readFigure(row.getCell(col).value);
      if (cell.kind === "number" && cell.value > FIGURE_MAX[f]) {
        cell = { kind: "bad", reason: `${cell.value} ${figureTooLarge(f)}` };
      }
      values[f] = cell.kind === "number" ? cell.value : null;
      if (cell.kind === "number") given++;
      if (cell.kind === "bad") rowErrors.push({ path: cellPath(col, r), message: cell.reason });
    });
    if (code === null) {
      if (given > 0 || rowErrors.length > 0) {
        out.errors.push({ path: cellPath(1, r), message: "figures without an org-unit code" });
      }
      continue;
    }
    out.errors.push(...rowErrors);
    const first = seen.get(code);
    if (first !== undefined) {
      out.errors.push({
        path: cellPath(1, r),
        message: `'${code}' already appears in row ${first}`,
      });
      continue;
    }
    seen.set(code, r);
    out.rows.push({ row: r, code, values, blank: given === 0 && rowErrors.length === 0 });
  }
  return out;
}
