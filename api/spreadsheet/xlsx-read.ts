/**
 * Reads one sheet of an XLSX file as rows, under limits (./limits.ts), in the thread that calls
 * it (sheet-thread.ts runs it off the request thread).
 *
 * The ZIP parts are taken through ./zip.ts (sizes checked before and while inflating); their XML
 * is parsed by exceljs's streaming reader, part by part, so cell values mean what they mean
 * everywhere else in the app (shared strings, rich text, dates by number format, formulas with
 * their cached results). exceljs's reader normally unzips the file itself, trusting it; here its
 * per-part parsers (`_parseRels`, `_parseWorkbook`, `_parseStyles`, `_parseSharedStrings`,
 * `_parseWorksheet` of exceljs 4.4.0, pinned in package.json) are fed the bounded streams
 * instead. xlsx-read.test.ts covers them.
 */
import type { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { SheetLimitError, UnreadableSheetError } from "./errors.ts";
import { formatBytes, MAX_ZIP_ENTRIES, RATIO_FLOOR_BYTES, type SheetLimits } from "./limits.ts";
import { type ByteSource, openEntry, readDirectory, type ZipEntry } from "./zip.ts";

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

/** Which sheet: the one named `name`, else the first in the workbook's order not in `skip`. */
export interface SheetChoice {
  name?: string | undefined;
  /** Names (compared trimmed and lower-cased) of sheets that are not data, e.g. instructions. */
  skip?: readonly string[] | undefined;
}

export interface OpenedXlsx {
  /** The chosen sheet's name; null when the workbook has no such sheet (no rows then). */
  name: string | null;
  rows: AsyncGenerator<SheetRow>;
  /** Fraction (0–1) of the sheet's compressed bytes read so far. */
  progress(): number;
}

/** The parts of exceljs's streaming reader used here (see the module comment). */
interface ReaderParts {
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseWorksheet(
    iterator: Readable,
    sheetNo: string,
  ): Generator<{ eventType: string; value: AsyncIterable<ExcelRow> }>;
  workbookRels?: { Id: string; Target: string }[];
  model?: { sheets?: { name: string; rId: string }[] };
}

interface ExcelRow {
  number: number;
  values: unknown[];
}

const WORKBOOK = "xl/workbook.xml";
const WORKBOOK_RELS = "xl/_rels/workbook.xml.rels";
const STYLES = "xl/styles.xml";
const SHARED_STRINGS = "xl/sharedStrings.xml";

/**
 * Text as OOXML stores it (ST_Xstring) decoded: `_xHHHH_` stands for the UTF-16 unit HHHH (a
 * control character such as a NUL, or `_x005F_` for a literal underscore). exceljs's whole-file
 * loader decodes these; its streaming parsers used here do not.
 */
function decodeXstring(s: string): string {
  return s.includes("_x")
    ? s.replace(/_x([0-9A-F]{4})_/g, (_, hex: string) =>
        String.fromCharCode(Number.parseInt(hex, 16)),
      )
    : s;
}

/** The cell value of exceljs as a {@link SheetCell}. */
export function sheetCell(v: unknown): SheetCell {
  if (v === null || v === undefined) return null;
  if (typeof v === "string") return decodeXstring(v);
  if (typeof v === "number" || typeof v === "boolean") return v;
  if (v instanceof Date) return v;
  const o = v as Record<string, unknown>;
  if ("error" in o) return { error: String(o.error) };
  if (Array.isArray(o.richText)) {
    return decodeXstring((o.richText as { text?: string }[]).map((r) => r.text ?? "").join(""));
  }
  if ("formula" in o || "sharedFormula" in o) {
    return o.result === undefined || o.result === null
      ? { formula: String(o.formula ?? o.sharedFormula ?? "") }
      : sheetCell(o.result);
  }
  if ("text" in o) return sheetCell(o.text);
  return null;
}

const limit = (message: string) => new SheetLimitError(message);

/** Refuses parts whose declared sizes pass the limits, before anything is inflated. */
function checkDeclared(parts: ZipEntry[], limits: SheetLimits) {
  let total = 0;
  for (const p of parts) {
    total += p.uncompressedSize;
    const ratio = p.uncompressedSize / Math.max(1, p.compressedSize);
    if (p.uncompressedSize > RATIO_FLOOR_BYTES && ratio > limits.maxRatio) {
      throw limit(
        `表格中的“${p.name}”压缩比异常（${formatBytes(p.compressedSize)} 解压后为 ${formatBytes(p.uncompressedSize)}，约 ${Math.round(ratio)} 倍，上限 ${limits.maxRatio} 倍），疑似压缩炸弹，未读取`,
      );
    }
  }
  if (total > limits.maxBytes) {
    throw limit(
      `表格解压后共 ${formatBytes(total)}，超过此处 ${formatBytes(limits.maxBytes)} 的上限，未读取；请拆分后分批上传`,
    );
  }
}

/** The ZIP part a workbook relationship target names (`worksheets/sheet1.xml` → `xl/...`). */
function partOf(target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = ["xl"];
  for (const seg of target.split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== "." && seg !== "") parts.push(seg);
  }
  return parts.join("/");
}

