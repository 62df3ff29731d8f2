import { mkdir, mkdtemp, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import type { Browser, Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildWeb } from "../../scripts/build-web.ts";
import { DEMO_PASSWORD, seedDemo } from "../../scripts/demo/generate.ts";
import { HEADLESS_ARGS, launchChromium } from "../../test/chromium.ts";
import { testDeps } from "../../test/deps.ts";
import { createApp } from "../app.ts";
import { fileAssetReader } from "../assets/files.ts";
import { prepareStore } from "../boot.ts";
import { loadConfig } from "../config.ts";
import { createPgliteStore, type Store } from "../db/client.ts";
import { createLogger } from "../logger.ts";
import { insertReport } from "../reporting/queries/reports.ts";

// What a leader notices first, in real Chromium at 390 px (phone) and 1440 px: numerator and
// denominator by tap, the children table fitting 1440 px with the dimension scores and expanding
// to indicators, the red-items filters and paging, the report panel wrapping at 390 px with a
// 删除草稿 button. Screenshots go to test-artifacts/ (h23-*.png).

const PERIOD = "2026Q3";
const ARTIFACTS = join(process.cwd(), "test-artifacts");

let store: Store;
let server: ReturnType<typeof serve>;
let base: string;
let browser: Browser;
let assets: string;
let root: string;

async function signedIn(width: number): Promise<Page> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({ width, height: width < 500 ? 844 : 900 });
  await page.goto(`${base}/login?next=/dashboard`);
  await page.type("#username", "leader");
  await page.type("#password", DEMO_PASSWORD);
  await Promise.all([page.waitForNavigation(), page.click("#login-submit")]);
  return page;
}

/** The document is no wider than the viewport (nothing sticks out sideways). */
const noSideScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

beforeAll(async () => {
  assets = await mkdtemp(join(tmpdir(), "leaders-web-"));
  await buildWeb(assets);
  await mkdir(ARTIFACTS, { recursive: true });
  const config = loadConfig({ SEED_DEMO: "0", LOG_LEVEL: "silent", REPORT_CRON: "off" });
  store = await createPgliteStore(null);
  await prepareStore(store, config, createLogger("silent"));
  await seedDemo(store, {
    streets: 4,
    communitiesPerStreet: 4,
    quarters: ["2025Q4", "2026Q1", "2026Q2", PERIOD],
  });
  const top = await store.db
    .selectFrom("org_unit")
    .select(["id", "code"])
    .where("parent_id", "is", null)
    .executeTakeFirstOrThrow();
  root = top.code;
  // A draft in the report panel (never printed: no queue is kicked).
  await insertReport(store.db, {
    id: crypto.randomUUID(),
    orgUnitId: top.id,
    year: 2026,
    quarter: 3,
    edition: "assessor",
    schemeId: "369-default",
    scopeUnitId: null,
    createdBy: "test",
  });
  const app = createApp(
    testDeps({
      store,
      config,
      logger: createLogger("silent"),
      clientIp: () => "127.0.0.1",
      readWebAsset: fileAssetReader(assets),
    }),
  );
  server = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium(HEADLESS_ARGS);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await store?.close();
  await rm(assets, { recursive: true, force: true });
});

