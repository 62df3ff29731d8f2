import { mkdir, mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../scripts/demo/generate.ts";
import { formatScore } from "../../shapes/format.ts";
import { ADMIN_PASSWORD } from "../../test/accounts.ts";
import { ensureBundles } from "../../test/browser.ts";
import { HEADLESS_ARGS, launchChromium } from "../../test/chromium.ts";
import { insertBulkCases } from "../../test/fixtures/bulk-cases.ts";
import { PERIOD, seedExportWorld } from "../../test/fixtures/exports.ts";
import { call } from "../../test/http.ts";
import { openTestEnv, type TestEnv } from "../../test/stores.ts";
import { readUnits, readWorkbook } from "../../test/workbook.ts";

// The assessor's workbench (评估工作台, issue 21) in real Chromium. On a phone (390 px) the demo
// assessor signs in, reaches the workbench through the navigation, downloads the assessor workbook
// (read back with exceljs: the district and its streets with GET /indicators' indices), goes down
// to a community holding 200,000 cases of the quarter, starts their CSV export, watches the job's
// progress bar, and downloads the file from the download list when it is done (200,000 records
// read back); then changes one weight on the what-if page and sees the chart change to POST
// /what-if's answer; the rank-sensitivity chart is drawn. On a desktop (1440 px) the same pages.
// The 200,000-row export runs on PostgreSQL (WORKBENCH_STORE=pglite runs it on PGlite).
// Screenshots go to SHOTS.

const SHOTS = process.env.SHOTS ?? join(process.cwd(), "test-artifacts");
const KIND = process.env.WORKBENCH_STORE === "pglite" ? "pglite" : "postgres";
const BULK = 200_000;

describe(`assessor workbench in Chromium (${KIND})`, () => {
  let env: TestEnv;
  let browser: Browser;
  let dataDir: string;
  let downloads: string;
  let w: Awaited<ReturnType<typeof seedExportWorld>>;

  const drawn = (page: Page, id: string) =>
    page.waitForFunction((i) => Number(document.getElementById(i)?.dataset.drawn ?? 0) > 0, {}, id);
  const svgText = (page: Page, id: string) =>
    page.$eval(`#${id} svg`, (svg) =>
      [...svg.querySelectorAll("text")].map((t) => t.textContent).join("|"),
    );
  const go = async (page: Page, selector: string) => {
    await Promise.all([page.waitForNavigation({ timeout: 20_000 }), page.click(selector)]);
  };
  /** The file a download writes into `downloads` (Chromium writes `.crdownload` first). */
  async function downloaded(suffix: string, before: Set<string>): Promise<string> {
    for (let i = 0; i < 600; i++) {
      const names = (await readdir(downloads)).filter((n) => !before.has(n));
      const done = names.find((n) => n.endsWith(suffix));
      if (done && !names.some((n) => n.endsWith(".crdownload"))) return join(downloads, done);
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no ${suffix} download`);
  }

  beforeAll(async () => {
    await ensureBundles();
    await mkdir(SHOTS, { recursive: true });
    dataDir = await mkdtemp(join(tmpdir(), "workbench-browser-"));
    downloads = await mkdtemp(join(tmpdir(), "workbench-downloads-"));
    env = await openTestEnv(KIND, { ADMIN_PASSWORD, DATA_DIR: dataDir });
    w = await seedExportWorld(env);
    await insertBulkCases(env, w.empty, PERIOD, BULK);
    browser = await launchChromium(HEADLESS_ARGS);
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await env?.deps.jobs.settled();
    await env?.close();
    await rm(dataDir, { recursive: true, force: true });
    await rm(downloads, { recursive: true, force: true });
  });

  it("phone: nav → workbench, workbook, a 200,000-row CSV through a job, what-if, sensitivity", async () => {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.setViewport({ width: 390, height: 844, isMobile: true, hasTouch: true });
    const cdp = await page.createCDPSession();
    await cdp.send("Browser.setDownloadBehavior", {
      behavior: "allow",
      downloadPath: downloads,
      ...(context.id ? { browserContextId: context.id } : {}),
    });

    await page.goto(`${env.baseUrl}/dashboard`);
    await page.type("#username", "assessor");
    await page.type("#password", DEMO_PASSWORD);
    await Promise.all([page.waitForNavigation(), page.click("#login-submit")]);
    await go(page, "header nav a[href*='/workbench']");
    expect(new URL(page.url()).pathname).toBe(`/dashboard/${w.root}/workbench`);
    expect(await page.$eval("header nav a[aria-current=page]", (a) => a.textContent)).toBe(
      "评估工作台",
    );
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );
    await page.screenshot({ path: join(SHOTS, "h21-assessor-workbench-390.png"), fullPage: true });

    // The workbook: the district and its two streets, indices as GET /indicators answers them.
    let before = new Set(await readdir(downloads));
    await page.click("[data-testid=workbook-download]");
    const book = await readWorkbook(await readFile(await downloaded(".xlsx", before)));
    const api = await call(
      env.baseUrl,
      "GET",
      `/api/v1/indicators?period=${PERIOD}&orgUnit=${w.root}&children=true`,
      { token: w.tokens.assessor },
    );
    const apiUnits = (api.body as { units: { code: string; index: number | null }[] }).units;
    const units = readUnits(book);
    expect(units.map((u) => u.code)).toEqual(apiUnits.map((u) => u.code));
    for (const [i, u] of units.entries()) {
      if (apiUnits[i]!.index === null) expect(u.index).toBeNull();
      else expect(u.index).toBeCloseTo(apiUnits[i]!.index!, 6);
    }

    // Down to the community with the 200,000 cases, and its raw cases as CSV through a job.
    await go(page, `[data-testid=workbench-children] a[href^='/dashboard/${w.street}/']`);
    await go(page, `[data-testid=workbench-children] a[href^='/dashboard/${w.empty}/']`);
    expect(await page.$eval("h1", (h) => h.textContent)).toContain("无数据社区");
    const started = Date.now();
    await page.click("[data-testid=export-start]");
    const job = "[data-testid=export-jobs] [data-testid=export-job]";
    await page.waitForSelector(`${job} progress:not([hidden])`, { timeout: 10_000 });
    const progress: number[] = [];
    const watch = setInterval(() => {
      page
        .$eval(`${job} progress`, (p) => (p as HTMLProgressElement).value)
        .then((v) => progress.push(v))
        .catch(() => {});
    }, 150);
    await page.waitForFunction(
      (sel) => {
        const li = document.querySelector<HTMLElement>(sel);
        return li && Number((li.querySelector("progress") as HTMLProgressElement).value) > 0.1;
      },
      { timeout: 120_000 },
      job,
    );
    await page.screenshot({
      path: join(SHOTS, "h21-assessor-job-running-390.png"),
      fullPage: true,
    });
    await page.waitForSelector(`${job}[data-status=done]`, { timeout: 180_000 });
    clearInterval(watch);
    const exportSeconds = (Date.now() - started) / 1000;
    console.log(
      `200,000-row CSV job on ${KIND}: ${exportSeconds.toFixed(1)} s to done in the page`,
    );
    expect(progress.some((v) => v > 0 && v < 1)).toBe(true);
    expect(await page.$eval(`${job} [data-role=rows]`, (e) => e.textContent)).toBe("200,000 行");
    expect(await page.$eval(`${job} progress`, (p) => (p as HTMLElement).hidden)).toBe(true);
    const link = await page.$eval(`${job} [data-testid=export-download]`, (a) => a.textContent);
    expect(link).toBe(`下载 工单-无数据社区-${PERIOD}.csv`);
    await page.screenshot({ path: join(SHOTS, "h21-assessor-job-done-390.png"), fullPage: true });
    before = new Set(await readdir(downloads));
    await page.click(`${job} [data-testid=export-download]`);
    const csvPath = await downloaded(".csv", before);
    const csv = (await readFile(csvPath, "utf8")).replace(/^\uFEFF/, "");
    const records = csv.split("\r\n").filter((l) => l !== "");
    expect(records).toHaveLength(BULK + 1);
    expect(records[0]).toMatch(/^来源,工单编号,单位编码,单位名称,/);
    expect(records.filter((r) => r.includes(",bulk-"))).toHaveLength(BULK);
    console.log(`downloaded ${(await stat(csvPath)).size} bytes`);

    // What-if of the district: one weight changed, the chart redrawn with POST /what-if's indices.
    await page.goto(`${env.baseUrl}/dashboard/${w.root}/workbench?period=${PERIOD}`);
    await go(page, "[data-testid=workbench-tabs] a[href*='/what-if']");
    await drawn(page, "chart-what-if");
    const plainSvg = await svgText(page, "chart-what-if");
    await page.$eval("[name='d.governance']", (i) => {
      (i as HTMLInputElement).value = "90";
    });
    await go(page, "[data-testid=what-if-run]");
    await drawn(page, "chart-what-if");
    expect(
      await page.$eval("[data-testid=what-if-state]", (e) => e.getAttribute("data-changed")),
    ).toBe("1");
    const changedSvg = await svgText(page, "chart-what-if");
    expect(changedSvg).not.toBe(plainSvg);
    const posted = await call(env.baseUrl, "POST", "/api/v1/what-if", {
      token: w.tokens.assessor,
      json: { period: PERIOD, orgUnit: w.root, weights: { dimensions: { governance: 90 } } },
    });
    const kids = (
      posted.body as { units: { index: number | null; rank: number | null }[] }
    ).units.slice(1);
    for (const k of kids) {
      if (k.index !== null) expect(changedSvg).toContain(`${formatScore(k.index)} · 第${k.rank}名`);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );
    await page.screenshot({ path: join(SHOTS, "h21-assessor-what-if-390.png"), fullPage: true });

    await go(page, "[data-testid=workbench-tabs] a[href*='/sensitivity']");
    await drawn(page, "chart-sensitivity");
    expect(await page.$$eval("[data-testid=sensitivity-table] tbody tr", (r) => r.length)).toBe(2);
    await page.screenshot({
      path: join(SHOTS, "h21-assessor-sensitivity-390.png"),
      fullPage: true,
    });
    expect(errors).toEqual([]);
    await context.close();
  }, 400_000);

  it("desktop (1440 px): the workbench with its download list, what-if and sensitivity", async () => {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.setViewport({ width: 1440, height: 900 });
    const path = `/dashboard/${w.empty}/workbench?period=${PERIOD}`;
    await page.goto(env.baseUrl + path);
    await page.type("#username", "assessor");
    await page.type("#password", DEMO_PASSWORD);
    await Promise.all([page.waitForNavigation(), page.click("#login-submit")]);
    expect(new URL(page.url()).pathname).toBe(`/dashboard/${w.empty}/workbench`);
    // The job of the phone session (same user) is in the list with its file.
    expect(await page.$$eval("[data-testid=export-download]", (a) => a.length)).toBeGreaterThan(0);
    await page.screenshot({ path: join(SHOTS, "h21-assessor-workbench-1440.png"), fullPage: true });
    await page.goto(
      `${env.baseUrl}/dashboard/${w.root}/workbench/what-if?period=${PERIOD}&d.governance=90&norm=minmax`,
    );
    await drawn(page, "chart-what-if");
    await page.screenshot({ path: join(SHOTS, "h21-assessor-what-if-1440.png"), fullPage: true });
    await page.goto(`${env.baseUrl}/dashboard/${w.street}/workbench/sensitivity?period=${PERIOD}`);
    await drawn(page, "chart-sensitivity");
    await page.screenshot({
      path: join(SHOTS, "h21-assessor-sensitivity-1440.png"),
      fullPage: true,
    });
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
