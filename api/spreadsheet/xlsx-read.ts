/**
 * Reads one sheet of an XLSX file as rows, under limits (./limits.ts), in the thread that calls
 * it (sheet-thread.ts runs it off the request thread).
 *
 * The ZIP parts are taken through ./zip.ts (sizes checked before and while inflating) and their
 * XML is parsed as it streams in (./workbook-parts.ts, ./sheet-rows.ts). exceljs's public
 * readers cannot be used here: both its whole-file loader and its streaming WorkbookReader unzip
 * the upload themselves (unzipper, trusting the local headers, inflating without bound), and
 * cannot be given parts that were already checked. xlsx-read.test.ts checks the cells against
 * what exceljs writes.
 */
import type { Readable } from "node:stream";
import { SheetLimitError, UnreadableSheetError } from "./errors.ts";
import { formatBytes, MAX_ZIP_ENTRIES, RATIO_FLOOR_BYTES, type SheetLimits } from "./limits.ts";
import { type SheetContext, type SheetRow, sheetRows } from "./sheet-rows.ts";
import { readDateStyles, readRels, readSharedStrings, readWorkbook } from "./workbook-parts.ts";
import { type ByteSource, openEntry, readDirectory, type ZipEntry } from "./zip.ts";

export type { SheetCell, SheetRow } from "./sheet-rows.ts";

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

const WORKBOOK = "xl/workbook.xml";
const WORKBOOK_RELS = "xl/_rels/workbook.xml.rels";
const STYLES = "xl/styles.xml";
const SHARED_STRINGS = "xl/sharedStrings.xml";

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

/** Parses a part; XML errors become "unreadable". */
async function parsePart<T>(
  src: ByteSource,
  entry: ZipEntry,
  parse: (stream: Readable) => Promise<T>,
): Promise<T> {
  const stream = await openEntry(src, entry);
  try {
    return await parse(stream);
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
  const targets = await parsePart(src, rels, readRels);
  const book = await parsePart(src, workbook, readWorkbook);
  const sheets = book.sheets.map((s) => ({
    name: s.name,
    target: s.rId === undefined ? undefined : targets.get(s.rId),
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
  const context: SheetContext = {
    dateStyles: styles ? await parsePart(src, styles, readDateStyles) : [],
    strings: strings ? await parsePart(src, strings, readSharedStrings) : [],
    date1904: book.date1904,
  };

  let read = 0;
  const stream = await openEntry(src, sheetEntry, (n) => {
    read = n;
  });
  async function* rows(): AsyncGenerator<SheetRow> {
    let count = 0;
    let cells = 0;
    try {
      for await (const row of sheetRows(stream, context, limits.maxColumns)) {
        count++;
        if (count > limits.maxRows) {
          throw limit(`工作表超过 ${limits.maxRows} 行的上限，未读完；请拆分后分批上传`);
        }
        cells += row.cells.length;
        if (cells > limits.maxCells) {
          throw limit(`工作表超过 ${limits.maxCells} 个单元格的上限，未读完；请拆分后分批上传`);
        }
        yield row;
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