/** Parses a part with one of exceljs's parsers; XML errors become "unreadable". */
async function parsePart(
  src: ByteSource,
  entry: ZipEntry,
  parse: (stream: Readable) => Promise<unknown>,
): Promise<void> {
  const stream = await openEntry(src, entry);
  try {
    await parse(stream);
  } catch (err) {
    throw asReadError(err, entry.name);
  } finally {
    stream.destroy();
  }
}

function asReadError(err: unknown, part: string): Error {
  if (err instanceof SheetLimitError || err instanceof UnreadableSheetError) return err;
  const why = err instanceof Error ? err.message.split("\n")[0] : String(err);
  return new UnreadableSheetError(`工作簿中的“${part}”无法解析（${why}）`);
}

/**
 * Opens the sheet `choice` names in the XLSX file `src` and reads it row by row. Throws a
 * SheetLimitError when a limit is passed (before or while reading) and an UnreadableSheetError
 * when the file is not a readable workbook. The caller closes `src`.
 */
export async function readXlsx(
  src: ByteSource,
  choice: SheetChoice,
  limits: SheetLimits,
): Promise<OpenedXlsx> {
  const entries = await readDirectory(src, MAX_ZIP_ENTRIES);
  const workbook = entries.get(WORKBOOK);
  const rels = entries.get(WORKBOOK_RELS);
  if (!workbook || !rels) {
    throw new UnreadableSheetError("文件中没有 Excel 工作簿（xl/workbook.xml），请上传 .xlsx 文件");
  }
  checkDeclared([workbook, rels], limits);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(null as never, {
    worksheets: "emit",
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "cache",
    entries: "ignore",
  }) as unknown as ReaderParts;
  await parsePart(src, rels, (s) => reader._parseRels(s));
  await parsePart(src, workbook, (s) => reader._parseWorkbook(s));

  const sheets = (reader.model?.sheets ?? []).map((s) => ({
    name: s.name,
    target: reader.workbookRels?.find((r) => r.Id === s.rId)?.Target,
  }));
  const skip = new Set(choice.skip ?? []);
  const chosen =
    choice.name !== undefined
      ? sheets.find((s) => s.name === choice.name)
      : sheets.find((s) => !skip.has(s.name.trim().toLowerCase()));
  if (!chosen) return { name: null, rows: (async function* () {})(), progress: () => 1 };
  const sheetEntry = chosen.target ? entries.get(partOf(chosen.target)) : undefined;
  if (!sheetEntry) throw new UnreadableSheetError(`工作表“${chosen.name}”的内容缺失，文件已损坏`);

  const styles = entries.get(STYLES);
  const strings = entries.get(SHARED_STRINGS);
  const parts = [workbook, rels, sheetEntry];
  if (styles) parts.push(styles);
  if (strings) parts.push(strings);
  checkDeclared(parts, limits);
  if (styles) await parsePart(src, styles, (s) => reader._parseStyles(s));
  if (strings) {
    await parsePart(src, strings, async (s) => {
      for await (const _ of reader._parseSharedStrings(s)) {
        // cached by the reader ("cache" mode yields nothing)
      }
    });
  }

  let read = 0;
  const stream = await openEntry(src, sheetEntry, (n) => {
    read = n;
  });
  const [event] = [...reader._parseWorksheet(stream, "1")];
  if (!event) throw new UnreadableSheetError("工作表无法读取");
  const sheetRows = event.value;
  async function* rows(): AsyncGenerator<SheetRow> {
    let count = 0;
    let cells = 0;
    try {
      for await (const row of sheetRows) {
        count++;
        if (count > limits.maxRows) {
          throw limit(`工作表超过 ${limits.maxRows} 行的上限，未读完；请拆分后分批上传`);
        }
        const values = row.values;
        const width = Math.max(0, values.length - 1);
        if (width > limits.maxColumns) {
          throw limit(
            `工作表第 ${row.number} 行用到第 ${width} 列，超过 ${limits.maxColumns} 列的上限`,
          );
        }
        cells += width;
        if (cells > limits.maxCells) {
          throw limit(`工作表超过 ${limits.maxCells} 个单元格的上限，未读完；请拆分后分批上传`);
        }
        const out: SheetCell[] = new Array(width);
        for (let c = 1; c <= width; c++) out[c - 1] = sheetCell(values[c]);
        yield { number: row.number, cells: out };
      }
    } catch (err) {
      throw asReadError(err, sheetEntry!.name);
    } finally {
      stream.destroy();
    }
  }
  return {
    name: chosen.name,
    rows: rows(),
    progress: () => Math.min(1, read / Math.max(1, sheetEntry.compressedSize)),
  };
}
