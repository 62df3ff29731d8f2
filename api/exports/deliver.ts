/**
 * Delivers a raw export: streamed straight into the response while it is read from the database,
 * or, when large (or asked for), written to a file by a background job whose result carries a
 * download link (GET /exports/files/{jobId}, for the job's creator only). Either way memory holds
 * one batch of rows. Node-only modules (streams, files, exceljs) are loaded on first use.
 */
import type { Context } from "hono";
import type { TableCell, TableSpec, TableWriteResult } from "../../reports/tabular/table.ts";
import { creatorKey } from "../access/principal.ts";
import type { AppEnv } from "../env.ts";
import { type ExportJobResult, XLSX_TYPE } from "./schema.ts";

/** Exports with more rows than this run as a background job (202) even when not asked to. */
export const EXPORT_ASYNC_ROWS = 200_000;
/** Export files are kept this long, then removed when a later export starts. */
export const EXPORT_FILE_TTL_MS = 24 * 3600 * 1000;

/** Output buffered ahead of the consumer (socket or disk): a few chunks of rows. */
const BUFFER_BYTES = 4 * 1024 * 1024;

export type CsvEncodingName = "utf-8" | "gb18030";

export interface RawExport {
  /** `cases`, `survey-responses`, `returns`. */
  table: string;
  format: "csv" | "xlsx";
  encoding: CsvEncodingName;
  spec: TableSpec;
  /** A fresh pass over the rows in chunks (each call starts a new read). */
  rows: () => AsyncIterable<TableCell[][]>;
  /** Rows the export will hold (counted first), for the progress of a job. */
  total: number;
  /** ASCII download name and its Chinese form. */
  fileName: string;
  fileNameZh: string;
}

const contentType = (e: RawExport) =>
  e.format === "xlsx" ? XLSX_TYPE : `text/csv; charset=${e.encoding}`;

export function disposition(fileName: string, fileNameZh: string): string {
  return `attachment; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(fileNameZh)}`;
}

async function write(
  e: RawExport,
  out: import("node:stream").Writable,
  onProgress?: (rows: number) => void,
): Promise<TableWriteResult> {
  if (e.format === "xlsx") {
    const { writeXlsx } = await import("../../reports/tabular/xlsx.ts");
    return writeXlsx(e.rows(), e.spec, out, { ...(onProgress ? { onProgress } : {}) });
  }
  const { writeCsv } = await import("../../reports/tabular/csv.ts");
  const { finished } = await import("node:stream/promises");
  const result = await writeCsv(e.rows(), e.spec, out, {
    encoding: e.encoding,
    ...(onProgress ? { onProgress } : {}),
  });
  out.end();
  await finished(out);
  return result;
}

/** Streams the export into the response body as rows arrive from the database. */
export async function streamExport(c: Context<AppEnv>, e: RawExport): Promise<Response> {
  const { PassThrough, Readable } = await import("node:stream");
  const pass = new PassThrough({ highWaterMark: BUFFER_BYTES });
  const logger = c.get("deps").logger;
  const requestId = c.get("requestId");
  write(e, pass).catch((err: unknown) => {
    // The status line has gone out: all that is left is to cut the body short.
    if (!pass.destroyed) logger.error({ err, requestId }, "export failed while streaming");
    pass.destroy(err instanceof Error ? err : new Error(String(err)));
  });
  return c.body(Readable.toWeb(pass) as unknown as ReadableStream, 200, {
    "content-type": contentType(e),
    "content-disposition": disposition(e.fileName, e.fileNameZh),
    "cache-control": "no-store",
    "x-export-rows": String(e.total),
  });
}

/** Where export files live: `DATA_DIR/exports`. */
export async function exportDir(c: Context<AppEnv>): Promise<string> {
  const { join, resolve } = await import("node:path");
  return resolve(join(c.get("deps").config.DATA_DIR, "exports"));
}

/** Removes export files older than the TTL (best effort: a file in use is simply left). */
async function sweep(dir: string): Promise<void> {
  const { readdir, stat, unlink } = await import("node:fs/promises");
  const { join } = await import("node:path");
  const now = Date.now();
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const path = join(dir, name);
    const s = await stat(path).catch(() => null);
    if (s && now - s.mtimeMs > EXPORT_FILE_TTL_MS) await unlink(path).catch(() => {});
  }
}

/** Starts a background job writing the export to a file; answers 202 with the job's id. */
export async function exportJob(
  c: Context<AppEnv>,
  e: RawExport,
  params: Record<string, unknown>,
): Promise<{ jobId: string; status: "running"; statusUrl: string }> {
  const deps = c.get("deps");
  const principal = c.get("principal")!;
  const dir = await exportDir(c);
  const jobId = await deps.jobs.start(
    deps.store.db,
    {
      kind: `exports.${e.table}.${e.format}`,
      createdBy: creatorKey(principal),
      params: { ...params, scopeUnitId: principal.scopeUnitId },
    },
    async (ctx): Promise<ExportJobResult> => {
      const { mkdir, rename, stat } = await import("node:fs/promises");
      const { createWriteStream } = await import("node:fs");
      const { join } = await import("node:path");
      await mkdir(dir, { recursive: true });
      await sweep(dir);
      const path = join(dir, `${ctx.id}.${e.format}`);
      const part = `${path}.part`;
      // A few chunks of room: formatting goes on while the disk writes (bounded all the same).
      const out = createWriteStream(part, { highWaterMark: BUFFER_BYTES });
      const total = Math.max(1, e.total);
      // The last few percent are the zip's finish: stop short of 1 until the file is complete.
      const result = await write(e, out, (rows) => ctx.progress(Math.min(0.99, rows / total)));
      await rename(part, path);
      const { size } = await stat(path);
      return {
        rows: result.rows,
        sheets: result.sheets,
        bytes: size,
        fileName: e.fileNameZh,
        contentType: contentType(e),
        downloadUrl: `/api/v1/exports/files/${ctx.id}`,
        expiresAt: new Date(Date.now() + EXPORT_FILE_TTL_MS).toISOString(),
      };
    },
  );
  return { jobId, status: "running", statusUrl: `/api/v1/jobs/${jobId}` };
}
