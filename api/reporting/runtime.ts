/**
 * Wiring of the report machinery into a process: one report queue per store (created on first
 * use by the routes, or at start-up by api/node.ts together with the schedule). On Cloudflare
 * Workers nothing is generated (no browser there): reports stay queued in the database for a
 * Node process sharing it.
 */
import type { Kysely } from "kysely";
import type { BrowserPoolOptions } from "../../reports/pdf/browser-pool.ts";
import type { Config } from "../config.ts";
import type { Store } from "../db/client.ts";
import type { DB } from "../db/database.ts";
import { type ReportScheduleHandle, startReportSchedule } from "../jobs/report-schedule.ts";
import type { Logger } from "../logger.ts";
import { generateReport, loadPrinter } from "./generate.ts";
import { requeueInterruptedReports } from "./queries/queue.ts";
import { defaultBackoff, ReportQueue, type ReportQueueOptions } from "./queue.ts";

/** True inside Cloudflare's workerd (its documented user agent). */
export function isWorkerRuntime(): boolean {
  return typeof navigator !== "undefined" && navigator.userAgent === "Cloudflare-Workers";
}

const queues = new WeakMap<Kysely<DB>, ReportQueue>();

/** Lease of a running report: a process silent this long is presumed dead. */
export const REPORT_LEASE_MS = 2 * 60_000;

/**
 * The store's report queue, created and started on first call (later `overrides` are ignored);
 * `null` on Workers. Tests pass short backoffs through `overrides`.
 */
export function reportQueueFor(
  deps: { store: Store; config: Config; logger?: Logger | undefined },
  overrides: Partial<ReportQueueOptions> = {},
): ReportQueue | null {
  if (isWorkerRuntime()) return null;
  const db = deps.store.db;
  let queue = queues.get(db);
  if (!queue) {
    const log = deps.logger;
    const pool: BrowserPoolOptions = {
      executablePath: deps.config.CHROMIUM_PATH,
      fallback: deps.config.CHROMIUM_FALLBACK === "on",
      maxPages: deps.config.REPORT_PAGES,
      onLaunch: (chromium, version) =>
        log?.info(
          { chromium: chromium.executablePath, source: chromium.source, version },
          "report printer started",
        ),
    };
    queue = new ReportQueue(db, {
      concurrency: deps.config.REPORT_PAGES,
      leaseMs: REPORT_LEASE_MS,
      pollMs: 5_000,
      backoffMs: defaultBackoff,
      logger: deps.logger,
      generate: (claimed, onProgress) => generateReport(db, claimed, { pool, onProgress }),
      ...overrides,
    });
    queues.set(db, queue);
    queue.start();
  }
  return queue;
}

/**
 * Node start-up: reports left running by the previous process go back to the queue, the queue
 * starts, and unless REPORT_CRON is "off" the schedule starts. Returns a stop function for
 * shutdown (stops the schedule, waits for running reports, closes the browser).
 */
export async function startReports(deps: {
  store: Store;
  config: Config;
  logger: Logger;
}): Promise<{ stop(): Promise<void>; schedule: ReportScheduleHandle | null }> {
  const requeued = await requeueInterruptedReports(deps.store.db);
  if (requeued > 0) deps.logger.warn({ reports: requeued }, "reports interrupted by restart");
  const queue = reportQueueFor(deps);
  let schedule: ReportScheduleHandle | null = null;
  if (deps.config.REPORT_CRON !== "off") {
    schedule = await startReportSchedule({
      db: deps.store.db,
      cron: deps.config.REPORT_CRON,
      timeZone: deps.config.REPORT_TIMEZONE,
      logger: deps.logger,
      onQueued: () => queue?.kick(),
    });
  }
  return {
    schedule,
    async stop() {
      await schedule?.stop();
      await queue?.stop();
      const { closeSharedPool } = await loadPrinter();
      await closeSharedPool();
    },
  };
}
