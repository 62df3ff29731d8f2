/**
 * `npm run bench -- survey-page [--runs N] [--latency MS]`: the public satisfaction form's first
 * visit on a slow phone line, in Chromium, each run in a fresh browser context (empty cache).
 *
 * Conditions (CDP): Network.emulateNetworkConditions with Chrome DevTools' "Slow 3G" preset as
 * DevTools and Puppeteer define it: download and upload 50,000 B/s (400 kbit/s), latency 2,000 ms
 * per request (DevTools' "400 ms RTT" × its 5× request-latency factor; `--latency 400` applies
 * the bare 400 ms instead); Emulation.setCPUThrottlingRate 4. Viewport 390 × 844.
 *
 * Figure: navigation start → first question usable: the later of the first contentful paint
 * (so after every render-blocking stylesheet) and the moment (polled every 10 ms) the first
 * question's radios are in the DOM, enabled and laid out (their label has a box). Measured for:
 * - the server-rendered form (/s/satisfaction/{code}, normal and large type);
 * - baseline, the SurveyJS-first page of the same questions (a version of the survey with one
 *   condition, which the native form leaves to SurveyJS: the page as it was before);
 * - baseline, a bare static HTML page of the same text (the form's HTML without any style or
 *   script) on the same server.
 * Also the gzip bytes of the HTML and of the CSS that must arrive before the first question shows
 * (inline styles are in the HTML; linked stylesheets in <head> that are not media="print"),
 * gzip level 6 as zlib's default. Not a test; not run in CI.
 */
import { mkdtemp } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { serve } from "@hono/node-server";
import puppeteer from "puppeteer-core";
import { createApp } from "../api/app.ts";
import { fileAssetReader } from "../api/assets/files.ts";
import { prepareStore } from "../api/boot.ts";
import { loadConfig } from "../api/config.ts";
import { createPgliteStore } from "../api/db/client.ts";
import { satisfactionSurveyV1 } from "../api/db/migrations/2026_11_23_1320_add_default_survey.ts";
import { createLogger } from "../api/logger.ts";
import { buildWeb } from "../scripts/build-web.ts";
import { chromiumLaunchOptions } from "../test/chromium.ts";
import { testDeps } from "../test/deps.ts";

const { values: args } = parseArgs({
  options: {
    runs: { type: "string", default: "5" },
    latency: { type: "string", default: "2000" },
  },
});
const RUNS = Math.max(1, Number(args.runs));
const SLOW_3G = {
  offline: false,
  latency: Number(args.latency),
  downloadThroughput: ((500 * 1000) / 8) * 0.8,
  uploadThroughput: ((500 * 1000) / 8) * 0.8,
};
const CPU_SLOWDOWN = 4;
const GOAL_MS = 3000;
const GOAL_BYTES = 30 * 1024;
const log = (line: string) => process.stdout.write(`${line}\n`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;

const assets = await mkdtemp(join(tmpdir(), "bench-survey-web-"));
const config = loadConfig({ SEED_DEMO: "0", LOG_LEVEL: "warn", ADMIN_PASSWORD: "bench-admin-369" });
const logger = createLogger(config.LOG_LEVEL);
const store = await createPgliteStore(null);
await prepareStore(store, config, logger);
await buildWeb(assets);
const app = createApp(
  testDeps({
    store,
    config,
    logger,
    clientIp: () => "127.0.0.1",
    readWebAsset: fileAssetReader(assets),
  }),
);
let bare = "";
const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
  const s = serve(
    {
      fetch: (req) =>
        new URL(req.url).pathname === "/bare"
          ? new Response(bare, { headers: { "content-type": "text/html; charset=utf-8" } })
          : app.fetch(req),
      port: 0,
      hostname: "127.0.0.1",
    },
    () => resolve(s),
  );
});
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