describe("the dashboard as a leader sees it", () => {
  it("phone: numerator and denominator by tap, on cards and in the table", async () => {
    const page = await signedIn(390);
    await page.goto(`${base}/dashboard/${root}?period=${PERIOD}&charts=0`);
    const frac = '[data-testid="fraction-G1"]';
    expect(await page.$eval(frac, (d) => (d as HTMLDetailsElement).open)).toBe(false);
    await page.tap(`${frac} summary`);
    expect(await page.$eval(frac, (d) => (d as HTMLDetailsElement).open)).toBe(true);
    expect(await page.$eval(frac, (d) => d.textContent)).toMatch(/分子 \S+ \/ 分母 \S+/);
    // The table: indicators on demand, then a tap on a cell shows its fraction.
    await page.tap('label[for="show-indicators"]');
    const cell = 'tr[data-testid="child-row"] td.indcol';
    expect(await page.$eval(cell, (td) => getComputedStyle(td).display)).toBe("table-cell");
    await page.tap(cell);
    const after = await page.$eval(cell, (td) => getComputedStyle(td, "::after").content);
    expect(after).toMatch(/分子 .* \/ 分母 /);
    expect(await noSideScroll(page)).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, "h23-overview-390.png"), fullPage: true });
    // The report panel wraps inside the phone's width, with a 删除草稿 button on the draft.
    const panel = await page.$eval('[data-testid="report-list"]', (el) => ({
      scroll: el.scrollWidth,
      client: el.clientWidth,
    }));
    expect(panel.scroll).toBeLessThanOrEqual(panel.client);
    expect(await page.$("[data-delete]")).not.toBeNull();
    await (await page.$('[data-testid="report-list"]'))!.screenshot({
      path: join(ARTIFACTS, "h23-report-panel-390.png"),
    });
  });

  it("1440 px: the children table fits with four dimension scores, the unit column stays put", async () => {
    const page = await signedIn(1440);
    await page.goto(`${base}/dashboard/${root}?period=${PERIOD}&charts=0`);
    const widths = () =>
      page.$eval('[data-testid="child-table"]', (t) => {
        const wrap = t.parentElement!;
        return { scroll: wrap.scrollWidth, client: wrap.clientWidth };
      });
    const before = await widths();
    expect(before.scroll).toBeLessThanOrEqual(before.client);
    expect(
      await page.$$eval(
        'tr[data-testid="child-row"] [data-testid="dim-governance"]',
        (c) => c.length,
      ),
    ).toBeGreaterThan(0);
    expect(await page.$eval("th.indcol", (th) => getComputedStyle(th).display)).toBe("none");
    await page.click('label[for="show-indicators"]');
    expect(await page.$eval("th.indcol", (th) => getComputedStyle(th).display)).toBe("table-cell");
    // Scrolled sideways, the unit column stays at the left edge.
    const stuck = await page.$eval('[data-testid="child-table"]', (t) => {
      const wrap = t.parentElement!;
      wrap.scrollLeft = 400;
      const head = t.querySelector("tbody th")!;
      return head.getBoundingClientRect().left - wrap.getBoundingClientRect().left;
    });
    expect(Math.abs(stuck)).toBeLessThan(2);
    await page.screenshot({ path: join(ARTIFACTS, "h23-overview-1440.png"), fullPage: true });
  });

  it("red items: filter by indicator and newly red, page on, at 390 px without sideways scroll", async () => {
    const page = await signedIn(390);
    await page.goto(`${base}/dashboard/${root}/red-items?period=${PERIOD}`);
    expect(await noSideScroll(page)).toBe(true);
    // The quarter switcher's button and links keep their words on one line.
    for (const sel of ['[data-testid="period-go"]', '[data-testid="period-prev"]']) {
      const h = await page.$eval(sel, (el) => el.getBoundingClientRect().height);
      expect(h, sel).toBeLessThan(40);
    }
    expect(
      await page.$eval('[data-testid="period-select"] option[selected]', (o) => o.textContent),
    ).toBe("2026年第三季度（完整）");
    expect(await page.$('[data-testid="red-next"]')).not.toBeNull();
    await page.select('[data-testid="filter-indicator"]', "G3");
    await Promise.all([page.waitForNavigation(), page.click('[data-testid="filter-go"]')]);
    expect(new URL(page.url()).searchParams.get("indicator")).toBe("G3");
    const codes = await page.$$eval('[data-testid="red-row"]', (rows) =>
      rows.map((r) => r.getAttribute("data-code")),
    );
    expect(codes.length).toBeGreaterThan(0);
    expect(new Set(codes)).toEqual(new Set(["G3"]));
    expect(await page.$eval('[data-testid="red-csv"]', (a) => a.getAttribute("href"))).toContain(
      "indicator=G3",
    );
    expect(await noSideScroll(page)).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, "h23-red-items-390.png"), fullPage: true });
  });
});
