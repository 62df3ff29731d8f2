import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Browser, Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_PASSWORD, seedSmallWorld } from "../../test/accounts.ts";
import { ensureBundles } from "../../test/browser.ts";
import { HEADLESS_ARGS, launchChromium } from "../../test/chromium.ts";
import { call } from "../../test/http.ts";
import { openTestEnv, STORE_KINDS, type TestEnv } from "../../test/stores.ts";

// The street's review in real Chromium on a phone (390 px, issue 21): S1's leader signs in,
// follows 季度填报 in the nav, sends C11's return back with a reason; S1's clerk signs in and sees
// 已退回 and the reason on the same page. Screenshots on PGlite only, to SHOTS (test-artifacts
// unless set).

const SHOTS = process.env.SHOTS ?? join(process.cwd(), "test-artifacts");
const NOW = new Date("2026-10-20T02:00:00Z");
const REASON = "志愿者人数与台账不符，请核对后重新报送";

describe.each(STORE_KINDS)(
  "street leader returns a community's return in Chromium on %s",
  (kind) => {
    let env: TestEnv;
    let browser: Browser;
    let t: Awaited<ReturnType<typeof seedSmallWorld>>;
    const shot = (page: Page, name: string) =>
      kind === "pglite"
        ? page.screenshot({ path: join(SHOTS, `h21-returned-${name}.png`), fullPage: true })
        : null;
    const text = (page: Page, sel: string) => page.$eval(sel, (e) => e.textContent ?? "");

    beforeAll(async () => {
      await ensureBundles();
      await mkdir(SHOTS, { recursive: true });
      env = await openTestEnv(kind, { ADMIN_PASSWORD }, { now: () => NOW });
      t = await seedSmallWorld(env);
      const filed = await call(env.baseUrl, "PUT", "/api/v1/returns/C11/2026Q3", {
        token: t["clerk-s1"],
        json: { population: 8000, volunteers: 120, workersInPost: 12 },
      });
      expect(filed.status, filed.text).toBe(200);
      browser = await launchChromium(HEADLESS_ARGS);
    }, 120_000);
    afterAll(async () => {
      await browser?.close();
      await env?.close();
    });

    /** Signs in on a 390 px phone and follows 季度填报 in the nav. */
    async function openReturns(username: string): Promise<Page> {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      await page.setViewport({
        width: 390,
        height: 844,
        isMobile: true,
        hasTouch: true,
        deviceScaleFactor: 2,
      });
      await page.goto(`${env.baseUrl}/`);
      await page.type("#username", username);
      await page.type("#password", "password-369");
      await Promise.all([page.waitForNavigation(), page.click("#login-submit")]);
      await Promise.all([page.waitForNavigation(), page.click('header nav a[href$="/returns"]')]);
      const url = new URL(page.url());
      expect(url.pathname + url.search).toBe("/dashboard/S1/returns?period=2026Q3");
      return page;
    }

    it("390 px: the leader sends C11's return back with a reason; the clerk sees 已退回 and why", async () => {
      const leader = await openReturns("leader-s1");
      const errors: string[] = [];
      leader.on("pageerror", (e) => errors.push(String(e)));
      expect(await leader.$("[data-testid=upload-form]")).toBeNull();
      const item = "[data-testid=review-item][data-code=C11]";
      expect(await text(leader, `${item} [data-testid=review-state]`)).toBe("待审核");
      await leader.type("#reason-C11", REASON);
      await shot(leader, "leader-before");
      await Promise.all([
        leader.waitForNavigation(),
        leader.click(`${item} [data-testid=review-return]`),
      ]);
      expect(await text(leader, "[data-testid=returns-outcome] h2")).toBe(
        `已退回甲社区的季度填报，原因：${REASON}`,
      );
      expect(await text(leader, `${item} [data-testid=review-state]`)).toBe("已退回");
      expect(await leader.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        390,
      );
      await shot(leader, "leader-after");
      expect(errors).toEqual([]);

      const clerk = await openReturns("clerk-s1");
      const row = "[data-testid=return-row][data-code=C11]";
      expect(await text(clerk, `${row} [data-testid=review-state]`)).toBe("已退回");
      expect(await text(clerk, `${row} [data-testid=review-reason]`)).toContain(
        `退回原因：${REASON}`,
      );
      expect(await text(clerk, "[data-testid=count-returned] strong")).toBe("1");
      expect(await clerk.$("[data-testid=review-form]")).toBeNull();
      expect(await clerk.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        390,
      );
      await shot(clerk, "clerk");
    }, 120_000);
  },
);
