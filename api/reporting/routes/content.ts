import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { formatPeriod } from "../../../shapes/periods.ts";
import type { AppEnv } from "../../env.ts";
import { Conflict, NotFound } from "../../errors.ts";
import { disposition } from "../../exports/deliver.ts";
import { jsonResponse, problems, type Router } from "../../http/router.ts";
import { authorize } from "../../middleware/authorize.ts";
import { reportInScope } from "../access.ts";
import { type ReportRow, reportContent, reportSnapshot } from "../queries/reports.ts";
import { ReportParams, ReportSnapshotBody } from "../schema.ts";

const EDITION_ZH = { leadership: "领导版", assessor: "评估版" } as const;

function contentRoute(kind: "html" | "pdf") {
  return createRoute({
    method: "get",
    path: `/reports/{id}/${kind}`,
    tags: ["reports"],
    summary:
      kind === "pdf"
        ? "The report as PDF (A4, Chinese text embedded and extractable)"
        : "The report as one self-contained HTML page (inline CSS and SVG charts, no script)",
    description:
      "409 while the report is queued or running, or when it failed. A published version is served as stored, byte for byte, whatever data arrived since.",
    middleware: [authorize("reports.read")] as const,
    request: { params: ReportParams },
    responses: {
      200: {
        description: kind === "pdf" ? "The PDF" : "The HTML",
        content:
          kind === "pdf"
            ? { "application/pdf": { schema: z.string().openapi({ format: "binary" }) } }
            : { "text/html": { schema: z.string() } },
      },
      ...problems(401, 403, 404, 409, 422),
    },
  });
}

function requireDone(row: ReportRow) {
  if (row.status === "done") return;
  throw new Conflict(
    row.status === "failed"
      ? `报告 ${row.id} 生成失败：${row.error ?? "原因不明"}`
      : `报告 ${row.id} 尚未生成完成（${row.status}），请通过 GET /api/v1/reports/${row.id} 查看进度`,
  );
}

/** Published bytes never change: cacheable for good, with their hash as the ETag. */
function cacheHeaders(c: Context<AppEnv>, row: ReportRow) {
  if (row.publishedAt !== null && row.pdfSha256) {
    c.header("cache-control", "private, max-age=31536000, immutable");
  } else {
    c.header("cache-control", "no-store");
  }
}

function fileName(row: ReportRow, ext: string) {
  const v = row.version === null ? "draft" : `v${row.version}`;
  const ascii = `report-${row.orgUnitCode}-${formatPeriod(row)}-${row.edition}-${v}.${ext}`;
  const zh = `${row.orgUnitName}${row.year}年第${row.quarter}季度评估报告（${EDITION_ZH[row.edition]}）${row.version === null ? "草稿" : `第${row.version}版`}.${ext}`;
  return { ascii, zh };
}

const snapshotRoute = createRoute({
  method: "get",
  path: "/reports/{id}/snapshot",
  tags: ["reports"],
  summary: "The inputs a report was rendered from: its ReportModel and input snapshot",
  description:
    "Scheme version, data as of each source, data versions and SHA-256 hashes, plus the ReportModel JSON: rendering that model again gives the same HTML.",
  middleware: [authorize("reports.read")] as const,
  request: { params: ReportParams },
  responses: {
    200: jsonResponse(ReportSnapshotBody, "The snapshot"),
    ...problems(401, 403, 404, 409, 422),
  },
});

export function registerReportContent(app: Router) {
  app.openapi(contentRoute("html"), async (c) => {
    const row = await reportInScope(c, c.req.valid("param").id);
    requireDone(row);
    const html = await reportContent(c.get("deps").store.db, row.id, "html");
    if (typeof html !== "string") throw new NotFound(`报告 ${row.id} 没有网页版`);
    cacheHeaders(c, row);
    // The page is static: no script may run in it; only the app's own font files are fetched.
    c.header(
      "content-security-policy",
      "default-src 'none'; style-src 'self' 'unsafe-inline'; font-src 'self'; img-src data:",
    );
    return c.body(html, 200, { "content-type": "text/html; charset=utf-8" }) as never;
  });

  app.openapi(contentRoute("pdf"), async (c) => {
    const row = await reportInScope(c, c.req.valid("param").id);
    requireDone(row);
    const pdf = await reportContent(c.get("deps").store.db, row.id, "pdf");
    if (!(pdf instanceof Uint8Array)) throw new NotFound(`报告 ${row.id} 没有 PDF 文件`);
    cacheHeaders(c, row);
    const name = fileName(row, "pdf");
    if (row.pdfSha256) c.header("etag", `"${row.pdfSha256}"`);
    return c.body(pdf as Uint8Array<ArrayBuffer>, 200, {
      "content-type": "application/pdf",
      "content-length": String(pdf.byteLength),
      "content-disposition": disposition(name.ascii, name.zh),
    }) as never;
  });

  app.openapi(snapshotRoute, async (c) => {
    const row = await reportInScope(c, c.req.valid("param").id);
    requireDone(row);
    const snap = await reportSnapshot(c.get("deps").store.db, row.id);
    cacheHeaders(c, row);
    return c.json(
      { id: row.id, snapshot: snap?.snapshot ?? null, model: snap?.model ?? null },
      200,
    );
  });
}
