import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Browser, Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultSchemeDefinition } from "../../metrics/index.ts";
import { DEMO_PASSWORD } from "../../scripts/demo/generate.ts";
import { ADMIN_PASSWORD } from "../../test/accounts.ts";
import { ensureBundles } from "../../test/browser.ts";
import { HEADLESS_ARGS, launchChromium } from "../../test/chromium.ts";
import { PERIOD, seedExportWorld } from "../../test/fixtures/exports.ts";
import { call } from "../../test/http.ts";
import { openTestEnv, type TestEnv } from "../../test/stores.ts";

// The scoring page (评估打分) in real Chromium: the demo assessor scores a community on a phone
// (390 px: the unit's indicators, two assessor items, a bonus with its reason), saves a draft,
// sees it stored, signs off and sees 已签署 with the form frozen; on a desktop (1440 px) the
// signed page and the community's dashboard show the total, index, assessor score and adjustment
// as GET /indicators answers them, with the legend. Screenshots go to SHOTS.

const SHOTS = process.env.SHOTS ?? join(process.cwd(), "test-artifacts");

describe("scoring page in Chromium (pglite)", () => {
  let env: TestEnv;
  let browser: Browser;
  let w: Awaited<ReturnType<typeof seedExportWorld>>;
  let unit: string;

  const signIn = async (page: Page, path: string) => {
    await page.goto(env.baseUrl + path);
    expect(new URL(page.url()).pathname).toBe("/login");
    await page.type("#username", "assessor");
    await page.type("#password", DEMO_PASSWORD);
    await Promise.all([page.waitForNavigation(), page.click("#login-submit")]);
  };
  const text = (page: Page, testid: string) =>
    page.$eval(`[data-testid=${testid}]`, (e) => e.textContent?.trim() ?? "");
  const press = async (page: Page, testid: string) => {
    await Promise.all([
      page.waitForNavigation({ timeout: 15_000 }),
      page.click(`[data-testid=${testid}]`),
    ]);
  };

  beforeAll(async () => {
    await ensureBundles();
    await mkdir(SHOTS, { recursive: true });
    env = await openTestEnv("pglite", { ADMIN_PASSWORD });
    w = await seedExportWorld(env);
    const definition = {
      ...defaultSchemeDefinition(),
      assessorItems: [
        { code: "A1", name: "制度建设", weight: 2 },
        { code: "A2", name: "群众评议", weight: 1 },
      ],
      adjustmentItems: [
        { code: "B1", name: "创新做法", kind: "bonus", maxPoints: 3 },
        { code: "D1", name: "重大问题", kind: "penalty", maxPoints: 10 },
      ],
      assessorWeight: 0.3,
      adjustmentCap: 5,
    };
    const scheme = await call(env.baseUrl, "POST", "/api/v1/schemes", {
      token: w.tokens.admin,
      json: { id: "369-default", validFromYear: 2026, name: "含评估打分的方案", definition },
    });
    expect(scheme.status, scheme.text).toBe(201);
    const kids = await call(
      env.baseUrl,
      "GET",
      `/api/v1/indicators?period=${PERIOD}&orgUnit=${w.street}&children=true`,
      { token: w.tokens.assessor },
    );
    unit = kids.body.units[1].code;
    browser = await launchChromium(HEADLESS_ARGS);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await env?.close();
  });

  it("phone: scores a community, saves a draft, signs off; desktop: the total and its parts", async () => {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.setViewport({ width: 390, height: 844, isMobile: true, hasTouch: true });
    const path = `/dashboard/${unit}/assessment?period=${PERIOD}`;
    await signIn(page, path);
    expect(page.url()).toBe(env.baseUrl + path);
    expect(await page.$eval("h1", (h) => h.textContent)).toContain("评估打分");
    expect(await text(page, "assessment-state")).toBe("未评估");
    // The unit's 17 indicators beside the items.
    expect(await page.$$eval("[data-testid=assessment-indicators] tbody tr", (r) => r.length)).toBe(
      17,
    );
    await page.type("#score-A1", "90");
    await page.type("textarea[data-comment=A1]", "制度健全，执行到位");
    await page.type("#score-A2", "75");
    await page.type("#points-B1", "2");
    await page.type("textarea[data-reason=B1]", "首创楼道议事会");
    await press(page, "assessment-save");
    expect(await text(page, "assessment-state")).toBe("草稿");
    expect(await page.$eval("#score-A1", (i) => (i as HTMLInputElement).value)).toBe("90");
    expect(await page.$eval("textarea[data-reason=B1]", (t) => t.textContent)).toBe(
      "首创楼道议事会",
    );
    expect(await text(page, "assessment-total")).toContain("暂定");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );
    await page.screenshot({ path: join(SHOTS, "h20-assessment-draft-390.png"), fullPage: true });
    await press(page, "assessment-sign");
    expect(await text(page, "assessment-state")).toBe("已签署");
    expect(await page.$eval("#score-A1", (i) => (i as HTMLInputElement).disabled)).toBe(true);
    expect(await page.$("[data-testid=assessment-save]")).toBeNull();
    expect(await text(page, "assessment-total")).not.toContain("暂定");
    await page.screenshot({ path: join(SHOTS, "h20-assessment-signed-390.png"), fullPage: true });

    // The API agrees: stored, signed, the total (0.7 × index + 0.3 × 85 + 2).
    const api = await call(
      env.baseUrl,
      "GET",
      `/api/v1/indicators?period=${PERIOD}&orgUnit=${unit}`,
      { token: w.tokens.assessor },
    );
    const u = api.body.units[0];
    expect(u.assessorScore).toBeCloseTo((2 * 90 + 75) / 3, 9);
    expect(u.adjustment).toBe(2);
    expect(u.provisional).toBe(false);
    expect(u.total).toBeCloseTo(Math.min(100, 0.7 * u.index + 0.3 * u.assessorScore + 2), 9);

    await page.setViewport({ width: 1440, height: 900 });
    await page.reload();
    await page.screenshot({ path: join(SHOTS, "h20-assessment-1440.png"), fullPage: true });
    await page.goto(`${env.baseUrl}/dashboard/${unit}?period=${PERIOD}&charts=0`);
    const value = (testid: string) =>
      page.$eval(`[data-testid=${testid}]`, (e) => Number(e.getAttribute("data-value")));
    expect(await value("overall-total")).toBeCloseTo(u.total, 9);
    expect(await value("total-index")).toBeCloseTo(u.index, 9);
    expect(await value("total-assessor")).toBeCloseTo(u.assessorScore, 9);
    expect(await value("total-adjustment")).toBe(2);
    expect(await text(page, "total-legend")).toContain("评估得分");
    await page.screenshot({ path: join(SHOTS, "h20-dashboard-1440.png"), fullPage: false });
    await page.setViewport({ width: 390, height: 844, isMobile: true, hasTouch: true });
    await page.reload();
    const card = await page.$("[data-testid=total-card]");
    await card!.screenshot({ path: join(SHOTS, "h20-dashboard-total-390.png") });
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
