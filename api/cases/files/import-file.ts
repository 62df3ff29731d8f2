import type { Store } from "../../db/client.ts";
import { type FieldError, Invalid } from "../../errors.ts";
import type { OnCaseChanges } from "../../indicators/case-changes.ts";
import type { SheetReader } from "../../spreadsheet/reader.ts";
import type { BytePool } from "../byte-pool.ts";
import { type IngestSummary, ingestCases, MAX_BATCH } from "../ingest.ts";
import { type Cell, type ColumnMap, mapHeader, rowToRecord } from "./columns.ts";
import { type CaseFileFormat, openRows, type RowSource, type SheetRow } from "./file-rows.ts";

/** Rejected rows listed in a file's summary; beyond this they are only counted. */
export const REJECTED_LISTED = 10_000;

export interface ImportSummary extends IngestSummary {
  rowNumbering: "dataRow";
  ignoredColumns: string[];
  rejectedOmitted: number;
}

export interface ImportOptions {
  /** Told the fraction of the file read (0–1) after each batch. */
  onProgress?: (fraction: number) => void;
  nowMs?: number;
  /** The process's COPY buffers (`AppDeps.buffers.copy`; see `storeCases`). */
  buffers?: BytePool | undefined;
  /** Reads an XLSX file off this thread (`AppDeps.sheets`); absent: XLSX files cannot be read. */
  sheets?: SheetReader | undefined;
  /** Hears what each batch changed, after its commit (see `IngestOptions.onChanges`). */
  onChanges?: OnCaseChanges | undefined;
}

/** Rows looked at for the header: room for a title and a note above it. */
const HEADER_SEARCH_ROWS = 5;

const isBlank = (cells: readonly Cell[]) =>
  cells.every((c) => c === null || c === undefined || (typeof c === "string" && c.trim() === ""));

interface Opened {
  source: RowSource;
  format: CaseFileFormat;
  map: ColumnMap;
  headerNumber: number;
  rows: AsyncGenerator<SheetRow>;
}

/**
 * Opens a case file and reads its header row (the first non-blank row). Refuses, before any
 * data is read, an empty file, a file without a header row and a header that lacks required
 * columns or gives one field twice, naming each column: nothing is written then.
 */
async function openCaseFile(path: string, sheets: SheetReader | undefined): Promise<Opened> {
  const source = await openRows(path, sheets);
  if (!source) {
    throw new Invalid("文件是空的", [{ path: "file", message: "未收到任何内容" }]);
  }
  const rows = source.rows;
  try {
    // The header is the first non-blank row that names a known column; a title row or two
    // above it (as hand-made sheets have) is skipped. Without one, the first row's problems
    // are reported.
    let first: FieldError[] | null = null;
    for (let seen = 0; seen < HEADER_SEARCH_ROWS; ) {
      const next = await rows.next();
      if (next.done) break;
      if (isBlank(next.value.cells)) continue;
      seen++;
      const { map, errors } = mapHeader(next.value.cells);
      if (map.fields.some((f) => f !== null)) {
        if (errors.length > 0) {
          throw new Invalid("文件的列与工单模板不符，未导入任何数据", errors);
        }
        return { source, format: source.format, map, headerNumber: next.value.number, rows };
      }
      first ??= errors;
    }
    if (first === null) {
      throw new Invalid("文件中没有任何行", [{ path: "file", message: "文件中没有数据" }]);
    }
    throw new Invalid("文件没有表头行，未导入任何数据", first);
  } catch (err) {
    source.close();
    throw err;
  }
}

/**
 * Checks a file's header and counts its data rows, stopping once `countUpTo` are seen (the
 * route only needs to know whether the file is small enough to import while the caller waits).
 */
export async function inspectCaseFile(
  path: string,
  countUpTo: number,
  sheets: SheetReader | undefined,
): Promise<{ format: CaseFileFormat; dataRows: number }> {
  const file = await openCaseFile(path, sheets);
  let dataRows = 0;
  try {
    for await (const row of file.rows) {
      if (isBlank(row.cells)) continue;
      dataRows++;
      if (dataRows >= countUpTo) break;
    }
  } finally {
    file.source.close();
  }
  if (dataRows === 0) {
    throw new Invalid("文件只有表头，没有数据行", [
      { path: "file", message: "请在表头下方至少填写一条工单" },
    ]);
  }
  return { format: file.format, dataRows };
}

/**
 * Imports a CSV or XLSX file of cases for a caller scoped to `scopeUnitId`, streaming it in
 * batches of 10,000 through the same ingest as POST /cases/batch (each batch one
 * transaction). Rejected rows are named by data row number (1 = first row below the header).
 * A header problem refuses the whole file before anything is written; after that, a failure
 * keeps the batches already stored (re-importing is harmless: identical rows are unchanged).
 */
export async function importCaseFile(
  target: Pick<Store, "db" | "withCopy">,
  scopeUnitId: number | null,
  path: string,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const file = await openCaseFile(path, options.sheets);
  const summary: ImportSummary = {
    received: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    rejected: [],
    rowNumbering: "dataRow",
    ignoredColumns: file.map.unknown,
    rejectedOmitted: 0,
  };
  let records: Record<string, unknown>[] = [];
  let indexes: number[] = [];
  // One batch is stored while the next is read: parsing overlaps the database's work. Batches
  // still reach the database in file order, so a later row wins over an earlier one.
  let storing: Promise<void> = Promise.resolve();
  const store = async (batch: Record<string, unknown>[], at: number[], fraction: number) => {
    const part = await ingestCases(target, scopeUnitId, batch, {
      indexes: at,
      nowMs: options.nowMs,
      buffers: options.buffers,
      onChanges: options.onChanges,
    });
    summary.received += part.received;
    summary.inserted += part.inserted;
    summary.updated += part.updated;
    summary.unchanged += part.unchanged;
    const room = Math.max(0, REJECTED_LISTED - summary.rejected.length);
    summary.rejected.push(...part.rejected.slice(0, room));
    summary.rejectedOmitted += Math.max(0, part.rejected.length - room);
    options.onProgress?.(fraction);
  };
  const flush = async () => {
    if (records.length === 0) return;
    const fraction = Math.min(1, file.source.bytesRead() / Math.max(1, file.source.totalBytes));
    const [batch, at] = [records, indexes];
    records = [];
    indexes = [];
    await storing;
    storing = store(batch, at, fraction);
    // Rejections are observed by the next flush or the final await; this keeps Node quiet
    // about a failure that surfaces one batch later.
    storing.catch(() => {});
  };
  try {
    for await (const row of file.rows) {
      if (isBlank(row.cells)) continue;
      records.push(rowToRecord(row.cells, file.map));
      indexes.push(row.number - file.headerNumber);
      if (records.length >= MAX_BATCH) await flush();
    }
    await flush();
    await storing;
  } finally {
    file.source.close();
    await storing.catch(() => {});
  }
  if (summary.received === 0) {
    throw new Invalid("文件只有表头，没有数据行", [
      { path: "file", message: "请在表头下方至少填写一条工单" },
    ]);
  }
  options.onProgress?.(1);
  return summary;
}
