/**
 * Reading an uploaded XLSX sheet off the request thread (Node): the one way the case import, the
 * returns upload and the survey import read workbooks.
 *
 * Parsing a sheet is CPU work (hundreds of MB of XML for a large import) and, for a hostile file,
 * unbounded memory: on the request thread it would stall every other request. Readings run in
 * worker threads (sheet-thread.ts), each under its upload's limits (limits.ts) and a heap ceiling
 * (a thread that runs out of memory dies alone; the reading is refused as too large), and the
 * rows come back in batches as the consumer takes them. Up to `MAX_READINGS` threads, started on
 * demand and kept for the next reading (booting one loads tsx and exceljs: a second or two);
 * more readings wait their turn.
 *
 * Node-only: routes load this module lazily, so the Worker bundle never runs it.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { Invalid, TooLarge } from "../errors.ts";
import { threadBootCode } from "../runtime/threads.ts";
import type { SheetLimits } from "./limits.ts";
import type { SheetReply, SheetRequest } from "./sheet-thread.ts";
import type { SheetChoice, SheetRow } from "./xlsx-read.ts";

export type { SheetCell, SheetRow } from "./xlsx-read.ts";

/** The file is not a readable workbook: a 422 naming `file`; callers may restate it. */
export class UnreadableWorkbook extends Invalid {
  override name = "UnreadableWorkbook";
  constructor(readonly reason: string) {
    super("无法读取上传的 XLSX 工作簿", [{ path: "file", message: reason }]);
  }
}

export interface OpenedSheet {
  /** The chosen sheet's name; null when the workbook has no such sheet (then no rows). */
  name: string | null;
  /**
   * The rows, in sheet order. Throws TooLarge (413) when a limit is passed while reading and
   * UnreadableWorkbook (422) when the file turns out broken.
   */
  rows: AsyncGenerator<SheetRow>;
  /** Fraction (0–1) of the sheet read so far. */
  progress(): number;
  /** Stops the reading and frees its thread (safe to call twice; the rows then end). */
  close(): void;
}

export interface ReadSheetOptions {
  /** The file on disk, or its bytes (moved to the thread: the caller's buffer is emptied). */
  source: { path: string } | { bytes: Uint8Array };
  sheet?: SheetChoice;
  limits: SheetLimits;
}

const ENTRY = new URL("./sheet-thread.ts", import.meta.url).href;
/** Heap of a reading thread: room for a million-row import, and a ceiling for a hostile file. */
const THREAD_HEAP_MB = 1024;
export const MAX_READINGS = Math.max(2, availableParallelism());
/** A cancelled reading that does not confirm within this time has its thread ended. */
const CANCEL_GRACE_MS = 5_000;

type Event = SheetReply | { type: "crash"; err: Error } | { type: "exit"; code: number };

interface Thread {
  worker: Worker;
  ready: Promise<void>;
  /** Where the current reading's messages go; null when idle. */
  deliver: ((e: Event) => void) | null;
}

const threads: Thread[] = [];
const idle: Thread[] = [];
const waiting: ((t: Thread) => void)[] = [];
let nextId = 1;

function start(): Thread {
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
        e.type === "crash" ? e.err : new Error(`spreadsheet thread exited (${JSON.stringify(e)})`),
      );
      for (const list of [threads, idle]) {
        const at = list.indexOf(thread);
        if (at >= 0) list.splice(at, 1);
      }
      thread.deliver?.(e);
    };
    worker.on("error", (err) => gone({ type: "crash", err }));
    worker.on("exit", (code) => gone({ type: "exit", code }));
  });
  thread.ready.catch(() => {});
  threads.push(thread);
  return thread;
}

/** An idle thread, a new one while there are fewer than MAX_READINGS, else the next freed. */
function acquire(): Promise<Thread> {
  const free = idle.pop();
  if (free) return Promise.resolve(free);
  if (threads.length < MAX_READINGS) return Promise.resolve(start());
  return new Promise((resolve) => waiting.push(resolve));
}

function release(thread: Thread) {
  thread.deliver = null;
  thread.worker.unref();
  if (!threads.includes(thread)) return;
  const next = waiting.shift();
  if (next) next(thread);
  else idle.push(thread);
}

/** Boots one reading thread ahead of the first upload (api/node.ts, after start-up). */
export function prewarmSheetReader(): void {
  if (threads.length === 0) idle.push(start());
}

function failure(e: Event): Error {
  if (e.type === "error") {
    return e.kind === "limit" ? new TooLarge(e.message) : new UnreadableWorkbook(e.message);
  }
  if (e.type === "crash" && (e.err as { code?: string }).code === "ERR_WORKER_OUT_OF_MEMORY") {
    return new TooLarge("读取这个表格所需的内存超过上限，未读完；请拆分后分批上传");
  }
  if (e.type === "crash") return e.err;
  return new Error(`spreadsheet thread stopped unexpectedly (${e.type})`);
}

/**
 * Opens a sheet of an XLSX file in a reading thread. Resolves once the workbook's structure is
 * read and the sheet chosen; rejects with TooLarge or UnreadableWorkbook when the file fails its
 * limits or cannot be read as a workbook. Call `close` when done with the rows.
 */
export async function openXlsxSheet(opts: ReadSheetOptions): Promise<OpenedSheet> {
  let thread = await acquire();
  try {
    await thread.ready;
  } catch {
    // It failed to boot (and left the pool): one more try with a fresh thread.
    thread = start();
    await thread.ready;
  }
  const id = nextId++;
  const inbox: Event[] = [];
  let notify: (() => void) | null = null;
  let finished = false;
  let closed = false;
  thread.deliver = (e) => {
    if ("id" in e && e.id !== id) return;
    if (e.type === "end" || e.type === "error" || e.type === "cancelled") finished = true;
    if (e.type === "crash" || e.type === "exit") finished = true;
    if (closed) {
      if (finished) release(thread);
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
      release(thread);
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
