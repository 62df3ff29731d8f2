import { createRoute } from "@hono/zod-openapi";
import { creatorKey } from "../../access/principal.ts";
import { jsonResponse, problems, type Router } from "../../http/router.ts";
import { SPOOL_PARAM } from "../../jobs/runner.ts";
import { authorize } from "../../middleware/authorize.ts";
import { CASE_IMPORT_LIMITS, describeLimits } from "../../spreadsheet/limits.ts";
import { MAX_BATCH } from "../ingest.ts";
import { ImportAccepted, ImportSummary } from "../schema.ts";

/** Files with more data rows than this are imported by a background job (202). */
export const MAX_SYNC_ROWS = MAX_BATCH;

const route = createRoute({
  method: "post",
  path: "/cases/import",
  tags: ["cases"],
  summary: "Import cases from a CSV or XLSX file",
  description:
    "Multipart field `file`: CSV (UTF-8 with or without BOM, or GB18030 as Chinese Excel saves it) or XLSX (first sheet). " +
    "Column headers in English (the Case field names) or Chinese (来源, 工单编号, 单位编码, 类型, 渠道, 类别, 上报时间, 响应时间, 办结时间, 办理时限, 一次办结, 投诉, 网上办理, 回访结果); " +
    "enum values in English or Chinese (事件/诉求/服务, 热线/…, 是/否, 满意/基本满意/不满意); XLSX date cells are read as Beijing time. " +
    "Rows are checked like POST /cases/batch; `rejected[].index` is the data row number (1 = the first row below the header). " +
    "Up to 10,000 rows the summary comes back at once (200); larger files are imported by a job (202 with its id, then GET /jobs/{id}). " +
    "A file without a header row, or whose header lacks required columns, is refused whole (422) and nothing is written. " +
    "The file is streamed to disk, never held in memory, and cut off at the size limit (413). " +
    describeLimits(CASE_IMPORT_LIMITS),
  middleware: [authorize("cases.ingest")] as const,
  request: {
    body: {
      required: true,
      content: {
        "multipart/form-data": {
          // A plain schema (not zod): documented, but not parsed into memory by a validator.
          schema: {
            type: "object",
            required: ["file"],
            properties: { file: { type: "string", format: "binary" } },
          },
        },
      },
    },
  },
  responses: {
    200: jsonResponse(ImportSummary, "The file was imported; counts and rejected rows"),
    202: jsonResponse(ImportAccepted, "A large file is being imported; follow GET /jobs/{jobId}"),
    ...problems(400, 401, 403, 413, 415, 422),
  },
});

export function registerCaseImport(app: Router) {
  app.openapi(route, async (c) => {
    // Node-only libraries (busboy, csv-parse, exceljs, iconv-lite) load on first use, so the
    // Worker bundle does not pull them in.
    const { receiveUpload } = await import("../../http/upload.ts");
    const { importCaseFile, inspectCaseFile } = await import("../files/import-file.ts");
    const { store, config, jobs, sheets, engine } = c.get("deps");
    const onChanges = engine.caseChangeListener();
    const principal = c.get("principal")!;
    const upload = await receiveUpload(c.req.raw, config.IMPORT_MAX_MB * 1024 * 1024);
    let handedOver = false;
    try {
      const { format, dataRows } = await inspectCaseFile(upload.path, MAX_SYNC_ROWS + 1, sheets);
      c.set("auditTarget", `cases import: ${upload.fileName ?? "file"} (${format})`);
      if (dataRows <= MAX_SYNC_ROWS) {
        const summary = await importCaseFile(store, principal.scopeUnitId, upload.path, {
          buffers: c.get("deps").buffers.copy,
          sheets,
          onChanges,
        });
        c.set("auditDetail", {
          received: summary.received,
          inserted: summary.inserted,
          updated: summary.updated,
          unchanged: summary.unchanged,
          rejected: summary.rejected.length + summary.rejectedOmitted,
        });
        return c.json(summary, 200);
      }
      const jobId = await jobs.start(
        store.db,
        {
          kind: "cases.import",
          createdBy: creatorKey(principal),
          params: {
            fileName: upload.fileName,
            format,
            bytes: upload.bytes,
            scopeUnitId: principal.scopeUnitId,
            by: principal.name,
            // Removed by the job when it ends, or at the next start when a restart cut it off.
            [SPOOL_PARAM]: upload.dir,
          },
        },
        async (job) => {
          try {
            return await importCaseFile(store, principal.scopeUnitId, upload.path, {
              onProgress: job.progress,
              buffers: c.get("deps").buffers.copy,
              sheets,
              onChanges,
            });
          } finally {
            await upload.remove();
          }
        },
      );
      handedOver = true;
      c.set("auditDetail", { jobId, bytes: upload.bytes });
      c.header("location", `/api/v1/jobs/${jobId}`);
      return c.json({ jobId, status: "running" as const }, 202);
    } finally {
      if (!handedOver) await upload.remove();
    }
  });
}
