import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import { createApp } from "./app.ts";
import { fileAssetReader } from "./assets/files.ts";
import { prepareStore } from "./boot.ts";
import { createCaseBuffers } from "./cases/byte-pool.ts";
import { defaultScanThreads, startScanPool } from "./cases/scan-threads.ts";
import { loadConfig } from "./config.ts";
import { createPgliteStore, createPostgresStore, type Store } from "./db/client.ts";
import { storeCounts } from "./db/stats.ts";
import { nodeClientIp } from "./http/client-ip.ts";
import { IndicatorEngine } from "./indicators/engine.ts";
import { startIndicatorWarmer } from "./indicators/warm.ts";
import { createJobRunner } from "./jobs/runner.ts";
import { createLogger } from "./logger.ts";
import { startRectificationReminders } from "./rectifications/reminders.ts";
import { createReportRuntime, startReports } from "./reporting/runtime.ts";
import { installProcessGuards } from "./runtime/process-guards.ts";
import { createSheetReader } from "./spreadsheet/read-sheet.ts";
import { startSurveyWatch } from "./surveys/integrity/watch.ts";
import { createSurveyRuntime } from "./surveys/runtime.ts";

const require = createRequire(import.meta.url);
const swaggerDir = dirname(require.resolve("swagger-ui-dist/package.json"));

/**
 * The project's folder: the nearest one above this file that holds package.json (this file is
 * api/node.ts from source, dist/server/node.mjs compiled).
 */
function projectDir(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return dir;
    if (dir === dirname(dir)) throw new Error("package.json not found above the server entry");
  }
}
/** Browser bundles built by scripts/build-web.ts (`npm start` builds them first). */
const webDir = join(projectDir(), "dist/web/");

/**
 * Node entry: `npm start` (compiled to dist/server/node.mjs). Embedded PGlite in DATA_DIR unless
 * DATABASE_URL names a server.
 */
async function main() {
  const started = performance.now();
  const config = loadConfig(process.env);
  const logger = createLogger(config.LOG_LEVEL);
  // A failing job or request is logged; it never takes the process down (see the module).
  installProcessGuards(logger);
  const store: Store = config.DATABASE_URL
    ? createPostgresStore({
        connectionString: config.DATABASE_URL,
        max: config.DB_POOL_MAX,
        onIdleError: (err) => logger.warn({ err }, "idle database connection lost"),
      })
    : await createPgliteStore(config.DATA_DIR);
  let closing = false;
  const closeStore = async () => {
    if (closing) return;
    closing = true;
    await store.close();
  };

  try {
    await prepareStore(store, config, logger);
    let demo: Awaited<ReturnType<typeof seedIfEmpty>> = null;
    if (config.SEED_DEMO) demo = await seedIfEmpty(store);

    // Batch bodies are read on worker threads, so that ingest does not stall other requests.
    const threads = config.INGEST_THREADS ?? defaultScanThreads();
    const scanner = threads > 0 ? startScanPool({ threads, logger }) : null;
    void scanner?.ready().then((ok) => {
      if (ok) logger.info({ threads }, "batch bodies are read on worker threads");
    });
    // The process's long-lived machinery, owned here and handed to the app: the indicator
    // engine (the figures' cache), the report queue with its browser, the ingest buffers, the
    // background jobs and the spreadsheet reader's threads.
    const engine = new IndicatorEngine(store.db);
    const reporting = createReportRuntime({ engine, config, logger });
    const jobs = createJobRunner(logger);
    const sheets = createSheetReader();
    const app = createApp({
      store,
      config,
      logger,
      engine,
      reports: reporting,
      buffers: createCaseBuffers(),
      jobs,
      sheets,
      surveys: createSurveyRuntime({ store, config }),
      scanBatch: scanner?.scan,
      // X-Forwarded-For counts only from the proxies TRUSTED_PROXIES names.
      clientIp: nodeClientIp(config.TRUSTED_PROXIES),
      readAsset: fileAssetReader(swaggerDir),
      readWebAsset: fileAssetReader(webDir),
    });

    // Report queue (drafts left running by a previous process go back to it) and REPORT_CRON.
    const reports = await startReports({ store, config, logger, reports: reporting });
    // The daily rectification reminder (due soon, overdue, webhook notices).
    const reminders =
      config.REMINDER_CRON === "off"
        ? null
        : startRectificationReminders({
            db: store.db,
            cron: config.REMINDER_CRON,
            timeZone: config.REPORT_TIMEZONE,
            logger,
          });
    // Recomputes the figures of quarters in use when new data arrives (dashboards stay warm).
    const warmer = startIndicatorWarmer({ engine, logger });
    // Flags public survey responses that look like stuffing, for assessors to review.
    const surveyWatch = startSurveyWatch({ db: store.db, logger });

    const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, () => {
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      banner(config.PORT, store.kind, seconds, demo);
      // Spreadsheet uploads are read in worker threads; boot one now rather than on the first.
      try {
        sheets.prewarm();
      } catch (err) {
        logger.warn({ err }, "spreadsheet reader thread not started");
      }
    });

    const shutdown = (signal: string) => {
      logger.info({ signal }, "shutting down: draining requests");
      const force = setTimeout(() => {
        logger.warn("requests still open after 10 s; closing anyway");
        void closeStore().finally(() => process.exit(1));
      }, 10_000);
      force.unref();
      server.close(() => {
        void Promise.all([
          reports.stop(),
          warmer.stop(),
          surveyWatch.stop(),
          scanner?.close(),
          sheets.close(),
          reminders?.stop(),
        ])
          .catch((err) => logger.warn({ err }, "report queue or warmer stop failed"))
          .then(closeStore)
          .then(() => {
            logger.info("store closed cleanly");
            process.exit(0);
          })
          .catch((err) => {
            logger.error({ err }, "store close failed");
            process.exit(1);
          });
      });
      // Idle keep-alive sockets would hold close() open until they time out.
      (server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
    };
    process.once("SIGTERM", () => shutdown("SIGTERM"));
    process.once("SIGINT", () => shutdown("SIGINT"));
  } catch (err) {
    logger.fatal({ err }, "start-up failed");
    await closeStore().catch(() => {});
    process.exit(1);
  }
}

