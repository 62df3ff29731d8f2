import { parsePeriod } from "../../../shapes/periods.ts";
import type { FieldError } from "../../errors.ts";
import { textFault } from "../../http/input-rules.ts";
import { SMALL_UPLOAD_LIMITS } from "../../spreadsheet/limits.ts";
import type { OpenedSheet, SheetCell, SheetReader, SheetRow } from "../../spreadsheet/reader.ts";
import { fault, quoted, readFigures } from "../figures.ts";
import type { ReturnValues } from "../queries.ts";
import { RETURN_FIELD_COUNT } from "../values.ts";
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
        errors.push(
          fault(cellPath(c, HEADER_ROW), `多出一列${quoted(found)}，模板只有 ${HEADERS.length} 列`),
        );
        ok = false;
      }
    } else if (found !== expected) {
      const was = found === "" ? "空白" : quoted(found);
      errors.push(fault(cellPath(c, HEADER_ROW), `表头应为「${expected}」，实为${was}`));
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
  const notWorkbook = () =>
    out.errors.push(fault("file", "不是 xlsx 工作簿，请上传从本系统下载的季度填报模板"));
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
      out.errors.push(
        fault(SHEET, `工作簿中没有「${SHEET}」工作表，请从季度填报页面下载模板后填写`),
      );
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
      const was = periodText === "" ? "空白" : quoted(periodText);
      out.errors.push(fault(`${SHEET}!${PERIOD_CELL}`, `${was}不是季度（应如 2026Q3）`));
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
      out.errors.push(fault(SHEET, `超过 ${MAX_DATA_ROWS} 行`));
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
    out.errors.push(fault(cellPath(1, r), `单位代码${codeFault}`));
    return;
  }
  const figures = readFigures(
    cells.slice(FIRST_FIGURE_COLUMN - 1, FIRST_FIGURE_COLUMN - 1 + RETURN_FIELD_COUNT),
    (_f, j) => {
      const path = cellPath(FIRST_FIGURE_COLUMN + j, r);
      return { path, place: path };
    },
  );
  const { values, given, errors: rowErrors } = figures;
  if (code === null) {
    if (given > 0 || rowErrors.length > 0) {
      out.errors.push(fault(cellPath(1, r), "该行填了数字，但没有单位代码"));
    }
    return;
  }
  out.errors.push(...rowErrors);
  const first = seen.get(code);
  if (first !== undefined) {
    out.errors.push(fault(cellPath(1, r), `单位代码${quoted(code)}与第 ${first} 行重复`));
    return;
  }
  seen.set(code, r);
  out.rows.push({ row: r, code, values, blank: given === 0 && rowErrors.length === 0 });
}
