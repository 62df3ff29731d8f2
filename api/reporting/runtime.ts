/**
 * The report machinery of a process, built by the entry (api/node.ts; tests through test/deps.ts)
 * and passed to the app as `AppDeps.reports`: the report queue (created and started on first use
 * by the routes, or at start-up together with the schedule) and the browser pool reports print
 * with (launched on the first print). On Cloudflare Workers there is none (no browser there):
 * reports stay queued in the database for a Node process sharing it.
 */
import type { BrowserPool, BrowserPoolOptions } from "../../reports/pdf/browser-pool.ts";
import type { Config } from "../config.ts";
import type { Store } from "../db/client.ts";
import type { IndicatorEngine } from "../indicators/engine.ts";
import { type ReportScheduleHandle, startReportSchedule } from "../jobs/report-schedule.ts";
import type { Logger } from "../logger.ts";
import { generateReport, loadBrowserPool } from "./generate.ts";
import {
  type ClaimedReport,
  type FinishedReport,
  requeueInterruptedReports,
} from "./queries/queue.ts";
import { defaultBackoff, ReportQueue, type ReportQueueOptions } from "./queue.ts";

/** True inside Cloudflare's workerd (its documented user agent). */
export function isWorkerRuntime(): boolean {
  return typeof navigator !== "undefined" && navigator.userAgent === "Cloudflare-Workers";
}

/** Lease of a running report: a process silent this long is presumed dead. */
export const REPORT_LEASE_MS = 2 * 60_000;

export interface ReportRuntime {
  /**
   * The queue, created and started on first call (later `overrides` are ignored). Tests pass
   * short backoffs or a failing `generate` through `overrides`.
   */
  queue(overrides?: Partial<ReportQueueOptions>): ReportQueue;
  /** Generates a claimed report with this runtime's engine and browser (the queue's default). */
  generate(claimed: ClaimedReport, onProgress: (fraction: number) => void): Promise<FinishedReport>;
  /** The browser pool, created on first call (Chromium itself starts on the first print). */
  printer(): Promise<BrowserPool>;
  /** Stops the queue (waiting for running reports) and closes the browser. Safe to repeat. */
  stop(): Promise<void>;
}

/** The report queue and printer of one store (`engine.db`). */
export function createReportRuntime(deps: {
  engine: IndicatorEngine;
  config: Config;
  logger?: Logger | undefined;
}): ReportRuntime {
  const { engine, config, logger } = deps;
  const poolOptions: BrowserPoolOptions = {
    executablePath: config.CHROMIUM_PATH,
    fallback: config.CHROMIUM_FALLBACK === "on",
    maxPages: config.REPORT_PAGES,
    onLaunch: (chromium, version) =>
      logger?.info(
        { chromium: chromium.executablePath, source: chromium.source, version },
        "report printer started",
      ),
  };
  let pool: Promise<BrowserPool> | null = null;
  let queue: ReportQueue | null = null;
  const printer = () => {
    pool ??= loadBrowserPool().then(({ BrowserPool }) => new BrowserPool(poolOptions));
    return pool;
  };
  const generate = (claimed: ClaimedReport, onProgress: (fraction: number) => void) =>
    generateReport(engine, claimed, { printer, onProgress });
  return {
    queue(overrides = {}) {
      if (!queue) {
        queue = new ReportQueue(engine.db, {
          concurrency: config.REPORT_PAGES,
          leaseMs: REPORT_LEASE_MS,
          pollMs: 5_000,
          backoffMs: defaultBackoff,
          logger,
          generate,
          ...overrides,
        });
        queue.start();
      }
      return queue;
    },
    generate,
    printer,
    async stop() {
      const [q, p] = [queue, pool];
      queue = pool = null;
      await q?.stop();
      await (await p)?.close();
    },
  };
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
  reports: ReportRuntime;
}): Promise<{ stop(): Promise<void>; schedule: ReportScheduleHandle | null }> {
  const requeued = await requeueInterruptedReports(deps.store.db);
  if (requeued > 0) deps.logger.warn({ reports: requeued }, "reports interrupted by restart");
  const queue = deps.reports.queue();
  let schedule: ReportScheduleHandle | null = null;
  if (deps.config.REPORT_CRON !== "off") {
    schedule = await startReportSchedule({
      db: deps.store.db,
      cron: deps.config.REPORT_CRON,
      timeZone: deps.config.REPORT_TIMEZONE,
      logger: deps.logger,
      onQueued: () => queue.kick(),
    });
  }
  return {
    schedule,
    async stop() {
      await schedule?.stop();
      await deps.reports.stop();
    },
  };
}
