/**
 * Reading an uploaded XLSX sheet off the request thread (Node): the one way the case import, the
 * returns upload and the survey import read workbooks.
 *
 * Parsing a sheet is CPU work (hundreds of MB of XML for a large import) and, for a hostile file,
 * unbounded memory: on the request thread it would stall every other request. Readings run in
 * worker threads (sheet-thread.ts), each under its upload's limits (limits.ts) and a heap ceiling
 * (a thread that runs out of memory dies alone; the reading is refused as too large), and the
 * rows come back in batches as the consumer takes them. Up to `maxReadings` threads, started on
 * demand and kept for the next reading (booting one loads tsx and exceljs: a second or two);
 * more readings wait their turn.
 *
 * Node-only: the Node entry builds the reader (`createSheetReader`) and hands it to the app as
 * `AppDeps.sheets`; the areas see only its interface (reader.ts).
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { TooLarge } from "../errors.ts";
import { OWN_MODULES, ownModuleUrl } from "../runtime/own-modules.ts";
import { threadBootCode } from "../runtime/threads.ts";
import {
  type OpenedSheet,
  type ReadSheetOptions,
  type SheetReader,
  UnreadableWorkbook,
} from "./reader.ts";
import type { SheetReply, SheetRequest } from "./sheet-thread.ts";
import type { SheetRow } from "./xlsx-read.ts";

const ENTRY = ownModuleUrl(OWN_MODULES.sheetThread);
/** Heap of a reading thread: room for a million-row import, and a ceiling for a hostile file. */
const THREAD_HEAP_MB = 1024;
/** A cancelled reading that does not confirm within this time has its thread ended. */
const CANCEL_GRACE_MS = 5_000;

type Event = SheetReply | { type: "crash"; err: Error } | { type: "exit"; code: number };

interface Thread {
  worker: Worker;
  ready: Promise<void>;
  /** Where the current reading's messages go; null when idle. */
  deliver: ((e: Event) => void) | null;
}

/** The reading threads of one SheetReader: started on demand, kept idle for the next reading. */
class Threads {
  readonly all: Thread[] = [];
  private readonly idle: Thread[] = [];
  private readonly waiting: ((t: Thread) => void)[] = [];
  nextId = 1;

  constructor(readonly max: number) {}

  start(): Thread {
    const worker = new Worker(threadBootCode(ENTRY), {
      eval: true,
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: THREAD_HEAP_MB },
    });
    // An idle thread must not keep the process alive; a reading refs it.
    worker.unref();
    const thread: Thread = { worker, ready: Promise.resolve(), deliver: null };
    thread.ready = new Promise((resolve, reject) => {
      worker.on("message", (m: SheetReply) => {
        if (m.type === "ready") resolve();
        else thread.deliver?.(m);
      });
      const gone = (e: Event) => {
        reject(
          e.type === "crash"
            ? e.err
            : new Error(`spreadsheet thread exited (${JSON.stringify(e)})`),
        );
        for (const list of [this.all, this.idle]) {
          const at = list.indexOf(thread);
          if (at >= 0) list.splice(at, 1);
        }
        thread.deliver?.(e);
      };
      worker.on("error", (err) => gone({ type: "crash", err }));
      worker.on("exit", (code) => gone({ type: "exit", code }));
    });
    thread.ready.catch(() => {});
    this.all.push(thread);
    return thread;
  }

  /** An idle thread, a new one while there are fewer than `max`, else the next freed. */
  acquire(): Promise<Thread> {
    const free = this.idle.pop();
    if (free) return Promise.resolve(free);
    if (this.all.length < this.max) return Promise.resolve(this.start());
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  release(thread: Thread) {
    thread.deliver = null;
    thread.worker.unref();
    if (!this.all.includes(thread)) return;
    const next = this.waiting.shift();
    if (next) next(thread);
    else this.idle.push(thread);
  }

  prewarm() {
    if (this.all.length === 0) this.idle.push(this.start());
  }

  async close() {
    await Promise.all([...this.all].map((t) => t.worker.terminate()));
  }
}

