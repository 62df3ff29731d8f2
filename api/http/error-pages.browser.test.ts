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

// Issue 21, point 4, in real Chromium at 390 px (phone) and 1440 px: each role's navigation
// starts with its own work and fits the width; a wrong address shows the Chinese 404 page with
// that navigation and the site icon. Screenshots go to test-artifacts/ (h21-all-*.png).

const PERIOD = "2026Q3";
const ARTIFACTS = join(process.cwd(), "test-artifacts");

/** Each role's first navigation entries (its own work), as the role sees them. */
const FIRST: Record<string, string[]> = {
  clerk: ["季度填报", "整改任务", "核减申请"],
  assessor: ["评估工作台", "评估打分", "问卷核查", "核减申请", "整改验收"],
  admin: ["系统管理", "季度关账", "驾驶舱"],
  leader: ["驾驶舱", "红色指标", "整改验收"],
};

let store: Store;
let server: ReturnType<typeof serve>;
let base: string;
let browser: Browser;
let assets: string;

async function signedIn(username: string, width: number): Promise<Page> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({ width, height: width < 500 ? 844 : 900 });
  await page.goto(`${base}/login?next=/dashboard`);
  await page.type("#username", username);
  await page.type("#password", DEMO_PASSWORD);
  await Promise.all([page.waitForNavigation(), page.click("#login-submit")]);
  return page;
}

const navLabels = (page: Page) =>
  page.$$eval('nav[aria-label="主导航"] a', (as) => as.map((a) => a.textContent?.trim() ?? ""));

/** The document is no wider than the viewport (nothing sticks out sideways). */
const noSideScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

beforeAll(async () => {
  assets = await mkdtemp(join(tmpdir(), "h21-web-"));
  await buildWeb(assets);
  await mkdir(ARTIFACTS, { recursive: true });
  const config = loadConfig({ SEED_DEMO: "0", LOG_LEVEL: "silent", REPORT_CRON: "off" });
  store = await createPgliteStore(null);
  await prepareStore(store, config, createLogger("silent"));
  await seedDemo(store, { streets: 2, communitiesPerStreet: 2, quarters: [PERIOD] });
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

describe("each role's navigation and the Chinese 404 page in Chromium", () => {
  for (const width of [390, 1440]) {
    for (const role of Object.keys(FIRST)) {
      it(`${role} at ${width} px`, async () => {
        const page = await signedIn(role, width);
        expect(new URL(page.url()).pathname).toMatch(/^\/dashboard\//);
        const labels = await navLabels(page);
        expect(labels.slice(0, FIRST[role]!.length)).toEqual(FIRST[role]);
        expect(labels.includes("接口文档")).toBe(role === "admin" || role === "assessor");
        expect(await noSideScroll(page)).toBe(true);
        await page.screenshot({ path: join(ARTIFACTS, `h21-all-nav-${role}-${width}.png`) });

        const res = await page.goto(`${base}/no/such/page`);
        expect(res?.status()).toBe(404);
        expect(await page.$eval("h1", (h) => h.textContent)).toBe("页面不存在");
        expect(await page.$eval('[data-testid="error-404"] p', (p) => p.textContent)).toContain(
          "没有这个页面：/no/such/page",
        );
        expect((await navLabels(page)).slice(0, FIRST[role]!.length)).toEqual(FIRST[role]);
        // The site icon loads (the browser asks for the linked SVG).
        const icon = await page.$eval('link[rel="icon"]', (l) => (l as HTMLLinkElement).href);
        const iconRes = await page.evaluate(async (u) => (await fetch(u)).status, icon);
        expect(iconRes).toBe(200);
        expect(await noSideScroll(page)).toBe(true);
        if (role === "clerk" || width === 390) {
          await page.screenshot({ path: join(ARTIFACTS, `h21-all-404-${role}-${width}.png`) });
        }
        await page.browserContext().close();
      }, 60_000);
    }
  }

  it("anonymous visitors get the 404 page with a way to sign in", async () => {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    await page.setViewport({ width: 390, height: 844 });
    const res = await page.goto(`${base}/nope`);
    expect(res?.status()).toBe(404);
    expect(await page.$eval("h1", (h) => h.textContent)).toBe("页面不存在");
    expect(await page.$('nav[aria-label="主导航"]')).toBeNull();
    expect(await page.$eval('[data-testid="error-404"] a', (a) => a.textContent)).toBe("登录");
    await page.screenshot({ path: join(ARTIFACTS, "h21-all-404-anonymous-390.png") });
    await context.close();
  });
});
