/**
 * The 报告计划与任务 page's view model (系统管理): when the report schedule runs and what it
 * drafts, a trial of another cron expression (its next runs, nothing saved), and the report jobs
 * of the administrator's subtree with their state.
 */
import type { Kysely } from "kysely";
import { LEVEL_LABELS } from "../../shapes/labels.ts";
import type { OrgLevel } from "../../shapes/org-levels.ts";
import { formatPeriod } from "../../shapes/periods.ts";
import type { ReportsView, SetupBase } from "../../web/pages/admin-setup-model.ts";
import type { Principal } from "../access/principal.ts";
import type { Config } from "../config.ts";
import type { DB } from "../db/database.ts";
import { cronProblem, nextRuns } from "../jobs/cron.ts";
import { SCHEDULED_EDITIONS } from "../jobs/report-schedule.ts";
import { countReportJobs, listReportJobs } from "./queries/jobs.ts";

/** The page's path; `?cron=` tries an expression. */
export const REPORTS_PAGE = "/admin/reports";
/** Report jobs listed at most. */
export const JOB_LIMIT = 100;

const EDITIONS = { leadership: "领导版", assessor: "评估版" } as const;
const STATUS = { queued: "排队中", running: "生成中", done: "已完成", failed: "失败" } as const;

/** The next `n` runs of `cron` after `now`, or why there are none (Chinese). */
export function cronTrial(
  cron: string,
  now: Date,
  timeZone: string,
  n = 5,
): { problem: string | null; nextRuns: string[] } {
  if (cronProblem(cron) !== null) {
    return {
      problem: "不是有效的 cron 表达式：须为五段（分 时 日 月 周），例如 0 2 5 1,4,7,10 *",
      nextRuns: [],
    };
  }
  const runs = nextRuns(cron, now, n, timeZone).map((d) => d.toISOString());
  return { problem: runs.length === 0 ? "该表达式永远不会触发" : null, nextRuns: runs };
}

export async function buildReportsPage(
  db: Kysely<DB>,
  principal: Principal,
  base: SetupBase,
  config: Pick<Config, "REPORT_CRON" | "REPORT_TIMEZONE">,
  trialCron: string | undefined,
  now: Date,
): Promise<ReportsView> {
  const off = config.REPORT_CRON === "off";
  const [rows, counts] = await Promise.all([
    listReportJobs(db, principal.scopeUnitId, JOB_LIMIT),
    countReportJobs(db, principal.scopeUnitId),
  ]);
  const trial = trialCron?.trim();
  return {
    ...base,
    schedule: {
      cron: config.REPORT_CRON,
      off,
      timeZone: config.REPORT_TIMEZONE,
      nextRuns: off
        ? []
        : nextRuns(config.REPORT_CRON, now, 3, config.REPORT_TIMEZONE).map((d) => d.toISOString()),
      drafts: Object.entries(SCHEDULED_EDITIONS).map(
        ([level, editions]) =>
          `每个${LEVEL_LABELS[level as OrgLevel] ?? level}：${editions.map((e) => EDITIONS[e]).join("、")}`,
      ),
    },
    trial: trial ? { cron: trial, ...cronTrial(trial, now, config.REPORT_TIMEZONE) } : null,
    counts,
    jobs: rows.map((r) => ({
      id: r.id,
      unitName: r.orgUnitName,
      unitCode: r.orgUnitCode,
      period: formatPeriod(r),
      editionLabel: EDITIONS[r.edition],
      status: r.status,
      statusLabel: STATUS[r.status],
      progress: r.progress,
      attempts: r.attempts,
      maxAttempts: r.maxAttempts,
      error: r.error,
      createdBy: r.createdBy === "schedule" ? "定时计划" : (r.createdBy ?? "—"),
      createdAt: r.createdAt.toISOString(),
      finishedAt: r.finishedAt?.toISOString() ?? null,
      published: r.version !== null ? `已发布第 ${r.version} 版` : null,
      htmlHref: r.status === "done" ? `/api/v1/reports/${r.id}/html` : null,
    })),
  };
}
