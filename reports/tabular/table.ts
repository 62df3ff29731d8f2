/**
 * Raw tables (cases, survey responses, returns) as the CSV and XLSX writers take them: columns
 * with a Chinese header, a width and a kind, and rows of cells already in their final form
 * (labels translated, 是/否 for booleans). Writers format; they never look at what a row means.
 */
import type { Writable } from "node:stream";

/**
 * `datetime` cells are Beijing wall-clock text `YYYY-MM-DD HH:MM:SS`: CSV writes them with
 * `+08:00` (the form POST /cases/import takes back), XLSX as Excel dates.
 */
export type ColumnKind = "text" | "number" | "datetime";

export interface TableColumn {
  header: string;
  /** Column width in characters (XLSX). */
  width: number;
  kind: ColumnKind;
  /** Excel number format for `number` columns (default General). */
  numFmt?: string;
}

export type TableCell = string | number | null;

export interface TableSpec {
  /** Base sheet name; further sheets are "name (2)", "name (3)"… */
  sheetName: string;
  columns: readonly TableColumn[];
}

/** Called with the number of data rows written so far (throttle on the caller's side). */
export type RowProgress = (rows: number) => void;

export interface TableWriteResult {
  rows: number;
  /** Sheets written (XLSX); 0 for CSV. */
  sheets: number;
}

/**
 * Resolves when `stream` drains; rejects when it closes first (the client went away). Removes
 * its listeners either way, so waiting once per chunk of a long export leaks nothing.
 */
export function drained(stream: Writable, who: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const off = () => {
      stream.off("drain", onDrain);
      stream.off("close", onClose);
    };
    const onDrain = () => {
      off();
      resolve();
    };
    const onClose = () => {
      off();
      reject(new Error(`${who}: the output stream was closed`));
    };
    stream.on("drain", onDrain);
    stream.on("close", onClose);
  });
}

/** Excel's row limit per sheet, header included. */
export const EXCEL_MAX_ROWS = 1_048_576;

const DATETIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/**
 * Excel's serial date of a wall-clock text `YYYY-MM-DD HH:MM:SS` (days since 1899-12-30, the
 * fraction the time of day), or `null` when the text is not in that form.
 *
 * @example
 * ```ts
 * excelSerial("2026-07-01 12:00:00"); // 46204.5
 * ```
 */
export function excelSerial(text: string): number | null {
  const m = DATETIME.exec(text);
  if (!m) return null;
  const ms = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
  return ms / 86_400_000 + 25_569;
}