/** Seeds the demo data set into an empty store (no org units yet) and returns its accounts. */
async function seedIfEmpty(store: Store) {
  const counts = await storeCounts(store.db);
  if (counts.units > 0) return null;
  const { seedDemo, DEMO_PASSWORD } = await import("../scripts/demo/generate.ts");
  process.stdout.write("首次启动：正在生成演示数据 (seeding demo data)…\n");
  let last = "";
  let summary: Awaited<ReturnType<typeof seedDemo>>;
  try {
    summary = await seedDemo(store, {}, (p) => {
      const line = `  ${p.phase}: ${Math.round((p.done / Math.max(1, p.total)) * 100)}%`;
      if (line !== last && process.stdout.isTTY) process.stdout.write(`\r${line.padEnd(40)}`);
      last = line;
    });
  } catch (err) {
    // The demo is loaded in several steps; a half-loaded store would not be seeded again.
    throw new Error(
      `Seeding the demo data failed (${String(err)}). Delete the data directory (DATA_DIR) and start again.`,
    );
  }
  if (process.stdout.isTTY) process.stdout.write("\n");
  return { summary, password: DEMO_PASSWORD };
}

function banner(
  port: number,
  kind: string,
  seconds: string,
  demo: {
    summary: {
      accounts: { username: string; role: string; orgUnit: string | null; description: string }[];
      cases: number;
      seconds: number;
    };
    password: string;
  } | null,
) {
  const base = `http://localhost:${port}`;
  const lines = [
    "",
    `Scorecard 369 is ready in ${seconds} s (store: ${kind})`,
    `  Dashboard   ${base}/`,
    `  API docs    ${base}/api/v1/docs`,
    `  OpenAPI     ${base}/api/v1/openapi.json`,
    `  Health      ${base}/healthz`,
  ];
  if (demo) {
    lines.push(
      "",
      `Demo data: ${demo.summary.cases.toLocaleString("en")} cases in ${demo.summary.seconds.toFixed(1)} s. Demo accounts (password: ${demo.password}):`,
    );
    for (const a of demo.summary.accounts) {
      lines.push(
        `  ${a.username.padEnd(14)} ${a.role.padEnd(9)} ${(a.orgUnit ?? "all").padEnd(14)} ${a.description}`,
      );
    }
  }
  process.stdout.write(`${lines.join("\n")}\n\n`);
}

main().catch((err: unknown) => {
  // Start-up failed before the store was open (bad configuration, unreadable data directory):
  // the process guards would keep a process that serves nothing alive, so exit here.
  process.stderr.write(
    `start-up failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
});
