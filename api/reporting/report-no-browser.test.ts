/**
 * A Node process whose report printer has no browser (CHROMIUM_PATH names no file and
 * CHROMIUM_FALLBACK=off keeps it from the system's and the npm package's Chromium): a report
 * fails at once, on its first attempt, with a Chinese reason, through the API and in the
 * dashboard's report panel (read in a real Chromium of the test's own), never waiting at 65%.
 */
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Browser } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildWeb } from "../../scripts/build-web.ts";
import { ADMIN_PASSWORD, seedSmallWorld } from "../../test/accounts.ts";
import { launchChromium } from "../../test/chromium.ts";
import { stopReports, waitForReport } from "../../test/fixtures/reports.ts";
import { call } from "../../test/http.ts";
import { openTestEnv, type TestEnv } from "../../test/stores.ts";

const PERIOD = "2026Q3";
const MISSING = "/nonexistent/chromium";
const ARTIFACTS = join(process.cwd(), "test-artifacts");
const REASON =
  /^无法打印 PDF：找不到可以启动的 Chromium 浏览器。已查找：CHROMIUM_PATH（\/nonexistent\/chromium）（CHROMIUM_FALLBACK=off/;

describe("report printing without any browser", () => {
  let env: TestEnv;
  let t: Awaited<ReturnType<typeof seedSmallWorld>>;
  let browser: Browser;

  beforeAll(async () => {
    // The panel's buttons need the dashboard bundle (npm test builds it first).
    if (!existsSync("dist/web/manifest.json")) await buildWeb();
    env = await openTestEnv("pglite", {
      ADMIN_PASSWORD,
      CHROMIUM_PATH: MISSING,
      CHROMIUM_FALLBACK: "off",
    });
    t = await seedSmallWorld(env);
    const cases = Array.from({ length: 12 }, (_, i) => ({
      source: "test",
      externalId: `nb-${i}`,
      orgUnit: i % 2 === 0 ? "C11" : "C12",
      kind: "event",
      channel: "hotline",
      reportedAt: `2026-08-${String(1 + i).padStart(2, "0")}T09:00:00+08:00`,
      resolvedAt: `2026-08-${String(1 + i).padStart(2, "0")}T20:00:00+08:00`,
      deadlineAt: `2026-08-${String(2 + i).padStart(2, "0")}T09:00:00+08:00`,
    }));
    const res = await call(env.baseUrl, "POST", "/api/v1/cases/batch", {
      token: t.admin,
      json: { cases },
    });
    expect(res.status, res.text).toBe(200);
    browser = await launchChromium(["--no-sandbox", "--disable-gpu", "--no-first-run"]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await stopReports(env);
    await env.close();
  });

  it("fails the report on its first attempt with the reason in Chinese (API)", async () => {
    const started = Date.now();
    const res = await call(env.baseUrl, "POST", "/api/v1/reports", {
      token: t["leader-s1"],
      json: { period: PERIOD, orgUnit: "S1", edition: "assessor" },
    });
    expect(res.status, res.text).toBe(202);
    const { report, seen } = await waitForReport(env, t["leader-s1"], res.body.id, 30_000);
    expect(report).toMatchObject({ status: "failed", attempts: 1, pages: null, pdfSha256: null });
    expect(report.error).toMatch(REASON);
    expect(report.error).toContain("请安装 Chromium，或用 CHROMIUM_PATH 指定浏览器后重新生成。");
    // No retry was waited for (the first backoff alone is 30 s).
    expect([...seen].every((s) => ["queued", "running", "failed"].includes(s))).toBe(true);
    expect(Date.now() - started).toBeLessThan(25_000);
  });

  it("shows the reason in the dashboard's report panel, live and after a reload", async () => {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.setViewport({ width: 1366, height: 900 });
    const target = `/dashboard/S1?period=${PERIOD}`;
    await page.goto(`${env.baseUrl}${target}`);
    expect(new URL(page.url()).pathname).toBe("/login");
    await page.type("#username", "leader-s1");
    await page.type("#password", "password-369");
    await Promise.all([page.waitForNavigation(), page.click("#login-submit")]);
    expect(page.url()).toBe(`${env.baseUrl}${target}`);
    const status = '[data-testid="report-list"] [data-report-status]';
    await page.waitForSelector(status);
    await page.click('[data-generate="leadership"]');
    await page.waitForFunction(
      (sel) => document.querySelector(sel)?.textContent?.startsWith("生成失败："),
      { timeout: 30_000 },
      status,
    );
    const live = await page.$eval(status, (el) => el.textContent ?? "");
    expect(live.replace(/^生成失败：/, "")).toMatch(REASON);
    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, "report-no-browser.png"), fullPage: true });

    await page.reload();
    const list = await call(env.baseUrl, "GET", `/api/v1/reports?orgUnit=S1&period=${PERIOD}`, {
      token: t["leader-s1"],
    });
    const made = list.body.reports.find((r: { edition: string }) => r.edition === "leadership");
    expect(made).toMatchObject({ status: "failed", attempts: 1 });
    const row = await page.$eval(
      `[data-testid="report-list"] tr[data-report="${made.id}"]`,
      (tr) => tr.textContent ?? "",
    );
    expect(row).toContain("生成失败：无法打印 PDF：找不到可以启动的 Chromium 浏览器");
    expect(row).not.toMatch(/\d+%/);
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);
});