async function api(path: string, token: string | null, json: unknown) {
  const res = await fetch(base + path, {
    method: path.endsWith("/org-units") ? "PUT" : "POST",
    headers: {
      "content-type": "application/json",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(json),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<Record<string, unknown>>;
}
const { token } = (await api("/api/v1/auth/login", null, {
  username: "admin",
  password: "bench-admin-369",
})) as { token: string };
await api("/api/v1/org-units", token, {
  units: [
    { code: "D1", name: "示范区", level: "district" },
    { code: "S1", name: "和平街道", level: "street", parentCode: "D1" },
    { code: "C1", name: "幸福社区", level: "community", parentCode: "S1" },
  ],
});
// The same questions with one condition: the native form leaves it to SurveyJS.
const withCondition = structuredClone(satisfactionSurveyV1) as {
  pages: { elements: Record<string, unknown>[] }[];
};
withCondition.pages[0]!.elements.at(-1)!.visibleIf = "{overall} notempty";
await api("/api/v1/surveys", token, {
  id: "satisfaction-sjs",
  title: "社区服务满意度调查",
  definition: withCondition,
});

// Bytes needed before the first question shows: the HTML, and the stylesheets that block it.
async function needed(path: string) {
  const html = await (await fetch(base + path)).text();
  const head = html.slice(0, html.indexOf("</head>"));
  const blocking = [...head.matchAll(/<link rel="stylesheet"[^>]*>/g)]
    .map((m) => m[0])
    .filter((tag) => !/media="print"/.test(tag))
    .map((tag) => /href="([^"]+)"/.exec(tag)![1]!);
  let css = 0;
  for (const href of blocking) css += gzipSync(await (await fetch(base + href)).text()).length;
  return { html: gzipSync(html).length, css, sheets: blocking, text: html };
}
const form = await needed("/s/satisfaction/C1");
bare = form.text
  .replace(/<script[\s\S]*?<\/script>/g, "")
  .replace(/<style[\s\S]*?<\/style>/g, "")
  .replace(/<link [^>]*>/g, "");

const browser = await puppeteer.launch(await chromiumLaunchOptions());

/** One first visit in a fresh context: ms from navigation start to the first question usable. */
async function visit(path: string): Promise<{ usable: number; bytes: number }> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({ width: 390, height: 844, isMobile: true, hasTouch: true });
  const cdp = await page.createCDPSession();
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Network.emulateNetworkConditions", SLOW_3G);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
  let bytes = 0;
  cdp.on("Network.loadingFinished", (e) => {
    bytes += e.encodedDataLength;
  });
  // A string, not a function: tsx would wrap inner functions in a helper the page lacks.
  await page.evaluateOnNewDocument(`(() => {
    let painted = null;
    let present = null;
    const ready = () => {
      const input = document.querySelector('input[type="radio"]');
      if (!input || input.disabled) return false;
      const box = (input.closest("label") || input).getBoundingClientRect();
      return box.width > 0 && box.height > 0;
    };
    const done = () => {
      if (painted !== null && present !== null) window.__usable = Math.max(painted, present);
    };
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.name === "first-contentful-paint") painted = e.startTime;
      done();
    }).observe({ type: "paint", buffered: true });
    const poll = setInterval(() => {
      if (!ready()) return;
      present = performance.now();
      clearInterval(poll);
      done();
    }, 10);
  })()`);
  await page.goto(base + path, { waitUntil: "domcontentloaded", timeout: 120_000 });
  // Polled from here (Runtime.evaluate): the page's policy allows no eval for waitForFunction.
  const deadline = Date.now() + 120_000;
  while ((await page.evaluate("window.__usable")) === undefined) {
    if (Date.now() > deadline) throw new Error(`${path}: the first question never became usable`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const usable = (await page.evaluate("window.__usable")) as number;
  const until = bytes;
  await context.close();
  return { usable, bytes: until };
}

const pages: [string, string][] = [
  ["server-rendered form", "/s/satisfaction/C1"],
  ["server-rendered form, large type", "/s/satisfaction/C1?large=1"],
  ["baseline: SurveyJS-first page", "/s/satisfaction-sjs/C1"],
  ["baseline: bare static HTML, same text", "/bare"],
];
log(`Chromium ${await browser.version()}; ${RUNS} first visits each, fresh context, 390 × 844`);
log(
  `network: latency ${SLOW_3G.latency} ms, down ${SLOW_3G.downloadThroughput} B/s, up ${SLOW_3G.uploadThroughput} B/s; CPU ÷${CPU_SLOWDOWN}`,
);
const sjs = await needed("/s/satisfaction-sjs/C1");
for (const [label, path] of pages) {
  const runs: { usable: number; bytes: number }[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await visit(path));
  const times = runs.map((r) => r.usable);
  log(
    `${label.padEnd(40)} first question usable: median ${median(times).toFixed(0)} ms ` +
      `(min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}); ` +
      `transferred by then ≈ ${(median(runs.map((r) => r.bytes)) / 1024).toFixed(1)} KB`,
  );
}
const total = form.html + form.css;
log(
  `form: HTML ${(form.html / 1024).toFixed(1)} KB gzip + blocking CSS ${(form.css / 1024).toFixed(1)} KB gzip ` +
    `(${form.sheets.join(", ") || "none linked; inline in the HTML"}) = ${(total / 1024).toFixed(1)} KB (goal ≤ ${GOAL_BYTES / 1024} KB)`,
);
log(
  `SurveyJS page: HTML ${(sjs.html / 1024).toFixed(1)} KB gzip + blocking CSS ${(sjs.css / 1024).toFixed(1)} KB gzip (its script comes on top)`,
);
log(`goal: first question usable ≤ ${GOAL_MS} ms, HTML + CSS ≤ ${GOAL_BYTES / 1024} KB gzip`);
await browser.close();
server.close();
await store.close();
