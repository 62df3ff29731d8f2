import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_PASSWORD, seedSmallWorld } from "../../test/accounts.ts";
import { ensureBundles, launchChromium } from "../../test/browser.ts";
import { call } from "../../test/http.ts";
import { openTestEnv, type TestEnv } from "../../test/stores.ts";

// The setup pages under 系统管理 in real Chromium. On a desktop (1440 px) the city administrator
// opens 考核方案, changes G1's weight in the form prefilled from version 1, previews the change,
// saves version 2 and finds it, with its change, on the page and in the audit log. On a phone
// (390 px) they browse the org tree down to a community and set its population for 2026.
// The branch has no /admin home yet, so the test starts at /admin/schemes. Screenshots go to
// SHOTS (test-artifacts by default).

const SHOTS = process.env.SHOTS ?? join(process.cwd(), "test-artifacts");
mkdirSync(SHOTS, { recursive: true });
const NOW = new Date("2026-10-20T02:00:00Z");

describe("setup pages in Chromium (pglite)", () => {
  let env: TestEnv;
  let browser: Browser;
  let admin: string;

  const open = async (width: number, path: string) => {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.setViewport(
      width < 500
        ? { width, height: 844, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }
        : { width, height: 900 },
    );
    await page.goto(env.baseUrl + path);
    await page.type("#username", "admin");
    await page.type("#password", ADMIN_PASSWORD);
    await Promise.all([page.waitForNavigation(), page.click("#login-submit")]);
    expect(page.url()).toBe(env.baseUrl + path);
    return { page, errors, close: () => context.close() };
  };
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: join(SHOTS, `h21-setup-${name}.png`), fullPage: true });
  const fits = async (page: Page, width: number) =>
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      width,
    );
  const setValue = async (page: Page, selector: string, value: string) => {
    await page.$eval(selector, (el) => {
      (el as HTMLInputElement).value = "";
    });
    await page.type(selector, value);
  };

  beforeAll(async () => {
    await ensureBundles();
    env = await openTestEnv("pglite", { ADMIN_PASSWORD }, { now: () => NOW });
    admin = (await seedSmallWorld(env)).admin;
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await env?.close();
  });

  it("desktop: creates a scheme version from the previous one, diff first, and it is audited", async () => {
    const list = await call(env.baseUrl, "GET", "/api/v1/schemes?id=369-default", {
      token: admin,
    });
    const g1 = list.body.schemes[0].definition.indicators.G1.weight as number;
    const { page, errors, close } = await open(1440, "/admin/schemes");
    expect(
      await page.$eval("[data-testid=tab-schemes]", (a) => a.getAttribute("aria-current")),
    ).toBe("page");
    expect(await page.$eval("[data-testid=crumb-admin]", (a) => a.getAttribute("href"))).toBe(
      "/admin",
    );
    expect(
      await page.$eval("[data-testid=scheme-save]", (b) => (b as HTMLButtonElement).disabled),
    ).toBe(true);
    await setValue(page, 'input[name="ind:G1:weight"]', String(g1 + 2));
    await setValue(page, 'input[name="name"]', "2027 年方案");
    await page.click("[data-testid=scheme-preview]");
    const preview = await page.$$eval("[data-testid=preview-changes] li", (items) =>
      items.map((li) => ({
        code: li.getAttribute("data-code"),
        field: li.getAttribute("data-field"),
        text: li.textContent,
      })),
    );
    expect(preview).toHaveLength(1);
    expect(preview[0]).toMatchObject({ code: "G1", field: "weight" });
    expect(preview[0]?.text).toContain(`权重：${g1} → ${g1 + 2}`);
    await shot(page, "scheme-diff-1440");
    await Promise.all([
      page.waitForNavigation({ timeout: 15_000 }),
      page.click("[data-testid=scheme-save]"),
    ]);
    const v2 = await page.$$eval(
      '[data-testid=scheme-version][data-version="2"] [data-testid=changes] li',
      (items) => items.map((li) => li.textContent),
    );
    expect(v2).toHaveLength(1);
    expect(v2[0]).toContain(`权重：${g1} → ${g1 + 2}`);
    expect(await page.$eval("#new-h", (h) => h.textContent)).toContain("从第 2 版新建");
    await fits(page, 1440);
    await shot(page, "schemes-saved-1440");
    const audit = await call(env.baseUrl, "GET", "/api/v1/audit?actor=admin", { token: admin });
    const entry = audit.body.entries.find(
      (e: { method: string; path: string }) => e.method === "POST" && e.path === "/api/v1/schemes",
    );
    expect(entry).toMatchObject({ status: 201, target: "scheme: 369-default v2" });
    expect(entry.detail).toMatchObject({ id: "369-default", version: 2, validFromYear: 2027 });
    const stored = await call(env.baseUrl, "GET", "/api/v1/schemes?id=369-default", {
      token: admin,
    });
    expect(stored.body.schemes[1].definition.indicators.G1.weight).toBe(g1 + 2);
    expect(stored.body.schemes[1].name).toBe("2027 年方案");
    for (const path of ["/admin/org-units?unit=S1", "/admin/surveys", "/admin/reports"]) {
      await page.goto(env.baseUrl + path);
      await fits(page, 1440);
      await shot(page, `${path.split("/")[2]?.split("?")[0]}-1440`);
    }
    expect(errors).toEqual([]);
    await close();
  }, 180_000);

  it("phone: browses the tree to a community and sets its population for 2026", async () => {
    const { page, errors, close } = await open(390, "/admin/org-units");
    await fits(page, 390);
    await shot(page, "org-roots-390");
    for (const code of ["D1", "S1", "C12"]) {
      await Promise.all([
        page.waitForNavigation(),
        page.click(`tr[data-code="${code}"] [data-testid=child-link]`),
      ]);
    }
    expect(await page.$eval("[data-testid=unit]", (s) => s.getAttribute("data-code"))).toBe("C12");
    expect(await page.$("[data-testid=no-years]")).not.toBeNull();
    await setValue(page, "[data-testid=facts-population]", "4321");
    await setValue(page, 'input[name="households"]', "1500");
    await fits(page, 390);
    await shot(page, "org-edit-390");
    await Promise.all([
      page.waitForNavigation({ timeout: 15_000 }),
      page.click("[data-testid=facts-save]"),
    ]);
    const row = await page.$$eval('[data-testid=years] tr[data-year="2026"] td', (tds) =>
      tds.map((td) => td.getAttribute("data-value")),
    );
    expect(row).toEqual([null, "4321", "1500"]);
    await shot(page, "org-saved-390");
    const tree = await call(env.baseUrl, "GET", "/api/v1/org-units?root=C12", { token: admin });
    expect(tree.body.units[0]).toMatchObject({
      population: 4321,
      households: 1500,
      factsYear: 2026,
    });
    for (const path of ["/admin/schemes", "/admin/surveys", "/admin/reports"]) {
      await page.goto(env.baseUrl + path);
      await fits(page, 390);
      await shot(page, `${path.split("/")[2]}-390`);
    }
    expect(errors).toEqual([]);
    await close();
  }, 180_000);
});
