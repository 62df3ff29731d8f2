/**
 * Streams a raw table as XLSX with exceljs's streaming writer: each row is committed (serialised
 * and handed to the zip) as it arrives, so memory stays bounded whatever the size. A sheet holds
 * at most Excel's 1,048,576 rows, header included; more rows continue on "工单 (2)", "工单 (3)"….
 * Datetime cells are Excel dates (Beijing wall clock, as the import template reads them back).
 */
import { once } from "node:events";
import type { Writable } from "node:stream";
import ExcelJS from "exceljs";
import { columnLetter } from "../xlsx/cells.ts";
import {
  drained,
  EXCEL_MAX_ROWS,
  excelSerial,
  type RowProgress,
  type TableCell,
  type TableSpec,
  type TableWriteResult,
} from "./table.ts";

export interface XlsxOptions {
  /** Data rows per sheet; default Excel's limit less the header row. Tests make it small. */
  rowsPerSheet?: number;
  onProgress?: RowProgress;
}

const DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss";
/**
 * exceljs hands each sheet's XML to the zip without backpressure: it piles up in the stream the
 * zip reads from (a PassThrough behind the sheet's stream). Rows stop while more than this is
 * waiting there, so memory stays bounded; a smaller figure only costs more pauses.
 */
const MAX_BUFFERED = 1024 * 1024;

/**
 * Bytes of sheet XML waiting for the zip, in the stream it reads sheet `ws` from (exceljs 4.4
 * internals, pinned: the sheet's StreamBuf pipes into archiver's readable-stream PassThrough, whose
 * `_writableState.length` counts them). `null` when that stream is not found.
 */
function zipFeed(ws: ExcelJS.Worksheet): { stream: Writable; buffered: () => number } | null {
  const feed = (ws as unknown as { stream?: { pipes?: unknown[] } }).stream?.pipes?.[0] as
    | (Writable & { _writableState?: { length?: number } })
    | undefined;
  if (typeof feed?._writableState?.length !== "number") return null;
  return { stream: feed, buffered: () => feed._writableState?.length ?? 0 };
}

/**
 * Writes the rows of `chunks` as an xlsx workbook to `out` and ends it.
 *
 * Source: issue 8 (raw exports: streamed, split at Excel's row limit).
 *
 * Degenerate cases: no rows gives one sheet with the header alone. Cells that are `null` stay
 * empty; a `datetime` text not in `YYYY-MM-DD HH:MM:SS` form is written as text.
 *
 * @example
 * ```ts
 * await writeXlsx(chunks, { sheetName: "工单", columns }, res); // { rows: 5000000, sheets: 5 }
 * ```
 */
export async function writeXlsx(
  chunks: AsyncIterable<TableCell[][]>,
  spec: TableSpec,
  out: Writable,
  opts: XlsxOptions = {},
): Promise<TableWriteResult> {
  const perSheet = opts.rowsPerSheet ?? EXCEL_MAX_ROWS - 1;
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  wb.creator = "Scorecard 369";
  const dates = spec.columns.flatMap((c, i) => (c.kind === "datetime" ? [i] : []));
  const lastCol = columnLetter(spec.columns.length);
  let sheets = 0;
  let ws: ExcelJS.Worksheet | null = null;
  let inSheet = 0;
  const open = () => {
    sheets++;
    const name = sheets === 1 ? spec.sheetName : `${spec.sheetName} (${sheets})`;
    const sheet = wb.addWorksheet(name, {
      views: [{ state: "frozen", ySplit: 1, xSplit: 0 }],
    });
    sheet.columns = spec.columns.map((c) => ({
      header: c.header,
      width: c.width,
      style:
        c.kind === "datetime" ? { numFmt: DATETIME_FORMAT } : c.numFmt ? { numFmt: c.numFmt } : {},
    }));
    const head = sheet.getRow(1);
    head.font = { bold: true };
    head.commit();
    inSheet = 0;
    return sheet;
  };
  const close = (sheet: ExcelJS.Worksheet) => {
    sheet.autoFilter = `A1:${lastCol}${inSheet + 1}`;
    sheet.commit();
  };
  ws = open();
  let n = 0;
  for await (const chunk of chunks) {
    for (const row of chunk) {
      if (inSheet === perSheet) {
        close(ws);
        ws = open();
      }
      for (const i of dates) {
        const v = row[i];
        if (typeof v === "string") row[i] = excelSerial(v) ?? v;
      }
      ws.addRow(row).commit();
      inSheet++;
      n++;
    }
    opts.onProgress?.(n);
    if (out.destroyed) throw new Error("writeXlsx: the output stream was closed");
    const feed = zipFeed(ws);
    if (feed && feed.buffered() > MAX_BUFFERED) await drained(feed.stream, "writeXlsx");
    if (out.writableNeedDrain) await drained(out, "writeXlsx");
  }
  close(ws);
  const finished = once(out, "finish");
  await wb.commit();
  await finished;
  opts.onProgress?.(n);
  return { rows: n, sheets };
}
