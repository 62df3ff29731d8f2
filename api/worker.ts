/// <reference types="@cloudflare/workers-types" />
import { createApp } from "./app.ts";
import { isAssetName } from "./assets/web-asset.ts";
import { createCaseBuffers } from "./cases/byte-pool.ts";
import { loadConfig } from "./config.ts";
import { createPostgresStore } from "./db/client.ts";
import { IndicatorEngine } from "./indicators/engine.ts";
import { runReportSchedule } from "./jobs/report-schedule.ts";
import { createJobRunner } from "./jobs/runner.ts";
import { createLogger } from "./logger.ts";
import { runRectificationReminders } from "./rectifications/reminders.ts";
import { createSurveyRuntime } from "./surveys/runtime.ts";

/** The reminder's cron trigger in wrangler.toml (09:00 Asia/Shanghai); the other is the reports'. */
const REMINDER_TRIGGER = "0 1 * * *";

/** Bindings from wrangler.toml: PostgreSQL through Hyperdrive, plus plain variables. */
export interface WorkerEnv {
  HYPERDRIVE: Hyperdrive;
  /** dist/web (browser bundles and their manifest), wrangler.toml `[assets]`. */
  ASSETS?: Fetcher;
  LOG_LEVEL?: string;
  SESSION_TTL_HOURS?: string;
}

/** A file of dist/web through the [assets] binding; flat names only, as on Node. */
async function readAssetFile(env: WorkerEnv, name: string): Promise<Uint8Array | null> {
  if (!env.ASSETS || !isAssetName(name)) return null;
  const res = await env.ASSETS.fetch(new Request(`https://assets.invalid/${name}`));
  return res.ok ? new Uint8Array(await res.arrayBuffer()) : null;
}

/**
 * Cloudflare Workers entry: the same Hono app, on PostgreSQL through Hyperdrive. A Worker keeps
 * no pool between requests, so each request gets a small store that is closed after responding.
 * Migrations are applied by the Node entry or a deploy step, not per request.
 */
export default {
  async fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext): Promise<Response> {
    const config = loadConfig({
      DATABASE_URL: env.HYPERDRIVE.connectionString,
      LOG_LEVEL: env.LOG_LEVEL,
      SESSION_TTL_HOURS: env.SESSION_TTL_HOURS,
      SEED_DEMO: "0",
    });
    const store = createPostgresStore({ connectionString: config.DATABASE_URL ?? "", max: 1 });
    const logger = createLogger(config.LOG_LEVEL);
    const app = createApp({
      store,
      config,
      logger,
      // Per request, like the store: a Worker keeps nothing between requests. No report queue
      // and no spreadsheet reader (no threads): XLSX uploads go to a Node process.
      engine: new IndicatorEngine(store.db),
      buffers: createCaseBuffers(),
      jobs: createJobRunner(logger),
      surveys: createSurveyRuntime({ store, config }),
      clientIp: (c) => c.req.header("cf-connecting-ip") ?? null,
      readWebAsset: (name) => readAssetFile(env, name),
      // Swagger UI's files are copied into dist/web by the build.
      readAsset: (name) => readAssetFile(env, name),
    });
    try {
      return await app.fetch(request, env, ctx);
    } finally {
      ctx.waitUntil(store.close());
    }
  },

  /**
   * The cron triggers of wrangler.toml: the same jobs croner runs in Node. Cloudflare's crons are
   * UTC: "0 18 4 1,4,7,10 *" is 02:00 on the 5th in Asia/Shanghai (queue the previous quarter's
   * report drafts, rendered by a Node process's report queue on the same database); "0 1 * * *" is
   * 09:00 every day (the rectification reminder: due soon, overdue, webhook notices).
   */
  async scheduled(controller: ScheduledController, env: WorkerEnv, ctx: ExecutionContext) {
    const config = loadConfig({
      DATABASE_URL: env.HYPERDRIVE.connectionString,
      LOG_LEVEL: env.LOG_LEVEL,
      SEED_DEMO: "0",
    });
    const store = createPostgresStore({ connectionString: config.DATABASE_URL ?? "", max: 1 });
    const logger = createLogger(config.LOG_LEVEL);
    if (controller.cron === REMINDER_TRIGGER) {
      ctx.waitUntil(
        runRectificationReminders(store.db, { now: new Date(controller.scheduledTime), logger })
          .catch((err) => logger.error({ err }, "rectification reminder run failed"))
          .finally(() => store.close()),
      );
      return;
    }
    ctx.waitUntil(
      runReportSchedule(store.db, {
        now: new Date(controller.scheduledTime),
        logger,
        backoffMs: (k) => 2_000 * k,
      }).finally(() => store.close()),
    );
  },
} satisfies ExportedHandler<WorkerEnv>;
