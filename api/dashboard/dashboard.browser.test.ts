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
import type { AppDeps } from "../env.ts";
import { createLogger } from "../logger.ts";

// The dashboard in real Chromium on a small demo data set (PGlite), at desktop (1366×768) and
// phone (390×844) sizes: sign in, read the overview and check it against GET /api/v1/indicators,
// sort the table, drill down two levels and back, switch quarter, the red items, and a street
// leader's 403. Screenshots go to test-artifacts/ for a person to look at.

const PERIOD = "2026Q3";
const ARTIFACTS = join(process.cwd(), "test-artifacts");

let store: Store;
let deps: AppDeps | undefined;
let server: ReturnType<typeof serve>;
let base: string;
let browser: Browser;
let assets: string;
const tokens: Record<string, string> = {};

async function api(path: string, user = "leader") {
  const res = await fetch(base + path, { headers: { authorization: `Bearer ${tokens[user]}` } });
  expect(res.status, path).toBe(200);
  // biome-ignore lint/suspicious/noExplicitAny: API bodies are compared field by field below
  return (await res.json()) as any;
}

/** Signs in through the page's form, starting from `path` (anonymous → /login?next=path). */
async function signIn(page: Page, path: string, username: string) {
  await page.goto(base + path);
  expect(new URL(page.url()).pathname).toBe("/login");
  await page.type("#username", username);
  await page.type("#password", DEMO_PASSWORD);
  await Promise.all([page.waitForNavigation(), page.click("#login-submit")]);
}

const chartsDrawn = (page: Page) =>
  page.waitForFunction("window.__chartsDrawn !== undefined", { timeout: 15_000 });

const dataValue = (page: Page, id: string) =>
  page.$eval(`[data-testid="${id}"]`, (el) => {
    const v = el.getAttribute("data-value");
    return v === null || v === "" ? null : v;
  });

const num = (v: string | null) => (v === null ? null : Number(v));

/** Opens a page and waits for its charts (or the no-chart flag). */
async function open(page: Page, path: string) {
  const res = await page.goto(base + path);
  await chartsDrawn(page);
  return res;
}

/** Index, grade, dimensions and the ranking on the page equal the API's for the unit and quarter. */
async function expectPageEqualsApi(page: Page, code: string, period: string, user = "leader") {
  const report = await api(
    `/api/v1/indicators?period=${period}&orgUnit=${code}&children=true`,
    user,
  );
  const [own, ...kids] = report.units;
  expect(await page.$eval('[data-testid="page-title"]', (el) => el.getAttribute("data-unit"))).toBe(
    code,
  );
  expect(num(await dataValue(page, "overall-index"))).toBe(own.index);
  const grades: Record<string, string> = {
    优秀: "excellent",
    良好: "good",
    合格: "pass",
    不合格: "fail",
  };
  expect(await dataValue(page, "overall-grade")).toBe(own.grade ? grades[own.grade] : null);
  for (const d of ["governance", "service", "resources", "participation"]) {
    expect(num(await dataValue(page, `dimension-${d}`)), d).toBe(own.dimensions[d].score);
  }
  const rows = await page.$$eval('[data-testid="child-row"]', (trs) =>
    trs.map((tr) => ({
      code: tr.getAttribute("data-code"),
      rank: tr.getAttribute("data-rank"),
      index: tr.getAttribute("data-index"),
    })),
  );
  expect(rows.length).toBe(kids.length);
  for (const k of kids) {
    const row = rows.find((r) => r.code === k.code)!;
    expect(num(row.rank || null), k.code).toBe(k.rank);
    expect(num(row.index || null), k.code).toBe(k.index);
  }
}

