import { createRoute, z } from "@hono/zod-openapi";
import { creatorKey } from "../../access/principal.ts";
import { Conflict, NotFound } from "../../errors.ts";
import { problems, type Router } from "../../http/router.ts";
import { getJob } from "../../jobs/queries.ts";
import { authorize } from "../../middleware/authorize.ts";
import { auditExport } from "../access.ts";
import { disposition, exportDir } from "../deliver.ts";
import { ExportJobResult, FileParams } from "../schema.ts";

const route = createRoute({
  method: "get",
  path: "/exports/files/{jobId}",
  tags: ["exports"],
  summary: "The file a background export job wrote (its creator only, for 24 hours)",
  description:
    "404 for a job you did not start, one that is not an export, or a file that has expired; 409 while the job is still running or when it failed.",
  middleware: [authorize("exports.read")] as const,
  request: { params: FileParams },
  responses: {
    200: {
      description: "The file",
      content: { "application/octet-stream": { schema: z.string().openapi({ format: "binary" }) } },
    },
    ...problems(401, 403, 404, 409, 422),
  },
});

export function registerExportFiles(app: Router) {
  app.openapi(route, async (c) => {
    const { jobId } = c.req.valid("param");
    const principal = c.get("principal")!;
    const job = await getJob(c.get("deps").store.db, jobId);
    if (!job?.kind.startsWith("exports.") || job.createdBy !== creatorKey(principal)) {
      throw new NotFound(`没有编号为 ${jobId} 的导出文件`);
    }
    if (job.status !== "done") {
      throw new Conflict(
        job.status === "failed"
          ? `导出 ${jobId} 失败：${job.error ?? "原因不明"}`
          : `导出 ${jobId} 尚未完成，请通过 GET /api/v1/jobs/${jobId} 查看进度`,
      );
    }
    const result = ExportJobResult.parse(job.result);
    const ext = result.fileName.endsWith(".xlsx") ? "xlsx" : "csv";
    const { join } = await import("node:path");
    const { stat } = await import("node:fs/promises");
    const { createReadStream } = await import("node:fs");
    const { Readable } = await import("node:stream");
    const path = join(await exportDir(c), `${job.id}.${ext}`);
    const size = await stat(path).then(
      (s) => s.size,
      () => null,
    );
    if (size === null) throw new NotFound(`导出文件 ${jobId} 已过期`);
    await auditExport(c, 200, `exports/files: ${job.kind} ${jobId}`, {
      rows: result.rows,
      bytes: size,
    });
    const asciiName = `${job.kind.replace(/^exports\./, "").replace(/\.(csv|xlsx)$/, "")}-${jobId.slice(0, 8)}.${ext}`;
    const body = Readable.toWeb(createReadStream(path)) as unknown as ReadableStream;
    return c.body(body, 200, {
      "content-type": result.contentType,
      "content-length": String(size),
      "content-disposition": disposition(asciiName, result.fileName),
      "cache-control": "no-store",
    }) as never;
  });
}
