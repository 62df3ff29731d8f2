import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatPeriod, quarterOf } from "../../shapes/periods.ts";
import { ADMIN_PASSWORD, seedSmallWorld } from "../../test/accounts.ts";
import { ensureBundles, launchChromium, signInThroughForm } from "../../test/browser.ts";
import { seedIndicatorWorld } from "../../test/fixtures/indicator-world.ts";
import { call } from "../../test/http.ts";
import { openTestEnv, STORE_KINDS, type TestEnv } from "../../test/stores.ts";

// The closing page and the dashboard's 已关账 / 实时 badge in real Chromium, at 1440 px and at
// 390 px: an administrator closes 2026Q3 (the page says what closing does), reopens it with a
// reason, closes it again; the dashboard shows the official figures' version and the late cases.
// A district leader gets the Chinese 403 page. Screenshots go to SHOTS for a person to look at.
// The key flow (closing, reopening and closing again from the page) runs on both stores; the
// dashboard views of the closed quarter (overview, red items, data quality, live on request, at
// both widths) and the 403 page on PGlite (their figures are tested on both in
// closed-views.test.ts).

const SHOTS = process.env.SHOTS_DIR ?? join(process.cwd(), "test-artifacts");
mkdirSync(SHOTS, { recursive: true });

describe.each(STORE_KINDS)("closing quarters in Chromium on %s", (kind) => {
  let env: TestEnv;
  const onPglite = kind === "pglite";
  const shot = (page: Page, name: string, fullPage = true) =>
    onPglite ? page.screenshot({ path: `${SHOTS}/${name}`, fullPage }) : null;
  let browser: Browser;
  let t: Awaited<ReturnType<typeof seedSmallWorld>>;

  beforeAll(async () => {
    await ensureBundles();
    env = await openTestEnv(kind, { ADMIN_PASSWORD });
    t = await seedSmallWorld(env);
    // The closing flow needs no figures; the dashboard views (PGlite only) do.
    if (onPglite) await seedIndicatorWorld(env, t.admin);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await env?.close();
  });

  async function adminPage(width: number, height: number): Promise<Page> {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    await page.setViewport({ width, height });
    await signInThroughForm(
      page,
      `${env.baseUrl}/login?next=/admin/periods`,
      "admin",
      ADMIN_PASSWORD,
    );
    expect(new URL(page.url()).pathname).toBe("/admin/periods");
    return page;
  }
  const status = (page: Page, period: string) =>
    page.$eval(`tr[data-period="${period}"] [data-testid=period-status]`, (el) =>
      el.getAttribute("data-status"),
    );
  const rowText = (page: Page, period: string) =>
    page.$eval(`tr[data-period="${period}"]`, (el) => el.textContent ?? "");
  const submit = async (page: Page, period: string) => {
    const nav = page.waitForNavigation({ timeout: 20_000 });
    await page.click(`tr[data-period="${period}"] form button`);
    await nav;
  };
  const noOverflow = (page: Page) =>
    page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

  it("closes, reopens with a reason and closes again from the page (1440 px)", async () => {
    const page = await adminPage(1440, 900);
    const help = await page.$eval("[data-testid=closing-help]", (el) => el.textContent ?? "");
    for (const phrase of ["冻结正式数据", "开启整改", "之后的数据标记为迟到", "迟报", "重新开账"]) {
      expect(help).toContain(phrase);
    }
    const current = formatPeriod(quarterOf(new Date()));
    expect(await status(page, current)).toBe("running");
    expect(await rowText(page, current)).toContain("季度结束后可关账");
    expect(await page.$(`tr[data-period="${current}"] form`)).toBeNull();
    expect(await status(page, "2026Q3")).toBe("open");
    await shot(page, "h18-periods-1440-open.png");

    // Without the confirmation the browser does not submit.
    await page.click('tr[data-period="2026Q3"] form button');
    await new Promise((r) => setTimeout(r, 300));
    expect(await status(page, "2026Q3")).toBe("open");
    await page.click('tr[data-period="2026Q3"] input[name=confirm]');
    await submit(page, "2026Q3");
    expect(await status(page, "2026Q3")).toBe("closed");
    expect(await rowText(page, "2026Q3")).toContain("第 1 版");

    // Reopening needs a reason.
    await page.click('tr[data-period="2026Q3"] form button');
    await new Promise((r) => setTimeout(r, 300));
    expect(await status(page, "2026Q3")).toBe("closed");
    await page.type('tr[data-period="2026Q3"] textarea', "街道补报回访数据");
    await submit(page, "2026Q3");
    expect(await status(page, "2026Q3")).toBe("open");
    expect(await rowText(page, "2026Q3")).toContain("原因：街道补报回访数据");

    await page.click('tr[data-period="2026Q3"] input[name=confirm]');
    await submit(page, "2026Q3");
    expect(await rowText(page, "2026Q3")).toContain("已关账 · 第 2 版");
    await shot(page, "h18-periods-1440-closed.png");
    await page.browserContext().close();

    const periods = await call(env.baseUrl, "GET", "/api/v1/periods", { token: t.admin });
    const q3 = periods.body.periods.find((p: { period: string }) => p.period === "2026Q3");
    expect(q3).toMatchObject({ status: "closed", version: 2 });
  });

  it.runIf(onPglite)(
    "shows 已关账 with version and date, the late cases, and 实时 for an open quarter",
    async () => {
      const late = await call(env.baseUrl, "POST", "/api/v1/cases/batch", {
        token: t.admin,
        json: {
          cases: [
            {
              source: "late",
              externalId: "l1",
              orgUnit: "C11",
              kind: "service",
              channel: "window",
              reportedAt: "2026-09-10T09:00:00+08:00",
            },
          ],
        },
      });
      expect(late.status, late.text).toBe(200);
      for (const [width, height] of [
        [1440, 900],
        [390, 844],
      ] as const) {
        const page = await adminPage(width, height);
        await page.goto(`${env.baseUrl}/dashboard/S1?period=2026Q3&charts=0`);
        const badge = await page.$eval("[data-testid=period-state]", (el) => ({
          status: el.getAttribute("data-status"),
          version: el.getAttribute("data-version"),
          text: el.textContent ?? "",
        }));
        expect(badge.status).toBe("closed");
        expect(badge.version).toBe("2");
        expect(badge.text).toContain("已关账");
        expect(badge.text).toMatch(/第 2 版 · \d{4}-\d{2}-\d{2} 关账/);
        expect(badge.text).toContain("关账后新到或变更 1 件工单");
        // The index shown is the official one.
        const official = await call(
          env.baseUrl,
          "GET",
          "/api/v1/indicators?period=2026Q3&orgUnit=S1",
          {
            token: t.admin,
          },
        );
        expect(official.body.official).toBe(true);
        const shown = await page.$eval('[data-testid="overall-index"]', (el) =>
          el.getAttribute("data-value"),
        );
        expect(Number(shown)).toBe(official.body.units[0].index);
        expect(await noOverflow(page)).toBe(true);
        await shot(page, `h18-dashboard-closed-${width}.png`, false);

        expect(
          await page.$eval(
            '[data-testid="period-select"] option[value="2026Q3"]',
            (o) => o.textContent,
          ),
        ).toBe("2026年第三季度（已关账）");

        // The same quarter live, on request: the badge says it is closed and links back.
        await Promise.all([page.waitForNavigation(), page.click("[data-testid=live-link]")]);
        expect(new URL(page.url()).searchParams.get("live")).toBe("true");
        expect(
          await page.$eval("[data-testid=period-state]", (el) => el.textContent ?? ""),
        ).toContain("查看正式数据（第 2 版）");
        expect(await noOverflow(page)).toBe(true);
        await shot(page, `h18-dashboard-live-${width}.png`, false);

        // The red items and the data-quality page of the closed quarter say so too.
        await page.goto(`${env.baseUrl}/dashboard/S1/red-items?period=2026Q3`);
        expect(
          await page.$eval("[data-testid=period-state]", (el) => el.getAttribute("data-status")),
        ).toBe("closed");
        expect(await noOverflow(page)).toBe(true);
        await shot(page, `h18-red-items-closed-${width}.png`);
        await page.goto(`${env.baseUrl}/dashboard/S1/data-quality?period=2026Q3`);
        expect(
          await page.$eval("[data-testid=dq-closed-note]", (el) => el.textContent ?? ""),
        ).toContain("关账后新到或变更的工单 1 件");
        expect(await noOverflow(page)).toBe(true);
        await shot(page, `h18-data-quality-closed-${width}.png`);

        await page.goto(`${env.baseUrl}/dashboard/S1?period=2026Q2&charts=0`);
        expect(
          await page.$eval("[data-testid=period-state]", (el) => el.textContent ?? ""),
        ).toContain("实时");

        if (width === 390) {
          await page.goto(`${env.baseUrl}/admin/periods`);
          expect(await noOverflow(page)).toBe(true);
          await shot(page, "h18-periods-390.png");
        }
        await page.browserContext().close();
      }
    },
  );

  it.runIf(onPglite)(
    "gives a district leader the Chinese 403 page, and no link to it",
    async () => {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      await signInThroughForm(
        page,
        `${env.baseUrl}/login?next=/dashboard`,
        "leader-d1",
        "password-369",
      );
      expect(await page.$('a[href="/admin/periods"]')).toBeNull();
      const res = await page.goto(`${env.baseUrl}/admin/periods`);
      expect(res?.status()).toBe(403);
      expect(await page.$eval("[data-testid=error-403]", (el) => el.textContent ?? "")).toContain(
        "管理员",
      );
      await context.close();
    },
  );
});