beforeAll(async () => {
  assets = await mkdtemp(join(tmpdir(), "dashboard-web-"));
  await buildWeb(assets);
  await mkdir(ARTIFACTS, { recursive: true });
  const config = loadConfig({ SEED_DEMO: "0", LOG_LEVEL: "silent" });
  const logger = createLogger(config.LOG_LEVEL);
  store = await createPgliteStore(null);
  await prepareStore(store, config, logger);
  await seedDemo(store, {
    streets: 3,
    communitiesPerStreet: 4,
    quarters: ["2025Q3", "2025Q4", "2026Q1", "2026Q2", PERIOD],
  });
  deps = testDeps({
    store,
    config,
    logger,
    clientIp: () => "127.0.0.1",
    readWebAsset: fileAssetReader(assets),
  });
  const app = createApp(deps);
  server = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  for (const username of ["leader", "street-leader"]) {
    const res = await fetch(`${base}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username, password: DEMO_PASSWORD }),
    });
    tokens[username] = ((await res.json()) as { token: string }).token;
  }
  browser = await launchChromium(HEADLESS_ARGS);
}, 120_000);

afterAll(async () => {
  await deps?.reports?.stop();
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await store?.close();
  await rm(assets, { recursive: true, force: true });
});

describe("dashboard in Chromium", () => {
  it("desktop: overview equals the API, sorts, drills down two levels and back, switches quarter", async () => {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.setViewport({ width: 1366, height: 768 });
    const root = (await api(`/api/v1/indicators?period=${PERIOD}`)).units[0].code as string;

    await signIn(page, `/dashboard/${root}?period=${PERIOD}`, "leader");
    await chartsDrawn(page);
    expect(page.url()).toBe(`${base}/dashboard/${root}?period=${PERIOD}`);
    await expectPageEqualsApi(page, root, PERIOD);
    // Three charts drawn as SVG; the ranking has one bar per child.
    for (const id of ["radar", "trend", "ranking"]) {
      expect(await page.$(`#chart-${id} svg`), id).not.toBeNull();
    }
    expect(
      await page.$eval('[data-testid="indicator-G1"]', (el) => el.getAttribute("title")),
    ).toMatch(/分子 .* \/ 分母 /);
    await page.screenshot({ path: join(ARTIFACTS, "dashboard-desktop.png"), fullPage: true });

    // Keyboard: the first Tab reaches the skip link.
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe("跳到正文");

    // Sorting by index, highest first, then lowest first.
    const indexHeader = 'table[data-testid="child-table"] thead th:nth-child(3) button';
    await page.click(indexHeader);
    const desc = await page.$$eval('[data-testid="child-row"]', (trs) =>
      trs.map((t) => Number(t.getAttribute("data-index"))),
    );
    expect(desc).toEqual([...desc].sort((a, b) => b - a));
    await page.click(indexHeader);
    const asc = await page.$$eval('[data-testid="child-row"]', (trs) =>
      trs.map((t) => Number(t.getAttribute("data-index"))),
    );
    expect(asc).toEqual([...asc].sort((a, b) => a - b));

    // Drill down: district → street → a community (one with grids when there is one).
    const tree = await api(`/api/v1/org-units?root=${root}&depth=3`);
    type Node = { code: string; children: Node[] };
    const streets = tree.units[0].children as Node[];
    const withGrids = streets.find((s) => s.children.some((c) => c.children.length > 0));
    const streetNode = withGrids ?? streets[0]!;
    const street = streetNode.code;
    const community =
      streetNode.children.find((c) => c.children.length > 0) ?? streetNode.children[0]!;
    await Promise.all([page.waitForNavigation(), page.click(`tr[data-code="${street}"] a`)]);
    await chartsDrawn(page);
    await expectPageEqualsApi(page, street, PERIOD);
    expect(await page.$$eval('[data-testid="crumb"]', (a) => a.length)).toBe(1);
    await Promise.all([
      page.waitForNavigation(),
      page.click(`tr[data-code="${community.code}"] a`),
    ]);
    await chartsDrawn(page);
    await expectPageEqualsApi(page, community.code, PERIOD);
    expect(
      await page.$$eval('[data-testid="crumb"]', (a) => a.map((x) => x.textContent)),
    ).toHaveLength(2);
    if (community.children.length > 0) {
      expect(await page.$$eval('[data-testid="child-row"]', (r) => r.length)).toBe(
        community.children.length,
      );
    } else {
      expect(await page.$('[data-testid="no-children"]')).not.toBeNull();
    }
    await page.screenshot({ path: join(ARTIFACTS, "dashboard-community.png"), fullPage: true });
    // Back twice: the street, then the district.
    await page.goBack();
    await chartsDrawn(page);
    expect(
      await page.$eval('[data-testid="page-title"]', (el) => el.getAttribute("data-unit")),
    ).toBe(street);
    await page.goBack();
    await chartsDrawn(page);
    expect(
      await page.$eval('[data-testid="page-title"]', (el) => el.getAttribute("data-unit")),
    ).toBe(root);

    // Switch quarter with the selector: the URL and every figure follow.
    await page.select('[data-testid="period-select"]', "2026Q2");
    await Promise.all([page.waitForNavigation(), page.click('[data-testid="period-go"]')]);
    await chartsDrawn(page);
    expect(page.url()).toBe(`${base}/dashboard/${root}?period=2026Q2`);
    await expectPageEqualsApi(page, root, "2026Q2");

    // Red items of the subtree, most severe first.
    await open(page, `/dashboard/${root}/red-items?period=${PERIOD}`);
    const scores = await page.$$eval('[data-testid="red-row"]', (trs) =>
      trs.map((t) => Number(t.getAttribute("data-score"))),
    );
    expect(scores.length).toBeGreaterThan(0);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    await page.screenshot({ path: join(ARTIFACTS, "dashboard-red-items.png"), fullPage: true });

    expect(errors).toEqual([]);
    await context.close();
  });

  it("phone: the street leader's overview fits the screen; another street is a 403 page", async () => {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.setViewport({
      width: 390,
      height: 844,
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
    });
    await signIn(page, "/dashboard", "street-leader");
    await chartsDrawn(page);
    const report = await api(`/api/v1/indicators?period=${PERIOD}`, "street-leader");
    const street = report.units[0].code as string;
    expect(page.url()).toBe(`${base}/dashboard/${street}?period=${PERIOD}`);
    await expectPageEqualsApi(page, street, PERIOD, "street-leader");
    // Nothing but the scrollable table is wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );
    await page.screenshot({ path: join(ARTIFACTS, "dashboard-phone.png"), fullPage: true });

    const siblings = await api(`/api/v1/indicators?period=${PERIOD}&children=true`, "leader");
    const other = (siblings.units.slice(1) as { code: string }[]).find((u) => u.code !== street)!;
    const res = await page.goto(`${base}/dashboard/${other.code}?period=${PERIOD}`);
    expect(res?.status()).toBe(403);
    expect(await page.$eval("h1", (h) => h.textContent)).toBe("无权访问");
    await page.screenshot({ path: join(ARTIFACTS, "dashboard-403-phone.png"), fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });

  it("report panel: a street leader generates a draft, follows it and downloads it; the district leader publishes it; a clerk sees no panel", async () => {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("dialog", (d) => void d.accept());
    await page.setViewport({ width: 1366, height: 768 });
    await signIn(page, "/dashboard", "street-leader");
    await chartsDrawn(page);
    const street = new URL(page.url()).pathname.split("/").pop()!;
    const before = await api(`/api/v1/reports?orgUnit=${street}&period=${PERIOD}`, "street-leader");
    expect(await page.$$('[data-testid="report-list"] tr[data-report]')).toHaveLength(
      before.reports.length,
    );

    // Generate: the status line follows the job, then the page reloads with the new row.
    await Promise.all([
      page.waitForNavigation({ timeout: 90_000 }),
      page.click('[data-generate="leadership"]'),
    ]);
    await chartsDrawn(page);
    const after = await api(`/api/v1/reports?orgUnit=${street}&period=${PERIOD}`, "street-leader");
    expect(after.reports.length).toBe(before.reports.length + 1);
    const made = after.reports[0];
    expect(made).toMatchObject({ edition: "leadership", status: "done", version: null });
    const row = `[data-testid="report-list"] tr[data-report="${made.id}"]`;
    expect(await page.$eval(row, (tr) => tr.textContent)).toContain("领导版");
    const pdfHref = await page.$eval(`${row} a[download]`, (a) => a.getAttribute("href"));
    expect(pdfHref).toBe(`/api/v1/reports/${made.id}/pdf`);
    // The link works with the page's own session cookie.
    const pdf = await page.evaluate(async (href) => {
      const res = await fetch(href!, { credentials: "same-origin" });
      const bytes = new Uint8Array(await res.arrayBuffer());
      return {
        status: res.status,
        type: res.headers.get("content-type"),
        head: String.fromCharCode(...bytes.slice(0, 5)),
      };
    }, pdfHref);
    expect(pdf).toEqual({ status: 200, type: "application/pdf", head: "%PDF-" });
    await page.screenshot({ path: join(ARTIFACTS, "dashboard-reports.png"), fullPage: true });

    // A unit never publishes its own report (issue 20): no button for the street's own leader.
    expect(await page.$(`${row} [data-publish]`)).toBeNull();
    const streetUrl = page.url();
    expect(errors).toEqual([]);
    await context.close();

    // The district leader publishes it (after the confirm dialog): the row becomes 第 N 版 and
    // loses its button.
    const districtContext = await browser.createBrowserContext();
    const district = await districtContext.newPage();
    district.on("pageerror", (e) => errors.push(String(e)));
    district.on("dialog", (d) => void d.accept());
    await signIn(district, new URL(streetUrl).pathname + new URL(streetUrl).search, "leader");
    await chartsDrawn(district);
    await Promise.all([district.waitForNavigation(), district.click(`${row} [data-publish]`)]);
    await chartsDrawn(district);
    const published = await api(`/api/v1/reports/${made.id}`, "street-leader");
    expect(published.version).toBeGreaterThanOrEqual(1);
    expect(await district.$eval(row, (tr) => tr.textContent)).toContain(
      `第 ${published.version} 版`,
    );
    expect(await district.$(`${row} [data-publish]`)).toBeNull();
    expect(errors).toEqual([]);
    await districtContext.close();

    // A clerk reads indicators but not reports: no panel.
    const clerkContext = await browser.createBrowserContext();
    const clerkPage = await clerkContext.newPage();
    await signIn(clerkPage, "/dashboard", "clerk");
    await chartsDrawn(clerkPage);
    expect(await clerkPage.$('[data-testid="report-list"]')).toBeNull();
    await clerkContext.close();
  }, 150_000);
});
