import type { Kysely } from "kysely";
import type { DB } from "../db/database.ts";
import { DomainError } from "../errors.ts";
import type { Logger } from "../logger.ts";
import { failJob, failUnfinishedJobs, finishJob, insertJob, setJobProgress } from "./queries.ts";

/** Progress is written at most this often: a million-row import must not write a million rows. */
export const PROGRESS_INTERVAL_MS = 500;

export interface JobSpec {
  kind: string;
  /** Who may read the job: `user:12` or `api_key:3` (see routes/jobs). */
  createdBy: string;
  /** Stored with the job (JSON): what it was asked to do and the creator's scope. */
  params: Record<string, unknown>;
}

export interface JobContext {
  id: string;
  /** Reports the fraction done (0–1). Cheap to call often; writes are throttled. */
  progress(fraction: number): void;
}

/**
 * The background jobs of one process: starts them and knows which are still running (graceful
 * shutdown and tests wait for them). Built by the entries (`AppDeps.jobs`), never a module global.
 */
export interface JobRunner {
  /**
   * Starts `work` in the background of this process as a job row (status `running`) and returns
   * the job's id at once. Progress reports are throttled to one write per 500 ms; at the end the
   * row becomes `done` with `work`'s result (progress 1) or `failed` with an error message. A
   * domain error's message is shown as is; anything else is logged and shown generically.
   * Jobs live in this process: a crash leaves them `running` until `recoverJobs` runs at start-up.
   */
  start(
    db: Kysely<DB>,
    spec: JobSpec,
    work: (ctx: JobContext) => Promise<unknown>,
  ): Promise<string>;
  /** Resolves when every job this runner started has finished (tests, graceful shutdown). */
  settled(): Promise<void>;
}

/** A job runner; `logger` hears of unexpected failures and failed progress writes. */
export function createJobRunner(logger?: Logger): JobRunner {
  const running = new Set<Promise<void>>();
  return {
    async start(db, spec, work) {
      const task = await launch(db, spec, work, logger);
      running.add(task.done);
      void task.done.finally(() => running.delete(task.done));
      return task.id;
    },
    async settled() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}

async function launch(
  db: Kysely<DB>,
  spec: JobSpec,
  work: (ctx: JobContext) => Promise<unknown>,
  logger?: Logger,
): Promise<{ id: string; done: Promise<void> }> {
  const id = crypto.randomUUID();
  await insertJob(db, { id, kind: spec.kind, createdBy: spec.createdBy, params: spec.params });
  let lastWrite = 0;
  let latest = 0;
  let writing: Promise<void> = Promise.resolve();
  const write = (p: number) => {
    writing = writing
      .then(() => setJobProgress(db, id, p))
      .catch((err) => logger?.warn({ err, jobId: id }, "job progress write failed"));
  };
  const ctx: JobContext = {
    id,
    progress(fraction) {
      latest = Math.min(1, Math.max(0, fraction));
      const now = Date.now();
      if (now - lastWrite < PROGRESS_INTERVAL_MS) return;
      lastWrite = now;
      write(latest);
    },
  };
  const done = (async () => {
    // Let the caller answer (202 with the id) before the work takes the event loop.
    await new Promise((resolve) => setImmediate(resolve));
    try {
      const result = await work(ctx);
      await writing;
      await finishJob(db, id, result);
    } catch (err) {
      await writing;
      const known = err instanceof DomainError;
      if (!known) logger?.error({ err, jobId: id, kind: spec.kind }, "job failed");
      const message = known ? err.message : "任务出现意外错误，已记入日志";
      await failJob(db, id, message).catch((e) =>
        logger?.error({ err: e, jobId: id }, "could not record a job's failure"),
      );
    }
  })();
  return { id, done };
}

/**
 * The error of a job a restart cut off. People read the Chinese; clients (the import CLI) look
 * for the word "interrupted".
 */
export const INTERRUPTED = "任务因服务重启而中断，请重新提交（interrupted by restart）";

/**
 * The job parameter naming a directory of working files that only the job uses (a spooled
 * upload): the job removes it when it ends, start-up when a restart cut the job off.
 */
export const SPOOL_PARAM = "spool";

/** The name prefix of such a directory (start-up removes nothing else). */
export const SPOOL_PREFIX = "scorecard-import-";

/**
 * Start-up repair: jobs left `queued` or `running` by a crash or restart will never finish, so
 * they are marked failed ({@link INTERRUPTED}) rather than shown as running forever. Returns how
 * many, and the working directories ({@link SPOOL_PARAM}) they leave behind, for the caller to
 * remove (this module also runs on Workers, where there are no files). Call once before
 * serving. One instance per database is assumed: with several app instances on one
 * PostgreSQL, a restarting instance would also fail its siblings' live jobs.
 */
export async function recoverJobs(db: Kysely<DB>): Promise<{ failed: number; spools: string[] }> {
  const jobs = await failUnfinishedJobs(db, INTERRUPTED);
  const spools: string[] = [];
  for (const job of jobs) {
    const spool = (job.params as Record<string, unknown> | null)?.[SPOOL_PARAM];
    if (typeof spool === "string") spools.push(spool);
  }
  return { failed: jobs.length, spools };
}
