import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import { Transform } from "node:stream";
import { Invalid } from "../../errors.ts";
import type { SheetCell, SheetReader } from "../../spreadsheet/reader.ts";
import type { Cell } from "./columns.ts";
import { decodeText } from "./decode.ts";

export type CaseFileFormat = "csv" | "xlsx";

/** One row of a file: its 1-based number (sheet row for XLSX, record for CSV) and its cells. */
export interface SheetRow {
  number: number;
  cells: Cell[];
}

export interface RowSource {
  format: CaseFileFormat;
  rows: AsyncGenerator<SheetRow>;
  /** Bytes of the file consumed so far, for progress. */
  bytesRead(): number;
  totalBytes: number;
  /** Stops reading (the rows generator ends); safe to call twice. */
  close(): void;
}

/** Names of sheets that are instructions, not data (the template's second sheet). */
const NOT_DATA = new Set(["填写说明", "说明", "instructions"]);

/**
 * Tells the format from the first bytes, not the file name: XLSX is a ZIP (`PK\3\4`); text
 * without NUL bytes is taken as CSV; anything else (legacy .xls, PDF, images) is refused.
 */
export async function detectFormat(path: string): Promise<CaseFileFormat | "empty"> {
  const fh = await open(path, "r");
  try {
    const head = Buffer.alloc(4096);
    const { bytesRead } = await fh.read(head, 0, head.length, 0);
    if (bytesRead === 0) return "empty";
    const bytes = head.subarray(0, bytesRead);
    if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
      return "xlsx";
    }
    const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe;
    if (!utf16 && bytes.includes(0)) {
      throw new Invalid("文件既不是 CSV 也不是 XLSX", [
        { path: "file", message: "请上传 CSV（UTF-8 或 GB18030 编码）或 XLSX 工作簿" },
      ]);
    }
    return "csv";
  } finally {
    await fh.close();
  }
}

function counter() {
  let n = 0;
  const t = new Transform({
    transform(chunk: Buffer, _enc, done) {
      n += chunk.length;
      done(null, chunk);
    },
  });
  return Object.assign(t, { count: () => n });
}

/**
 * Opens a CSV or XLSX file as a stream of rows; never holds the whole file in memory. An XLSX
 * file is read in a thread of its own, under the case import's limits (spreadsheet/).
 */
export async function openRows(
  path: string,
  sheets: SheetReader | undefined,
): Promise<RowSource | null> {
  const format = await detectFormat(path);
  if (format === "empty") return null;
  const totalBytes = (await stat(path)).size;
  if (format === "xlsx") return openXlsxRows(path, totalBytes, sheets);
  const file = createReadStream(path, { highWaterMark: 256 * 1024 });
  const counted = counter();
  file.pipe(counted);
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    file.destroy();
    counted.destroy();
  };
  const rows = csvRows(counted);
  async function* guarded(): AsyncGenerator<SheetRow> {
    try {
      for await (const row of rows) {
        if (closed) return;
        yield row;
      }
    } finally {
      close();
    }
  }
  return { format, rows: guarded(), bytesRead: counted.count, totalBytes, close };
}

/** The first data sheet of a workbook (the template's instructions sheet is skipped). */
async function openXlsxRows(
  path: string,
  totalBytes: number,
  sheets: SheetReader | undefined,
): Promise<RowSource> {
  const { needSheets, UnreadableWorkbook } = await import("../../spreadsheet/reader.ts");
  const { CASE_IMPORT_LIMITS } = await import("../../spreadsheet/limits.ts");
  const restate = (err: unknown) =>
    err instanceof UnreadableWorkbook
      ? new Invalid("无法读取上传的 XLSX 工作簿", [{ path: "file", message: err.reason }])
      : err;
  const sheet = await needSheets(sheets)
    .open({
      source: { path },
      sheet: { skip: [...NOT_DATA] },
      limits: CASE_IMPORT_LIMITS,
    })
    .catch((err: unknown) => {
      throw restate(err);
    });
  async function* rows(): AsyncGenerator<SheetRow> {
    try {
      for await (const row of sheet.rows) {
        yield { number: row.number, cells: row.cells.map(xlsxCell) };
      }
    } catch (err) {
      throw restate(err);
    } finally {
      sheet.close();
    }
  }
  return {
    format: "xlsx",
    rows: rows(),
    bytesRead: () => Math.round(sheet.progress() * totalBytes),
    totalBytes,
    close: sheet.close,
  };
}

async function* csvRows(input: NodeJS.ReadableStream): AsyncGenerator<SheetRow> {
  const { parse } = await import("csv-parse");
  const parser = parse({
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    max_record_size: 1024 * 1024,
  });
  const decoded = decodeText();
  input.pipe(decoded).pipe(parser);
  decoded.on("error", (err) => parser.destroy(err));
  let n = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      n++;
      yield { number: n, cells: record };
    }
  } catch (err) {
    throw new Invalid("无法读取上传的 CSV 文件", [
      { path: "file", message: `第 ${n} 条记录之后：${(err as Error).message}` },
    ]);
  }
}

/** A spreadsheet cell as the case columns read it: an error value or an uncomputed formula is blank. */
function xlsxCell(v: SheetCell): Cell {
  if (v === null || typeof v !== "object" || v instanceof Date) return v;
  return null;
}
