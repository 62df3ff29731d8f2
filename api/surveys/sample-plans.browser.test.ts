import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Browser, Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BrowserPool } from "../../reports/pdf/browser-pool.ts";
import { printPdf } from "../../reports/pdf/print.ts";
import { ADMIN_PASSWORD } from "../../test/accounts.ts";
import { ensureBundles, launchChromium, signInThroughForm } from "../../test/browser.ts";
import { PLAN_PERIOD, seedSamplePlans } from "../../test/fixtures/sample-plans.ts";
import { openPdf } from "../../test/pdf.ts";
import { openTestEnv, type TestEnv } from "../../test/stores.ts";
import { buildReportModel, pdfHeader, renderReportHtml } from "../reporting/generate.ts";
import { DEFAULT_SCHEME_ID } from "../schemes/definition.ts";

// Sample progress in real Chromium (issue 22 point 5), on the hand-built fixture of
// test/fixtures/sample-plans.ts: the dashboard's 抽样进度 card and the QR poster at 390 px and
// 1440 px (bars as wide as their share, nothing sideways), and the assessor report's methodology
// read back from the printed PDF. Screenshots: test-artifacts/h22-samples-*.png.

const ARTIFACTS = join(process.cwd(), "test-artifacts");

let env: TestEnv;
let browser: Browser;

const noSideScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

/** Each bar's unit and the filled share of its track (0–1). */
const barShares = (page: Page, selector: string) =>
  page.$$eval(selector, (els) =>
    els.map((el) => {
      const track = el.querySelector('[role="progressbar"], .bar') as HTMLElement;
      const fill = track.firstElementChild as HTMLElement;
      return {
        unit: el.getAttribute("data-unit"),
        share: fill.getBoundingClientRect().width / track.getBoundingClientRect().width,
      };
    }),
  );

beforeAll(async () => {
  await ensureBundles();
  await mkdir(ARTIFACTS, { recursive: true });
  env = await openTestEnv(
    "pglite",
    { ADMIN_PASSWORD },
    { now: () => new Date("2026-08-20T04:00:00Z") },
  );
  await seedSamplePlans(env);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await env?.close();
});

describe("sample progress in Chromium", () => {
  it.each([390, 1440])("shows the dashboard card at %d px", async (width) => {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    await page.setViewport({ width, height: width < 500 ? 844 : 900 });
    await signInThroughForm(
      page,
      `${env.baseUrl}/login?next=${encodeURIComponent(`/dashboard/D1?period=${PLAN_PERIOD}`)}`,
      "leader-d1",
      "password-369",
    );
    await page.waitForSelector('[data-testid="sample-plan"]');
    const shares = await barShares(page, '[data-testid="sample-progress"]');
    expect(shares.map((s) => s.unit)).toEqual(["C11", "C12", "C21"]);
    expect(shares[0]!.share).toBeCloseTo(3 / 95, 2);
    expect(shares[1]!.share).toBeCloseTo(1, 2);
    expect(await noSideScroll(page)).toBe(true);
    const card = await page.$('[data-testid="sample-plan"]');
    await card!.scrollIntoView();
    await card!.screenshot({ path: join(ARTIFACTS, `h22-samples-dashboard-${width}.png`) });
    await page.screenshot({
      path: join(ARTIFACTS, `h22-samples-dashboard-page-${width}.png`),
      fullPage: true,
    });
    await context.close();
  });

  it.each([390, 1440])("shows the poster's progress at %d px", async (width) => {
    const page = await browser.newPage();
    await page.setViewport({ width, height: width < 500 ? 844 : 1100 });
    await page.goto(`${env.baseUrl}/posters/satisfaction/S1`);
    const shares = await page.$$eval(".poster", (els) =>
      els.map((el) => {
        const bar = el.querySelector(".bar") as HTMLElement;
        const fill = bar.firstElementChild as HTMLElement;
        const poster = el.getBoundingClientRect();
        const help = (el.querySelector(".url") as HTMLElement).getBoundingClientRect();
        return {
          unit: el.getAttribute("data-unit"),
          share: fill.getBoundingClientRect().width / bar.getBoundingClientRect().width,
          text:
            (el.querySelector('[data-testid="poster-progress"]') as HTMLElement).textContent ?? "",
          // The link at the bottom still fits the A4 page.
          fits: help.bottom <= poster.bottom + 0.5,
        };
      }),
    );
    expect(shares.map((s) => [s.unit, s.fits])).toEqual([
      ["C11", true],
      ["C12", true],
    ]);
    expect(shares[0]!.text.replace(/\s+/g, "")).toBe("本季度已收3份/目标95份");
    expect(shares[0]!.share).toBeCloseTo(3 / 95, 2);
    expect(shares[1]!.share).toBeCloseTo(1, 2);
    expect(await noSideScroll(page)).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, `h22-samples-poster-${width}.png`) });
    await page.close();
  });

  it("prints the methodology's sample plan in the assessor report", async () => {
    const model = await buildReportModel(
      env.deps.engine,
      {
        orgUnitCode: "D1",
        year: 2026,
        quarter: 3,
        edition: "assessor",
        schemeId: DEFAULT_SCHEME_ID,
        scopeUnitId: null,
      },
      new Date("2026-10-05T00:00:00Z"),
    );
    const pool = new BrowserPool({ maxPages: 1 });
    try {
      const printed = await printPdf(pool, await renderReportHtml(model), pdfHeader(model));
      const doc = await openPdf(printed.pdf);
      const all = (await doc.text()).replace(/\s+/g, "");
      await doc.close();
      expect(all).toContain("满意度调查抽样方案");
      expect(all).toContain("n0=(1.96×s÷5)²");
      expect(all).toContain("3个社区（村）中，2个已达到目标样本量，1个尚未达到");
      expect(all).toContain("合计已收有效问卷93份，目标合计183份");
    } finally {
      await pool.close();
    }
  }, 120_000);
});
