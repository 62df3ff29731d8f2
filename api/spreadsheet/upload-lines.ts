/**
 * The rows of a small uploaded spreadsheet, CSV (UTF-8 with or without BOM, else GB18030) or
 * XLSX (first sheet, read in a thread of its own under the small-upload limits): the paper
 * survey import and the org-tree import read their files through it. csv-parse and the sheet
 * reader are Node-only and loaded lazily.
 */
import { Invalid } from "../errors.ts";
import type { SheetReader } from "./reader.ts";

export type UploadCell = string | number | boolean | Date | null;

/** A row of the sheet: its spreadsheet row number (the header is row 1) and its cells. */
export interface UploadLine {
  number: number;
  cells: UploadCell[];
}

/**
 * The rows of a sheet from CSV (UTF-8 with or without BOM, else GB18030) or XLSX. An XLSX file
 * is read in a thread of its own under the small-upload limits (spreadsheet/).
 */
export async function* readUploadLines(
  name: string,
  bytes: Uint8Array,
  sheets: SheetReader | undefined,
): AsyncGenerator<UploadLine> {
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (isZip || /\.xlsx$/i.test(name)) {
    yield* xlsxLines(bytes, sheets);
    return;
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    // Excel on Chinese Windows saves CSV in GBK; GB18030 is its superset.
    text = new TextDecoder("gb18030").decode(bytes);
  }
  const { parse } = await import("csv-parse/sync");
  let records: string[][];
  try {
    records = parse(text.replace(/^\uFEFF/, ""), {
      relax_column_count: true,
      skip_empty_lines: false,
    }) as string[][];
  } catch (err) {
    throw new Invalid("无法读取上传的 CSV 文件", [
      { path: "body.file", message: (err as Error).message },
    ]);
  }
  for (let i = 0; i < records.length; i++) yield { number: i + 1, cells: records[i]! };
}

async function* xlsxLines(
  bytes: Uint8Array,
  sheets: SheetReader | undefined,
): AsyncGenerator<UploadLine> {
  const { needSheets, UnreadableWorkbook } = await import("./reader.ts");
  const { SMALL_UPLOAD_LIMITS } = await import("./limits.ts");
  const restate = (err: unknown) =>
    err instanceof UnreadableWorkbook
      ? new Invalid("无法读取上传的 XLSX 工作簿", [{ path: "body.file", message: err.reason }])
      : err;
  const sheet = await needSheets(sheets)
    .open({ source: { bytes }, limits: SMALL_UPLOAD_LIMITS })
    .catch((err: unknown) => {
      throw restate(err);
    });
  try {
    for await (const row of sheet.rows) {
      yield {
        number: row.number,
        // An error value reads as its text (and is refused as such); an uncomputed formula is blank.
        cells: row.cells.map((v) =>
          v !== null && typeof v === "object" && !(v instanceof Date)
            ? "error" in v
              ? v.error
              : null
            : v,
        ),
      };
    }
  } catch (err) {
    throw restate(err);
  } finally {
    sheet.close();
  }
}
