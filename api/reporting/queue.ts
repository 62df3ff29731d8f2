/**
 * The report queue of a Node process: takes queued reports from the database (several processes
 * may share one database: rows are claimed with `for update skip locked`), generates up to
 * `concurrency` at a time through the one shared browser, renews each running report's lease,
 * and on failure retries with backoff until the attempts are used up, then records the reason
 * (status `failed`) and logs it; a domain error (bad input) or a print error that no browser can
 * mend (none starts) fails at once. A report whose process died keeps its lease only `leaseMs`;
 * after that any queue takes it over, so a restart never leaves a report running forever.
 */
import type { Kysely } from "kysely";
import { PrintError } from "../../reports/pdf/print-error.ts";
import type { DB } from "../db/database.ts";
import { DomainError } from "../errors.ts";
import type { Logger } from "../logger.ts";
import {
  type ClaimedReport,
  claimReport,
  type FinishedReport,
  failAbandonedReports,
  failReport,
  finishReport,
  pendingReports,
  retryReport,
  setReportProgress,
} from "./queries/queue.ts";

export interface ReportQueueOptions {
  /** Reports generated at once (the browser pool's page bound is the real limit). */
  concurrency: number;
  /** A running report not heard from for this long is taken over. */
  leaseMs: number;
  /** How often an idle queue looks for due reports (retries, other processes' inserts). */
  pollMs: number;
  /** Delay before attempt `attempt + 1` after attempt `attempt` failed. */
  backoffMs: (attempt: number) => number;
  logger?: Logger | undefined;
  generate: (
    claimed: ClaimedReport,
    onProgress: (fraction: number) => void,
  ) => Promise<FinishedReport>;
}

/** Default backoff: 30 s, 2 min, 8 min… */
export const defaultBackoff = (attempt: number) => 30_000 * 4 ** Math.max(0, attempt - 1);

/**
/**
 * The reason a failure is recorded with (people read it on the report's status): a domain
 * error's or a print error's message as it is (written for the report panel), else a Chinese
 * lead and the error's class and first line (for the operator, who finds the rest in the log).
 */
export function failureReason(err: unknown): string {
  if (err instanceof DomainError || err instanceof PrintError) return err.message;
  const what =
    err instanceof Error ? `${err.name}: ${err.message.split("\n")[0] ?? ""}` : String(err);
  return `报告生成出错（${what.slice(0, 400)}）`;
}

/**
 * A domain error means the request itself cannot make a report (an unknown scheme, a unit no
 * longer in scope), and a permanent print error that no browser starts at all: trying again
 * later would fail the same way, so either fails at once.
 */
const isPermanent = (err: unknown) =>
  err instanceof DomainError || (err instanceof PrintError && err.permanent);

export class ReportQueue {
  private readonly running = new Set<Promise<void>>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private filling: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly opts: ReportQueueOptions,
  ) {}

  /** Starts polling (idempotent; also resumes a stopped queue). */
  start(): this {
    this.stopped = false;
    if (!this.timer) this.schedulePoll();
    this.kick();
    return this;
  }

  private schedulePoll() {
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.stopped) return;
      this.kick();
      this.schedulePoll();
    }, this.opts.pollMs);
    this.timer.unref?.();
  }

  /** Looks for work now (after an insert, a finished report, a poll). */
  kick(): void {
    if (this.stopped) return;
    if (this.filling) {
      this.again = true;
      return;
    }
    this.filling = this.fill()
      .catch((err) => this.opts.logger?.error({ err }, "report queue: claiming failed"))
      .finally(() => {
        this.filling = null;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  private async fill(): Promise<void> {
    const now = new Date();
    const abandoned = await failAbandonedReports(this.db, now, this.opts.leaseMs);
    if (abandoned > 0) {
      this.opts.logger?.error({ reports: abandoned }, "reports failed: interrupted too often");
    }
    while (!this.stopped && this.running.size < this.opts.concurrency) {
      const claimed = await claimReport(this.db, new Date(), this.opts.leaseMs);
      if (!claimed) return;
      this.run(claimed);
    }
  }

  private run(c: ClaimedReport): void {
    const log = this.opts.logger;
    let latest = 0;
    // The lease is renewed (with the latest progress) at a quarter of its length.
    const beat = setInterval(
      () => {
        void setReportProgress(this.db, c.id, latest).catch((err) =>
          log?.warn({ err, reportId: c.id }, "report heartbeat failed"),
        );
      },
      Math.max(50, this.opts.leaseMs / 4),
    );
    beat.unref?.();
    let lastWrite = 0;
    const onProgress = (f: number) => {
      latest = Math.min(1, Math.max(latest, f));
      if (Date.now() - lastWrite < 300) return;
      lastWrite = Date.now();
      void setReportProgress(this.db, c.id, latest).catch(() => {});
    };
    const task = (async () => {
      try {
        const out = await this.opts.generate(c, onProgress);
        clearInterval(beat);
        await finishReport(this.db, c.id, out);
        log?.info({ reportId: c.id, pages: out.pages, attempt: c.attempts }, "report generated");
      } catch (err) {
        clearInterval(beat);
        const reason = failureReason(err);
        if (isPermanent(err)) {
          log?.warn({ reportId: c.id, reason }, "report failed: its input cannot make a report");
          await failReport(this.db, c.id, reason);
        } else if (c.attempts < c.maxAttempts) {
          const wait = this.opts.backoffMs(c.attempts);
          log?.warn(
            { err, reportId: c.id, attempt: c.attempts, retryInMs: wait },
            "report attempt failed; will retry",
          );
          await retryReport(this.db, c.id, reason, new Date(Date.now() + wait));
          // Look again when the retry is due rather than at the next poll.
          setTimeout(() => this.kick(), wait + 5).unref?.();
        } else {
          log?.error({ err, reportId: c.id, attempts: c.attempts }, "report failed");
          await failReport(this.db, c.id, `${reason}（共尝试 ${c.attempts} 次）`);
        }
      }
    })()
      .catch((err) => log?.error({ err, reportId: c.id }, "could not record a report's outcome"))
      .finally(() => {
        this.running.delete(task);
        this.kick();
      });
    this.running.add(task);
  }

  /** Reports being generated by this queue now. */
  get active(): number {
    return this.running.size;
  }

  /**
   * Resolves when nothing is running here and nothing queued is due (tests, benchmarks,
   * shutdown). Reports waiting for a later retry do not count.
   */
  async settled(): Promise<void> {
    for (;;) {
      if (this.filling) await this.filling;
      if (this.running.size > 0) {
        await Promise.allSettled([...this.running]);
        continue;
      }
      const { due } = await pendingReports(this.db);
      if (due === 0 && this.running.size === 0 && !this.filling) return;
      this.kick();
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Stops taking work and waits for the running reports. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.filling) await this.filling;
    await Promise.allSettled([...this.running]);
  }
}
