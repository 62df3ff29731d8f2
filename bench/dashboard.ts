/**
 * `npm run bench -- dashboard [--runs N] [--data DIR]`: the leadership dashboard on the demo
 * district (default demo size: 120 communities, 7 quarters) in Chromium.
 *
 * Figures, measured in the same run:
 * - time from navigation start to "all charts drawn" (`window.__chartsDrawn`, set after every
 *   chart's first 'finished' event) for the district overview, each run in a fresh browser
 *   context (no HTTP cache), against the baseline of the same page with charts turned off
 *   (?charts=0, whose small bundle sets the same flag), and their ratio;
 * - the page's requests (the document and its bundles) from the browser's resource timing, p95;
 * - server-side p50/p95 of the page and of GET /api/v1/indicators for the same unit and quarter
 *   (warm engine cache, 50 sequential requests each), and, for reference, the survey-stats and
 *   data-quality endpoints (the page does not call them: it reads the same data its own way).
 *
 * `--data DIR` keeps the seeded PGlite store in DIR for later runs. Not a test; not run in CI.
 */
import { mkdtemp, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { serve } from "@hono/node-server";
import puppeteer from "puppeteer-core";
import { createApp } from "../api/app.ts";
import { fileAssetReader } from "../api/assets/files.ts";
import { prepareStore } from "../api/boot.ts";
import { loadConfig } from "../api/config.ts";
import { createPgliteStore } from "../api/db/client.ts";
import { storeCounts } from "../api/db/stats.ts";
import { createLogger } from "../api/logger.ts";
import { buildWeb } from "../scripts/build-web.ts";
import { DEMO_PASSWORD, seedDemo } from "../scripts/demo/generate.ts";
import { chromiumLaunchOptions } from "../test/chromium.ts";
import { testDeps } from "../test/deps.ts";

const { values: args } = parseArgs({
  options: { runs: { type: "string", default: "10" }, data: { type: "string" } },
});
const RUNS = Math.max(1, Number(args.runs));
const PERIOD = "2026Q3";
const BUDGET_DRAWN_MS = 1500;
const BUDGET_REQUEST_MS = 100;

const quantile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))] ?? Number.NaN;
};
const ms = (x: number) => `${x.toFixed(0).padStart(6)} ms`;
const log = (line: string) => process.stdout.write(`${line}\n`);

