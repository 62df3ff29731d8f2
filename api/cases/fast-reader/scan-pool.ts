import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { Logger } from "../../logger.ts";
import { OWN_MODULES, ownModuleUrl } from "../../runtime/own-modules.ts";
import { threadBootCode } from "../../runtime/threads.ts";
import type { ScannedBatch } from "../scanned-batch.ts";
import { scanCaseBatch, scannedBatch } from "./batch-body.ts";
import type { ScanReply, ScanRequest } from "./scan-worker.ts";

/**
 * Reading POST /cases/batch bodies on worker threads (Node).
 *
 * A 10,000-case body takes the scanner (batch-body.ts) some 20 ms of CPU: on the main thread
 * that is 20 ms in which no other request is answered, and the one core it runs on is the
 * whole ingest's limit while PostgreSQL waits for rows. The pool sends each body (read in
 * place when it is in shared memory, else a copy) to a worker thread running the same
 * `scanParts`, and takes back plain parts whose typed arrays are transferred, not copied. The
 * main thread is left with the database work and the HTTP, and reads the next request
 * meanwhile.
 *
 * It never changes an answer, only where the work runs: bodies under INLINE_BELOW, bodies that
 * arrive while no thread is ready (starting, or failed), and the body of a thread that fails
 * mid-read are read on the main thread by the same code. A failed thread is started again on
 * later demand, at most once per RESTART_MS.
 */
export interface BatchScanner {
  scan(body: Uint8Array, nowMs: number): Promise<ScannedBatch | null>;
  /** True once a thread is ready; false when every thread failed to start. */
  ready(): Promise<boolean>;
  /** Bodies read so far on threads and inline. */
  counts(): { threaded: number; inline: number };
  close(): Promise<void>;
}

/** Bodies smaller than this (about 700 cases) are read where they arrive. */
export const INLINE_BELOW = 256 * 1024;
const RESTART_MS = 10_000;

/** The default thread count: the cores but one, 1 to 4. */
export function defaultScanThreads(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

interface Job {
  id: number;
  body: Uint8Array;
  nowMs: number;
  resolve: (scan: ScannedBatch | null) => void;
  reject: (err: unknown) => void;
}

interface Thread {
  worker: Worker;
  ready: boolean;
  job: Job | null;
}

const ENTRY = ownModuleUrl(OWN_MODULES.scanWorker);

export interface ScanPoolOptions {
  threads: number;
  logger: Logger;
  /** Bodies smaller than this are read inline (default INLINE_BELOW). */
  inlineBelow?: number;
  /** The module a thread runs (default scan-worker.ts; tests give a failing one). */
  entry?: string;
}

export function startScanPool(opts: ScanPoolOptions): BatchScanner {
  const inlineBelow = opts.inlineBelow ?? INLINE_BELOW;
  const entry = opts.entry ?? ENTRY;
  const threads: Thread[] = [];
  const queue: Job[] = [];
  let nextId = 1;
  let lastStart = Number.NEGATIVE_INFINITY;
  let closed = false;

  const counts = { threaded: 0, inline: 0 };
  let readyWaiters: ((ok: boolean) => void)[] = [];
  const settleReady = (ok: boolean) => {
    const waiters = readyWaiters;
    readyWaiters = [];
    for (const w of waiters) w(ok);
  };

  const inline = (job: Job) => {
    counts.inline++;
    try {
      job.resolve(scanCaseBatch(job.body, job.nowMs));
    } catch (err) {
      job.reject(err);
    }
  };

  const start = () => {
    lastStart = Date.now();
    for (let i = threads.length; i < opts.threads; i++) {
      const worker = new Worker(threadBootCode(entry), { eval: true, execArgv: [] });
      worker.unref();
      const thread: Thread = { worker, ready: false, job: null };
      threads.push(thread);
      worker.on("message", (m: ScanReply) => {
        if ("ready" in m) {
          thread.ready = true;
          settleReady(true);
          dispatch();
          return;
        }
        const job = thread.job;
        thread.job = null;
        if (job !== null && job.id === m.id) {
          counts.threaded++;
          if ("error" in m) job.reject(new Error(`batch scanner thread: ${m.error}`));
          else job.resolve(m.parts === null ? null : scannedBatch(job.body, m.parts));
        }
        dispatch();
      });
      const fail = (err: unknown) => {
        const at = threads.indexOf(thread);
        if (at < 0) return;
        threads.splice(at, 1);
        if (!closed)
          opts.logger.warn({ err }, "batch scanner thread failed; reading bodies inline");
        if (thread.job !== null) inline(thread.job);
        if (!threads.some((t) => t.ready)) queue.splice(0).forEach(inline);
        if (threads.length === 0) settleReady(false);
      };
      worker.on("error", fail);
      worker.on("exit", (code) => fail(new Error(`exited with code ${code}`)));
    }
  };

  const dispatch = () => {
    for (const thread of threads) {
      if (queue.length === 0) return;
      if (!thread.ready || thread.job !== null) continue;
      const job = queue.shift()!;
      thread.job = job;
      // A body in shared memory (the route's pooled buffers) is read where it is; any other
      // is copied, and the copy moved (the request keeps its own).
      const shared = job.body.buffer instanceof SharedArrayBuffer;
      const body = shared ? job.body : job.body.slice();
      thread.worker.postMessage(
        { id: job.id, body, nowMs: job.nowMs } satisfies ScanRequest,
        shared ? [] : [body.buffer as ArrayBuffer],
      );
    }
  };

  start();
  return {
    scan(body, nowMs) {
      return new Promise((resolve, reject) => {
        const job: Job = { id: nextId++, body, nowMs, resolve, reject };
        if (closed || body.length < inlineBelow) return inline(job);
        if (threads.length < opts.threads && Date.now() - lastStart >= RESTART_MS) start();
        if (!threads.some((t) => t.ready)) return inline(job);
        queue.push(job);
        dispatch();
      });
    },
    ready() {
      if (threads.some((t) => t.ready)) return Promise.resolve(true);
      if (threads.length === 0 || closed) return Promise.resolve(false);
      return new Promise((resolve) => readyWaiters.push(resolve));
    },
    counts: () => ({ ...counts }),
    async close() {
      closed = true;
      settleReady(false);
      const all = threads.splice(0);
      for (const t of all) if (t.job !== null) inline(t.job);
      queue.splice(0).forEach(inline);
      await Promise.all(all.map((t) => t.worker.terminate()));
    },
  };
}
