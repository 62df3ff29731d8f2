/**
 * The workbench's export page (评估工作台 · 数据导出, issue 21): the assessor workbook's download,
 * the raw-export form (cases, survey responses, returns as CSV with a UTF-8 or GB18030 option, or
 * XLSX) and the signed-in user's background export jobs of the last 24 hours with their progress
 * and files. The page script starts jobs on GET /api/v1/exports/… with `async=1` and polls GET
 * /api/v1/jobs/{id}; this builder lists what is already there.
 */
import type { Kysely } from "kysely";
import { formatBytes, formatInstant, formatNumber } from "../../shapes/format.ts";
import { formatPeriod } from "../../shapes/periods.ts";
import type {
  ExportJobView,
  WorkbenchTab,
  WorkbenchView,
} from "../../web/pages/workbench-model.ts";
import { creatorKey } from "../access/principal.ts";
import type { Resolved } from "../dashboard/context.ts";
import { pagePath } from "../dashboard/nav.ts";
import type { DB } from "../db/database.ts";
import { type JobRow, listJobsOf } from "../jobs/queries.ts";
import { childrenOf } from "../org-tree/tree-index.ts";
import { EXPORT_FILE_TTL_MS } from "./deliver.ts";
import { ExportJobResult } from "./schema.ts";

/** The raw tables (their API path segment) and their Chinese names, as the export routes. */
export const RAW_TABLES = [
  { value: "cases", label: "工单" },
  { value: "survey-responses", label: "问卷答卷" },
  { value: "returns", label: "季度填报" },
] as const;

const STATUS_LABELS: Record<JobRow["status"], string> = {
  queued: "排队中",
  running: "导出中",
  done: "已完成",
  failed: "失败",
};

/** How many jobs the download list shows. */
const LIST_LIMIT = 20;

/** `工单 · CSV（GB18030）· 110101 2026Q2` from a job's kind and parameters. */
export function exportJobLabel(kind: string, params: unknown): string {
  const m = /^exports\.([a-z-]+)\.(csv|xlsx)$/.exec(kind);
  const table = RAW_TABLES.find((t) => t.value === m?.[1])?.label ?? kind;
  const p = (params ?? {}) as { encoding?: string; orgUnit?: string; period?: string };
  const format =
    m?.[2] === "xlsx" ? "XLSX" : `CSV（${p.encoding === "gb18030" ? "GB18030" : "UTF-8"}）`;
  const where = [p.orgUnit, p.period].filter(Boolean).join(" ");
  return where ? `${table} · ${format} · ${where}` : `${table} · ${format}`;
}

/** A job row as the download list shows it; the link only while the file is kept. */
export function exportJobView(job: JobRow, now: Date): ExportJobView {
  const parsed = job.status === "done" ? ExportJobResult.safeParse(job.result) : null;
  const result = parsed?.success ? parsed.data : null;
  const live = result !== null && Date.parse(result.expiresAt) > now.getTime();
  return {
    id: job.id,
    label: exportJobLabel(job.kind, job.params),
    status: job.status,
    statusLabel: result && !live ? "已过期" : STATUS_LABELS[job.status],
    progress: job.progress,
    statusUrl: `/api/v1/jobs/${job.id}`,
    startedText: formatInstant(job.createdAt.toISOString()),
    fileName: result?.fileName ?? null,
    rowsText: result ? `${formatNumber(result.rows, 0)} 行` : null,
    sizeText: result ? formatBytes(result.bytes) : null,
    downloadHref: result && live ? result.downloadUrl : null,
    expiresText: result && live ? formatInstant(result.expiresAt) : null,
    error: job.status === "failed" ? "导出失败，请重新导出；如仍失败请联系管理员。" : null,
  };
}

/** Builds /dashboard/{code}/workbench?period=… for a resolved request. */
export async function buildWorkbench(
  db: Kysely<DB>,
  page: Resolved,
  tabs: WorkbenchTab[],
  now: Date,
): Promise<WorkbenchView> {
  const period = formatPeriod(page.quarter);
  const jobs = await listJobsOf(db, {
    createdBy: creatorKey(page.principal),
    kindPrefix: "exports.",
    since: new Date(now.getTime() - EXPORT_FILE_TTL_MS),
    limit: LIST_LIMIT,
  });
  return {
    ...page.ctx,
    tabs,
    workbook: { action: "/api/v1/exports/assessment.xlsx", period, orgUnit: page.unit.code },
    rawExport: {
      apiBase: "/api/v1/exports/",
      period,
      orgUnit: page.unit.code,
      tables: RAW_TABLES.map((t) => ({ value: t.value, label: t.label })),
    },
    children: childrenOf(page.tree, page.unit.id).map((u) => ({
      name: u.name,
      href: pagePath("workbench", u.code, period, page.choiceQuery),
    })),
    jobs: jobs.map((j) => exportJobView(j, now)),
    keepHours: EXPORT_FILE_TTL_MS / 3_600_000,
  };
}