const tempData = args.data ? null : await mkdtemp(join(tmpdir(), "bench-dashboard-"));
const assets = await mkdtemp(join(tmpdir(), "bench-dashboard-web-"));
const config = loadConfig({ SEED_DEMO: "0", LOG_LEVEL: "warn" });
const logger = createLogger(config.LOG_LEVEL);
const store = await createPgliteStore(args.data ?? tempData);
await prepareStore(store, config, logger);
if ((await storeCounts(store.db)).units === 0) {
  const started = performance.now();
  const summary = await seedDemo(store, {});
  log(
    `seeded the default demo: ${summary.cases.toLocaleString("en")} cases in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}
const counts = await storeCounts(store.db);
const bundles = await buildWeb(assets);
const app = createApp(
  testDeps({
    store,
    config,
    logger,
    clientIp: () => "127.0.0.1",
    readWebAsset: fileAssetReader(assets),
  }),
);
const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
  const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
});
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const loginRes = await fetch(`${base}/api/v1/auth/login`, {
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ username: "leader", password: DEMO_PASSWORD }),
});
const { token } = (await loginRes.json()) as { token: string };
const auth = { authorization: `Bearer ${token}` };
const rootReport = (await (
  await fetch(`${base}/api/v1/indicators?period=${PERIOD}`, { headers: auth })
).json()) as {
  units: { code: string; name: string }[];
};
const root = rootReport.units[0]!.code;
const pagePath = `/dashboard/${root}?period=${PERIOD}`;

const browser = await puppeteer.launch(await chromiumLaunchOptions());
const chromium = await browser.version();

interface Run {
  drawn: number;
  ttfb: number;
  requests: number[];
}

/** One view in a fresh context: navigation start → charts drawn, TTFB, each request's duration. */
async function view(path: string): Promise<Run> {
  const context = await browser.createBrowserContext();
  await context.setCookie({
    name: "s369_session",
    value: token,
    domain: "127.0.0.1",
    path: "/",
    httpOnly: true,
  });
  const page = await context.newPage();
  await page.setViewport({ width: 1366, height: 768 });
  await page.goto(base + path, { waitUntil: "domcontentloaded" });
  await page.waitForFunction("window.__chartsDrawn !== undefined", { timeout: 30_000 });
  const run = await page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
    const resources = performance.getEntriesByType("resource") as PerformanceResourceTiming[];
    return {
      drawn: (window as unknown as { __chartsDrawn: number }).__chartsDrawn,
      ttfb: nav.responseStart,
      requests: [
        nav.responseEnd - nav.requestStart,
        ...resources.map((r) => r.responseEnd - r.requestStart),
      ],
      detail: [
        `doc ${(nav.responseEnd - nav.requestStart).toFixed(0)} (ttfb ${(nav.responseStart - nav.requestStart).toFixed(0)})`,
        ...resources.map(
          (r) =>
            `${r.name.split("/").pop()} ${(r.responseEnd - r.requestStart).toFixed(0)} start@${r.requestStart.toFixed(0)}`,
        ),
      ],
    };
  });
  await context.close();
  if (process.env.BENCH_DEBUG)
    log(`${path} drawn ${run.drawn.toFixed(0)}: ${run.detail.join(", ")}`);
  return run;
}

async function serverTimes(path: string, n = 50): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const res = await fetch(base + path, { headers: auth });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
    times.push(performance.now() - t);
  }
  return times;
}

try {
  const coldStart = performance.now();
  await fetch(base + pagePath, { headers: auth }).then((r) => r.arrayBuffer());
  const coldMs = performance.now() - coldStart;
  await view(pagePath);
  await view(`${pagePath}&charts=0`);

  const on: Run[] = [];
  const off: Run[] = [];
  for (let i = 0; i < RUNS; i++) {
    off.push(await view(`${pagePath}&charts=0`));
    on.push(await view(pagePath));
  }
  const drawnOn = on.map((r) => r.drawn);
  const drawnOff = off.map((r) => r.drawn);
  const requests = [...on, ...off].flatMap((r) => r.requests);

  const pageServer = await serverTimes(pagePath);
  const indicators = await serverTimes(
    `/api/v1/indicators?period=${PERIOD}&orgUnit=${root}&children=true`,
  );
  const stats = await serverTimes(
    `/api/v1/surveys/satisfaction/stats?period=${PERIOD}&orgUnit=${root}`,
    20,
  );
  const quality = await serverTimes(`/api/v1/data-quality?period=${PERIOD}&orgUnit=${root}`, 20);

  const charts = bundles.charts?.js;
  const small = bundles.dashboard?.js;
  log("");
  log(
    `dashboard bench: ${rootReport.units[0]!.name} (${root}), ${counts.units} units, ${counts.cases.toLocaleString("en")} cases; PGlite; Chromium ${chromium}; ${RUNS} runs, fresh context each`,
  );
  log(
    `bundles: charts ${((charts?.bytes ?? 0) / 1024).toFixed(1)} KiB (gzip ${((charts?.gzip ?? 0) / 1024).toFixed(1)}, br ${((charts?.brotli ?? 0) / 1024).toFixed(1)}); dashboard ${((small?.bytes ?? 0) / 1024).toFixed(1)} KiB`,
  );
  log("");
  log(`                                              p50        p95        max`);
  log(
    `navigation → all charts drawn          ${ms(quantile(drawnOn, 0.5))}  ${ms(quantile(drawnOn, 0.95))}  ${ms(Math.max(...drawnOn))}`,
  );
  log(
    `baseline ?charts=0 → page ready        ${ms(quantile(drawnOff, 0.5))}  ${ms(quantile(drawnOff, 0.95))}  ${ms(Math.max(...drawnOff))}`,
  );
  log(
    `ratio charts / baseline (p50)            ${(quantile(drawnOn, 0.5) / quantile(drawnOff, 0.5)).toFixed(2)}×`,
  );
  log(
    `time to first byte (charts on)         ${ms(
      quantile(
        on.map((r) => r.ttfb),
        0.5,
      ),
    )}  ${ms(
      quantile(
        on.map((r) => r.ttfb),
        0.95,
      ),
    )}`,
  );
  log(
    `page requests (document + bundles)     ${ms(quantile(requests, 0.5))}  ${ms(quantile(requests, 0.95))}  ${ms(Math.max(...requests))}`,
  );
  log(
    `server: GET ${pagePath.padEnd(26)} ${ms(quantile(pageServer, 0.5))}  ${ms(quantile(pageServer, 0.95))}   (first, cold: ${coldMs.toFixed(0)} ms)`,
  );
  log(
    `server: GET /api/v1/indicators (same)  ${ms(quantile(indicators, 0.5))}  ${ms(quantile(indicators, 0.95))}`,
  );
  log(`reference, not called by the page:`);
  log(
    `server: GET /api/v1/surveys/…/stats    ${ms(quantile(stats, 0.5))}  ${ms(quantile(stats, 0.95))}`,
  );
  log(
    `server: GET /api/v1/data-quality       ${ms(quantile(quality, 0.5))}  ${ms(quantile(quality, 0.95))}`,
  );
  log("");
  const drawnOk = quantile(drawnOn, 0.95) <= BUDGET_DRAWN_MS;
  const requestsOk =
    quantile([...requests, ...pageServer, ...indicators], 0.95) <= BUDGET_REQUEST_MS;
  log(
    `budget: all charts drawn p95 ≤ ${BUDGET_DRAWN_MS} ms: ${drawnOk ? "met" : "MISSED"}; page requests and GET /indicators p95 ≤ ${BUDGET_REQUEST_MS} ms: ${requestsOk ? "met" : "MISSED"}`,
  );
} finally {
  await browser.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await store.close();
  await rm(assets, { recursive: true, force: true });
  if (tempData) await rm(tempData, { recursive: true, force: true });
}
