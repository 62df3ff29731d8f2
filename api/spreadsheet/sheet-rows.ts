/**
 * A worksheet's XML (xl/worksheets/sheetN.xml) as rows of cell values, parsed as it streams in.
 * Cells mean what Excel shows: shared and inline strings (rich text joined, `_xHHHH_` decoded),
 * numbers, numbers in a date format as dates, truth values, error values, and formulas as their
 * cached result (or the formula when there is none).
 */
import type { Readable } from "node:stream";
import { SheetLimitError } from "./errors.ts";
import { decodeXstring, StringItem } from "./workbook-parts.ts";
import { xmlChunks } from "./xml.ts";

/**
 * A cell as the readers of our uploads see it: text (rich text joined, hyperlinks as their
 * text), a number, a truth value, a date (a number in a date format), an error value (`#N/A`), or
 * a formula whose value was never computed. A formula with a cached result is its result.
 */
export type SheetCell =
  | string
  | number
  | boolean
  | Date
  | null
  | { error: string }
  | { formula: string };

/** One row: its 1-based sheet row number and its cells from column A (index 0). */
export interface SheetRow {
  number: number;
  cells: SheetCell[];
}

/** What the cells refer to, read from the workbook's other parts. */
export interface SheetContext {
  strings: readonly string[];
  /** Per cell style index: whether its number format is a date. */
  dateStyles: readonly boolean[];
  date1904: boolean;
}

const DAY_MS = 24 * 3600 * 1000;

/** A serial day number as a date (1900 system: day 25569 is 1970-01-01). */
function excelDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * DAY_MS));
}

/** The 1-based column of a reference's letters (`B7` → 2); 0 when it has none. */
function columnOf(ref: string): number {
  let col = 0;
  for (let i = 0; i < ref.length && col <= 1_000_000; i++) {
    const c = ref.charCodeAt(i) | 0x20; // lower case
    if (c < 97 || c > 122) break;
    col = col * 26 + c - 96;
  }
  return col;
}

/** The value `<v>` holds in a cell of type `t` and style `s`; null for an empty number. */
function typed(ctx: SheetContext, t: string, s: number, v: string): SheetCell {
  switch (t) {
    case "s": {
      const text = ctx.strings[Number(v)];
      return text === undefined ? null : text;
    }
    case "str":
    case "inlineStr":
      return decodeXstring(v);
    case "e":
      return { error: v };
    case "b": {
      const n = Number(v);
      return Number.isNaN(n) ? v.trim() === "true" : n !== 0;
    }
    case "d": {
      const d = new Date(v);
      return Number.isNaN(d.getTime()) ? decodeXstring(v) : d;
    }
    default: {
      if (v.trim() === "") return null;
      const n = Number(v);
      if (!Number.isFinite(n)) return decodeXstring(v);
      return ctx.dateStyles[s] ? excelDate(n, ctx.date1904) : n;
    }
  }
}

/**
 * The rows of the sheet `stream`, each as soon as its closing tag is parsed. A cell past column
 * `maxColumns` stops the reading with a SheetLimitError (after the rows before it).
 */
export async function* sheetRows(
  stream: Readable,
  ctx: SheetContext,
  maxColumns: number,
): AsyncGenerator<SheetRow> {
  const done: SheetRow[] = [];
  let stop: SheetLimitError | null = null;
  let rowNumber = 0;
  let cells: SheetCell[] | null = null;
  let width = 0;
  let col = 0;
  // The cell being read
  let inCell = false;
  let type = "n";
  let style = 0;
  let formula: string | null = null;
  let value: string | null = null;
  let capture: "f" | "v" | null = null;
  let inline: StringItem | null = null;
  let inlineText: string | null = null;

  const cellValue = (): SheetCell => {
    if (type === "inlineStr" && inlineText !== null) return inlineText;
    const v = value === null ? null : typed(ctx, type, style, value);
    if (formula !== null && v === null) return { formula };
    return v;
  };

  const chunks = xmlChunks(stream, {
    open(name, a) {
      if (stop) return;
      if (inline) {
        inline.open(name);
      } else if (inCell) {
        if (name === "v" || name === "f") {
          capture = name;
          if (name === "v") value = "";
          else formula = "";
        } else if (name === "is") {
          inline = new StringItem();
        }
      } else if (name === "c" && cells) {
        inCell = true;
        const at = a.r === undefined ? 0 : columnOf(a.r);
        col = at > 0 ? at : col + 1;
        type = a.t ?? "n";
        style = a.s === undefined ? 0 : Number(a.s);
        formula = value = inlineText = null;
      } else if (name === "row") {
        const r = Number(a.r);
        rowNumber = Number.isInteger(r) && r > 0 ? r : rowNumber + 1;
        cells = [];
        width = col = 0;
      }
    },
    text(t) {
      if (inline) inline.text(t);
      else if (capture === "v") value += t;
      else if (capture === "f") formula += t;
    },
    close(name) {
      if (stop) return;
      if (inline) {
        if (name === "is") {
          inlineText = inline.take();
          inline = null;
        } else inline.close(name);
      } else if (name === "v" || name === "f") {
        capture = null;
      } else if (name === "c" && inCell && cells) {
        inCell = false;
        const v = cellValue();
        if (v === null) return;
        if (col > maxColumns) {
          stop = new SheetLimitError(
            `工作表第 ${rowNumber} 行用到第 ${col} 列，超过 ${maxColumns} 列的上限`,
          );
          return;
        }
        cells[col - 1] = v;
        if (col > width) width = col;
      } else if (name === "row" && cells) {
        for (let i = 0; i < width; i++) cells[i] ??= null;
        cells.length = width;
        done.push({ number: rowNumber, cells });
        cells = null;
      }
    },
  });
  for await (const _ of chunks) {
    if (done.length > 0) yield* done.splice(0);
    if (stop) throw stop;
  }
}
