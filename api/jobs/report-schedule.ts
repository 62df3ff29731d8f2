/**
 * The report schedule (issue 9): after each quarter ends, drafts of the previous quarter's reports
 * for every district (leadership and assessor editions) and every street (leadership edition).
 * A plain function over the database, so croner (api/node.ts, via `startReportSchedule`) and
 * the Worker's `scheduled()` handler (cron trigger in wrangler.toml) call the very same job. It
 * only queues the drafts (idempotently: one schedule key per quarter, unit and edition, so a cron
 * firing twice or on two runtimes makes no duplicates); a Node process's report queue renders them.
 */

import { Cron } from "croner";
import type { Kysely } from "kysely";
import { formatPeriod, quarterOf, shiftQuarter } from "../../shapes/periods.ts";
import type { DB } from "../db/database.ts";
import type { ReportEdition } from "../db/tables/report.ts";
import type { Logger } from "../logger.ts";
import { insertReport, scheduledReportUnits } from "../reporting/queries/reports.ts";
import { DEFAULT_SCHEME_ID } from "../schemes/definition.ts";
import { cronOptions } from "./cron.ts";

/** Which editions the schedule drafts for a unit of each level. */
export const SCHEDULED_EDITIONS: Readonly<Record<string, readonly ReportEdition[]>> = {
  district: ["leadership", "assessor"],
  street: ["leadership"],
};

export interface ScheduleOutcome {
  period: string;
  /** Drafts queued by this run. */
  queued: number;
  /** Drafts an earlier run of the same quarter had already queued. */
  existing: number;
}

/**
 * Queues the drafts for the quarter before `now` (in Asia/Shanghai): the quarter that has just
 * ended when the job runs on the 5th of a quarter's first month.
 */
export async function enqueueScheduledReports(
  db: Kysely<DB>,
  now: Date,
  schemeId = DEFAULT_SCHEME_ID,
): Promise<ScheduleOutcome> {
  const q = shiftQuarter(quarterOf(now), -1);
  const period = formatPeriod(q);
  let queued = 0;
  let existing = 0;
  for (const unit of await scheduledReportUnits(db)) {
    for (const edition of SCHEDULED_EDITIONS[unit.level] ?? []) {
      const inserted = await insertReport(db, {
        id: crypto.randomUUID(),
        orgUnitId: unit.id,
        year: q.year,
        quarter: q.quarter,
        edition,
        schemeId,
        scopeUnitId: null,
        createdBy: "schedule",
        scheduleKey: `schedule:${period}:${unit.id}:${edition}`,
      });
      if (inserted) queued += 1;
      else existing += 1;
    }
  }
  return { period, queued, existing };
}

/**
 * The scheduled job with retries: up to `attempts` tries, waiting `backoffMs(k)` after try k; every
 * failure is logged and the last one is thrown (the caller logs it as the run's failure), so a
 * failed run is never silent.
 */
export async function runReportSchedule(
  db: Kysely<DB>,
  opts: {
    now: Date;
    logger?: Logger | undefined;
    attempts?: number;
    backoffMs?: (attempt: number) => number;
  },
): Promise<ScheduleOutcome> {
  const attempts = opts.attempts ?? 3;
  const backoff = opts.backoffMs ?? ((k: number) => 5_000 * 4 ** (k - 1));
  for (let k = 1; ; k++) {
    try {
      const outcome = await enqueueScheduledReports(db, opts.now);
      opts.logger?.info({ ...outcome, attempt: k }, "scheduled report drafts queued");
      return outcome;
    } catch (err) {
      if (k >= attempts) {
        opts.logger?.error({ err, attempts: k }, "scheduled report run failed");
        throw err;
      }
      opts.logger?.warn({ err, attempt: k }, "scheduled report run failed; retrying");
      await new Promise((r) => setTimeout(r, backoff(k)));
    }
  }
}

/** A running schedule: its next run and a way to stop it. */
export interface ReportScheduleHandle {
  nextRun(): Date | null;
  stop(): Promise<void>;
}

/**
 * Starts the schedule with croner in this process (Node; the Worker's cron trigger calls
 * `runReportSchedule` itself). A run still going when the next one is due makes that one wait its
 * turn out (croner's `protect`). `onQueued` is told after each successful run (the queue is kicked
 * there).
 */
export async function startReportSchedule(opts: {
  db: Kysely<DB>;
  cron: string;
  timeZone: string;
  logger?: Logger | undefined;
  onQueued?: (outcome: ScheduleOutcome) => void;
}): Promise<ReportScheduleHandle> {
  const job = new Cron(
    opts.cron,
    { ...cronOptions(opts.timeZone), protect: true, unref: true },
    async (self: Cron) => {
      try {
        const outcome = await runReportSchedule(opts.db, {
          now: self.currentRun() ?? new Date(),
          logger: opts.logger,
        });
        opts.onQueued?.(outcome);
      } catch {
        // Logged by runReportSchedule; the next quarter's run is unaffected.
      }
    },
  );
  opts.logger?.info(
    { cron: opts.cron, timeZone: opts.timeZone, next: job.nextRun() },
    "report schedule started",
  );
  return {
    nextRun: () => job.nextRun(),
    stop: async () => job.stop(),
  };
}
