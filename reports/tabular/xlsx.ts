/**
 * Streams a raw table as XLSX with exceljs's streaming writer: each row is committed (serialised
 * and handed to the zip) as it arrives, so memory stays bounded whatever the size. A sheet holds
 * at most Excel's 1,048,576 rows, header included; more rows continue on "工单 (2)", "工单 (3)"….
 * Datetime cells are Excel dates (Beijing wall clock, as the import template reads them back).
 */
import { Transform, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
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
 * exceljs hands each sheet's XML to its zip without backpressure (a committed row is written into
 * the zip's entry stream whatever it holds), so the XML can pile up there faster than the zip
 * deflates it. The writer cannot see that stream; it sees what it owns: the zip's output (a
 * stream of ours, with its own backpressure) and the process's buffer memory. While buffers held
 * since the export began pass this figure, rows wait for the zip to catch up.
 */
const MAX_HELD = 2 * 1024 * 1024;
/** The zip is taken as caught up when it writes nothing for QUIET_TURNS waits of QUIET_MS. */
const QUIET_MS = 10;
const QUIET_TURNS = 3;

/** Buffer memory of the process (what sheet XML waiting for the zip is held in); 0 where unknown. */
const bufferBytes = () =>
  typeof process.memoryUsage === "function" ? process.memoryUsage().arrayBuffers : 0;

/**
 * The zip's output on its way to `out`, through a stream we own: its backpressure holds the zip
 * back, and `written` tells whether the zip is still working.
 */
function zipOutput(out: Writable) {
  let written = 0;
  const feed = new Transform({
    transform(chunk: Buffer, _enc, done) {
      written += chunk.length;
      done(null, chunk);
    },
  });
  const piped = pipeline(feed, out);
  // Seen by `done`; a failure before it (the client went away) is reported by the row loop.
  piped.catch(() => {});
  return { feed, written: () => written, done: () => piped };
}

/**
 * Waits while the export holds more than MAX_HELD of buffers above `base` and the zip is still
 * writing (the sheet XML is being deflated); returns as soon as either stops (what is held then is
 * not the zip's backlog: garbage not yet collected, or another request's). The caller lowers
 * `base` to what is held whenever that falls (a collection ran), so garbage costs a wait only
 * until the next collection; it is never raised, so the limit cannot creep up over an export.
 */
async function zipCaughtUp(base: number, written: () => number): Promise<void> {
  let quiet = 0;
  while (bufferBytes() - base > MAX_HELD) {
    const before = written();
    await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
    // On a busy machine the zip's thread may wait a turn for a core: one quiet wait is not enough.
    quiet = written() === before ? quiet + 1 : 0;
    if (quiet === QUIET_TURNS) return;
  }
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
  const zip = zipOutput(out);
  let base = bufferBytes();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: zip.feed,
    useStyles: true,
    useSharedStrings: false,
  });
  wb.creator = "Scorecard 369";
  const dates = spec.columns.flatMap((c, i) => (c.kind === "datetime" ? [i] : []));
  // One style object per column, given to each of its cells: exceljs remembers a style's id by
  // the object, so a cell with its own copy (what a new cell gets) costs a serialisation of the
  // style and a lookup by its XML, for every cell.
  const cellStyles: Partial<ExcelJS.Style>[] = spec.columns.map((c) =>
    c.kind === "datetime" ? { numFmt: DATETIME_FORMAT } : c.numFmt ? { numFmt: c.numFmt } : {},
  );
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
    sheet.columns = spec.columns.map((c, i) => ({
      header: c.header,
      width: c.width,
      style: cellStyles[i],
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
      const added = ws.addRow(row);
      for (let i = 0; i < cellStyles.length; i++) added.getCell(i + 1).style = cellStyles[i]!;
      added.commit();
      inSheet++;
      n++;
    }
    opts.onProgress?.(n);
    if (out.destroyed) throw new Error("writeXlsx: the output stream was closed");
    if (zip.feed.writableNeedDrain) await drained(zip.feed, "writeXlsx");
    // Garbage collected since the last check: back to the lower base, so the limit stays tight.
    base = Math.min(base, bufferBytes());
    await zipCaughtUp(base, zip.written);
  }
  close(ws);
  await wb.commit();
  await zip.done();
  opts.onProgress?.(n);
  return { rows: n, sheets };
}