/**
 * The spreadsheet reader of a process (`AppDeps.sheets`), built by the Node entry: up to
 * `maxReadings` threads (default the cores, at least two).
 */
export function createSheetReader(opts: { maxReadings?: number } = {}): SheetReader {
  const threads = new Threads(opts.maxReadings ?? Math.max(2, availableParallelism()));
  return {
    maxReadings: threads.max,
    open: (o) => openSheet(threads, o),
    prewarm: () => threads.prewarm(),
    close: () => threads.close(),
  };
}

function failure(e: Event): Error {
  if (e.type === "error") {
    return e.kind === "limit" ? new TooLarge(e.message) : new UnreadableWorkbook(e.message);
  }
  if (e.type === "crash" && (e.err as { code?: string }).code === "ERR_WORKER_OUT_OF_MEMORY") {
    return new TooLarge("读取这个表格所需的内存超过上限，未读完；请拆分后分批上传");
  }
  if (e.type === "crash") return e.err;
  return new Error(`表格读取线程意外停止（${e.type}）`);
}

/** SheetReader.open: a sheet of an XLSX file read in one of `threads`. */
async function openSheet(threads: Threads, opts: ReadSheetOptions): Promise<OpenedSheet> {
  let thread = await threads.acquire();
  try {
    await thread.ready;
  } catch {
    // It failed to boot (and left the pool): one more try with a fresh thread.
    thread = threads.start();
    await thread.ready;
  }
  const id = threads.nextId++;
  const inbox: Event[] = [];
  let notify: (() => void) | null = null;
  let finished = false;
  let closed = false;
  thread.deliver = (e) => {
    if ("id" in e && e.id !== id) return;
    if (e.type === "end" || e.type === "error" || e.type === "cancelled") finished = true;
    if (e.type === "crash" || e.type === "exit") finished = true;
    if (closed) {
      if (finished) threads.release(thread);
      return;
    }
    inbox.push(e);
    notify?.();
    notify = null;
  };
  thread.worker.ref();
  /** The reading's next message; null once it is closed. */
  const next = async (): Promise<Event | null> => {
    while (inbox.length === 0) {
      if (closed) return null;
      await new Promise<void>((r) => (notify = r));
    }
    return inbox.shift()!;
  };
  const close = () => {
    if (closed) return;
    closed = true;
    inbox.length = 0;
    notify?.();
    if (finished) {
      threads.release(thread);
      return;
    }
    thread.worker.postMessage({ type: "cancel", id } satisfies SheetRequest);
    const timer = setTimeout(() => {
      if (!finished) void thread.worker.terminate();
    }, CANCEL_GRACE_MS);
    timer.unref();
  };

  const { source } = opts;
  let sent = source;
  const transfer: ArrayBuffer[] = [];
  if ("bytes" in source) {
    const b = source.bytes;
    const whole =
      b.buffer instanceof ArrayBuffer && b.byteOffset === 0 && b.byteLength === b.buffer.byteLength;
    const bytes = whole ? b : b.slice();
    sent = { bytes };
    transfer.push(bytes.buffer as ArrayBuffer);
  }
  thread.worker.postMessage(
    {
      type: "open",
      id,
      source: sent,
      choice: opts.sheet ?? {},
      limits: opts.limits,
    } satisfies SheetRequest,
    transfer,
  );
  const first = (await next())!;
  if (first.type !== "sheet") {
    close();
    throw failure(first);
  }
  let progress = 0;
  async function* rows(): AsyncGenerator<SheetRow> {
    try {
      for (;;) {
        const e = await next();
        if (e === null || e.type === "end") return;
        if (e.type !== "rows") throw failure(e);
        thread.worker.postMessage({ type: "more", id } satisfies SheetRequest);
        progress = e.progress;
        for (const row of e.rows) {
          if (closed) return;
          yield row;
        }
      }
    } finally {
      close();
    }
  }
  return { name: first.name, rows: rows(), progress: () => progress, close };
}
