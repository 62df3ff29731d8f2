import type { Context } from "hono";
import type { Action } from "./access/permissions.ts";
import type { Principal } from "./access/principal.ts";
import type { CaseBuffers } from "./cases/byte-pool.ts";
import type { ScannedBatch } from "./cases/scanned-batch.ts";
import type { Config } from "./config.ts";
import type { Store } from "./db/client.ts";
import type { IndicatorEngine } from "./indicators/engine.ts";
import type { JobRunner } from "./jobs/runner.ts";
import type { Logger } from "./logger.ts";
import type { ReportRuntime } from "./reporting/runtime.ts";
import type { SheetReader } from "./spreadsheet/reader.ts";
import type { SurveyRuntime } from "./surveys/runtime.ts";

/** What `createApp` is wired with; Node and the Worker each build one. */
export interface AppDeps {
  store: Store;
  config: Config;
  logger: Logger;
  /**
   * The indicator engine (and its cache) over `store`: one per store, built by the entry (on a
   * Worker, per request), so two stores in one process never share cached figures.
   */
  engine: IndicatorEngine;
  /**
   * The report queue and its browser (Node: reporting/runtime.ts); absent on Workers, where
   * reports stay queued for a Node process sharing the database.
   */
  reports?: ReportRuntime;
  /** What the survey routes keep in memory (compiled surveys, units, the response writer). */
  surveys: SurveyRuntime;
  /** The ingest path's reusable byte buffers (request bodies, COPY data): one set per process. */
  buffers: CaseBuffers;
  /** The background jobs this process runs (large imports and exports): one runner per process. */
  jobs: JobRunner;
  /**
   * Reads uploaded XLSX sheets in worker threads (Node: spreadsheet/read-sheet.ts); absent on
   * Workers, where an XLSX upload fails (500) and only a Node process reads workbooks.
   */
  sheets?: SheetReader;
  /** The client's address as the runtime sees it (socket on Node, `cf-connecting-ip` on Workers). */
  clientIp: (c: Context) => string | null;
  /** Serves a static vendor asset (docs page scripts); absent where the runtime has none. */
  readAsset?: (name: string) => Promise<Uint8Array | null>;
  /** Serves a built browser bundle from dist/web (survey pages); absent where none was built. */
  readWebAsset?: (name: string) => Promise<Uint8Array | null>;
  /**
   * Reads a POST /cases/batch body off the main thread (Node: cases/scan-threads.ts); absent:
   * read where it arrives (`readCaseBatch`). Either way the answer is the same.
   */
  scanBatch?: (body: Uint8Array, nowMs: number) => Promise<ScannedBatch | null>;
  /**
   * Compares a sign-in password with a stored hash; absent: bcrypt. Tests wrap it to count the
   * checks a burst of sign-ins gets.
   */
  verifyPassword?: (password: string, hash: string) => Promise<boolean>;
  /**
   * The current time for deadline rules (the appeals window); absent: the system clock. Tests
   * set it to a day of their fixture's quarter.
   */
  now?: () => Date;
}

/** The Hono environment every route and middleware shares. */
export interface AppEnv {
  Variables: {
    requestId: string;
    deps: AppDeps;
    principal: Principal | null;
    /** The action the matched route requires; named in the audit log. */
    action: Action | "auth.login" | "auth.logout" | null;
    /** What a write touched, for the audit log (`org-units: 3101,3102`). */
    auditTarget: string | null;
    auditDetail: unknown;
  };
}
