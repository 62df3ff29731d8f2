import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_PASSWORD, seedSmallWorld } from "../../../test/accounts.ts";
import { ensureBundles, launchChromium } from "../../../test/browser.ts";
import { openTestEnv, type TestEnv } from "../../../test/stores.ts";

// Issue 21, point 3, in real Chromium at 1440 px and 390 px: the city-wide administrator signs
// in, reaches 系统管理 through the navigation, creates a user (a taken name is refused with the
// Chinese reason beside the form), creates an API key (its secret shown once, gone after a
// reload) and finds the audit entries of both through the filters. Screenshots go to SHOTS
// (h21-access-*.png) for a person to look at.

const SHOTS = process.env.SHOTS_DIR ?? join(process.cwd(), "test-artifacts");
mkdirSync(SHOTS, { recursive: true });

describe("系统管理 in Chromium", () => {
  let env: TestEnv;
  let browser: Browser;
  beforeAll(async () => {
    await ensureBundles();
    env = await openTestEnv("pglite", { ADMIN_PASSWORD });
    await seedSmallWorld(env);
    browser = await launchChromium();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await env?.close();
  });

  const shot = (page: Page, name: string) =>
    page.screenshot({ path: join(SHOTS, `h21-access-${name}.png`), fullPage: true });
  const noSideScroll = (page: Page) =>
    page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  const text = (page: Page, selector: string) =>
    page.$eval(selector, (el) => (el.textContent ?? "").trim());
  const follow = async (page: Page, selector: string) => {
    await Promise.all([page.waitForNavigation(), page.click(selector)]);
  };

  for (const width of [1440, 390]) {
    it(`creates a user and a key and finds both in the audit log at ${width} px`, async () => {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      await page.setViewport({ width, height: width < 500 ? 844 : 900 });
      // As an administrator arrives: the sign-in form, then the dashboard (its first render on a
      // loaded machine can take longer than signInThroughForm waits).
      await page.goto(`${env.baseUrl}/login?next=/dashboard`);
      await page.type("#username", "admin");
      await page.type("#password", ADMIN_PASSWORD);
      await Promise.all([page.waitForNavigation({ timeout: 60_000 }), page.click("#login-submit")]);
      expect(new URL(page.url()).pathname).toMatch(/^\/dashboard/);

      // 系统管理 from the navigation.
      await page.waitForSelector('.topbar nav a[href="/admin"]');
      await follow(page, '.topbar nav a[href="/admin"]');
      expect(new URL(page.url()).pathname).toBe("/admin");
      expect(await text(page, "[data-testid=page-title]")).toBe("系统管理");
      expect(await page.$$eval("[data-testid=admin-links] a", (as) => as.length)).toBe(8);
      expect(await noSideScroll(page)).toBe(true);
      await shot(page, `home-${width}`);

      // A user.
      const username = `web.clerk.${width}`;
      await follow(page, "[data-testid=admin-link-users]");
      const form = "[data-testid=user-create]";
      await page.type(`${form} input[name=username]`, username);
      await page.type(`${form} input[name=displayName]`, "王芳");
      await page.type(`${form} input[name=password]`, "password-369");
      await page.select(`${form} select[name=role]`, "clerk");
      await page.type(`${form} input[name=orgUnit]`, "C21");
      await follow(page, `${form} button[type=submit]`);
      expect(await text(page, "[data-testid=admin-message]")).toBe(`已创建用户“${username}”`);
      const row = `tr[data-username="${username}"]`;
      expect(await text(page, row)).toContain("数据填报员");
      expect(await text(page, row)).toContain("丙社区");
      // The same name again: refused beside the form, nothing reloads.
      await page.type(`${form} input[name=username]`, username.toUpperCase());
      await page.type(`${form} input[name=password]`, "password-369");
      await page.type(`${form} input[name=orgUnit]`, "C21");
      await page.click(`${form} button[type=submit]`);
      await page.waitForFunction(
        (f) => document.querySelector(`${f} .status-msg.err`)?.textContent?.includes("已被使用"),
        {},
        form,
      );
      await page.click(`${row} details.manage summary`);
      expect(await noSideScroll(page)).toBe(true);
      await shot(page, `users-${width}`);

      // A key: the secret once.
      const keyName = `网格平台${width}`;
      await page.goto(`${env.baseUrl}/admin/api-keys`);
      await page.type("[data-testid=key-create] input[name=name]", keyName);
      await page.type("[data-testid=key-create] input[name=orgUnit]", "C21");
      await page.click("[data-testid=key-create] button[type=submit]");
      await page.waitForSelector("[data-testid=new-key]:not([hidden])");
      const secret = await text(page, "[data-key-secret]");
      expect(secret).toMatch(/^k369_/);
      expect(await text(page, "[data-testid=new-key]")).toContain("只显示这一次");
      expect(await noSideScroll(page)).toBe(true);
      await shot(page, `key-created-${width}`);
      await follow(page, "[data-testid=key-done]");
      expect(await page.content()).not.toContain(secret);
      const keyRow = `tr[data-key-name="${keyName}"]`;
      expect(await text(page, keyRow)).toContain(`${secret.slice(0, 10)}…`);
      expect(await text(page, keyRow)).toContain("有效");

      // Both in the audit log, found by actor and unit; then the user alone by action.
      await page.goto(`${env.baseUrl}/admin/audit`);
      await page.type("[data-testid=audit-filter] input[name=actor]", "admin");
      await page.type("[data-testid=audit-filter] input[name=unit]", "C21");
      await follow(page, "[data-testid=audit-filter] button[type=submit]");
      const targets = await page.$$eval("[data-testid=audit-target]", (tds) =>
        tds.map((td) => td.textContent ?? ""),
      );
      expect(targets.some((t) => t.includes(`user: ${username}`))).toBe(true);
      expect(targets.some((t) => t.includes("api-key: ") && t.includes(keyName))).toBe(true);
      expect(await noSideScroll(page)).toBe(true);
      await shot(page, `audit-${width}`);
      await page.select("[data-testid=audit-filter] select[name=action]", "users.manage");
      await follow(page, "[data-testid=audit-filter] button[type=submit]");
      const users = await page.$$eval("tr[data-entry]", (trs) =>
        trs.map((tr) => tr.getAttribute("data-action")),
      );
      expect(users.length).toBeGreaterThan(0);
      expect(new Set(users)).toEqual(new Set(["users.manage"]));
      expect(await page.$eval("[data-testid=audit-export]", (a) => a.getAttribute("href"))).toBe(
        "/admin/audit/export?actor=admin&action=users.manage&unit=C21",
      );
      await context.close();
    });
  }
});
