import { mkdir, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_PASSWORD, seedSmallWorld } from "../../test/accounts.ts";
import { ensureBundles } from "../../test/browser.ts";
import { HEADLESS_ARGS, launchChromium } from "../../test/chromium.ts";
import { call } from "../../test/http.ts";
import { openTestEnv, STORE_KINDS, type TestEnv } from "../../test/stores.ts";
import { loadExcel, SHEET } from "./workbook/layout.ts";

// The clerk's 季度填报 in real Chromium (issue 21), on a phone (390 px) and a desktop (1440 px):
// S1's clerk signs in from the site's root, follows 季度填报 in the nav (no URL typed), downloads
// the template by its link, uploads a bad copy (every bad cell listed in Chinese, nothing
// written) and a good one (stored, figures shown), then opens C11's page from the list, files it
// online (a bad figure first) and sees the change in its history. The app's clock is 2026-10-20,
// so the quarter being filed is 2026Q3 and its returns are late (due by 10-10).
// Screenshots on PGlite only, to SHOTS (test-artifacts unless set).

const SHOTS = process.env.SHOTS ?? join(process.cwd(), "test-artifacts");
const NOW = new Date("2026-10-20T02:00:00Z");

describe.each(STORE_KINDS)("clerk's 季度填报 in Chromium on %s", (kind) => {
  let env: TestEnv;
  let browser: Browser;
  let t: Awaited<ReturnType<typeof seedSmallWorld>>;
  const shot = (page: Page, name: string) =>
    kind === "pglite"
      ? page.screenshot({ path: join(SHOTS, `h21-clerk-${name}.png`), fullPage: true })
      : null;
  const stored = (code: string) =>
    call(env.baseUrl, "GET", `/api/v1/returns/${code}/2026Q3`, { token: t.admin });

  beforeAll(async () => {
    await ensureBundles();
    await mkdir(SHOTS, { recursive: true });
    env = await openTestEnv(kind, { ADMIN_PASSWORD }, { now: () => NOW });
    t = await seedSmallWorld(env);
    browser = await launchChromium(HEADLESS_ARGS);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await env?.close();
  });

  /** Clicks the template link and waits for the browser to save the file; returns its bytes. */
  async function download(context: BrowserContext, page: Page): Promise<Buffer> {
    const dir = await mkdtemp(join(tmpdir(), "h21-template-"));
    const cdp = await page.createCDPSession();
    await cdp.send("Browser.setDownloadBehavior", {
      behavior: "allow",
      downloadPath: dir,
      browserContextId: (context as unknown as { id?: string }).id,
    });
    await page.click("[data-testid=template-download]");
    for (let i = 0; i < 100; i++) {
      const done = (await readdir(dir)).find((f) => f.endsWith(".xlsx"));
      if (done) return readFile(join(dir, done));
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error("the template was not downloaded");
  }

  async function uploadFile(page: Page, bytes: Uint8Array, name: string) {
    const path = join(await mkdtemp(join(tmpdir(), "h21-upload-")), name);
    await writeFile(path, bytes);
    const input = await page.$("#returns-file");
    await (input as unknown as { uploadFile(p: string): Promise<void> }).uploadFile(path);
    await Promise.all([
      page.waitForNavigation({ timeout: 15_000 }),
      page.click("[data-testid=upload-submit]"),
    ]);
  }

  const text = (page: Page, sel: string) => page.$eval(sel, (e) => e.textContent ?? "");
  const noSideScroll = async (page: Page, width: number) =>
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      width,
    );

  it.each([
    { width: 390, label: "phone", population: 5000, online: 8000 },
    { width: 1440, label: "desktop", population: 6000, online: 8100 },
  ])(
    "$label ($width px): template, a bad and a good upload, and one community online",
    async ({ width, label, population, online }) => {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(String(e)));
      await page.setViewport(
        width < 800
          ? { width, height: 844, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }
          : { width, height: 900 },
      );
      await page.goto(`${env.baseUrl}/`);
      expect(new URL(page.url()).pathname).toBe("/login");
      await page.type("#username", "clerk-s1");
      await page.type("#password", "password-369");
      await Promise.all([page.waitForNavigation(), page.click("#login-submit")]);

      // The nav's 季度填报 opens the quarter being filed.
      await Promise.all([page.waitForNavigation(), page.click('header nav a[href$="/returns"]')]);
      expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe(
        "/dashboard/S1/returns?period=2026Q3",
      );
      expect(await text(page, "h1")).toBe("季度填报 · 一街道 · 2026年第三季度");
      expect(await text(page, "header nav a[aria-current=page]")).toBe("季度填报");
      await noSideScroll(page, width);
      await shot(page, `${label}-list`);

      const template = await download(context, page);
      const { Workbook } = await loadExcel();
      const book = async () => {
        const wb = new Workbook();
        await wb.xlsx.load(template.buffer.slice(0) as ArrayBuffer);
        const ws = wb.getWorksheet(SHEET)!;
        expect([ws.getCell("A5").value, ws.getCell("A6").value]).toEqual(["C11", "C12"]);
        return { wb, ws };
      };

      const bad = await book();
      bad.ws.getCell("C6").value = "约3000";
      bad.ws.getCell("H5").value = -2;
      await uploadFile(page, new Uint8Array(await bad.wb.xlsx.writeBuffer()), "bad.xlsx");
      expect(
        await page.$eval("[data-testid=returns-outcome]", (e) => e.getAttribute("data-ok")),
      ).toBe("0");
      const listed = await page.$$eval("[data-testid=outcome-errors] li", (l) =>
        l.map((e) => e.textContent),
      );
      expect(listed).toEqual([
        "季度填报!H5：-2 是负数，须不小于 0",
        "季度填报!C6：「约3000」不是数字",
      ]);
      await noSideScroll(page, width);
      await shot(page, `${label}-bad-upload`);

      const good = await book();
      good.ws.getCell("C6").value = population;
      await uploadFile(page, new Uint8Array(await good.wb.xlsx.writeBuffer()), "good.xlsx");
      expect(await text(page, "[data-testid=returns-outcome] h2")).toContain(
        "已写入：1 个社区已更新",
      );
      expect(await text(page, "[data-testid=outcome-stored]")).toContain(
        `常住人口${population.toLocaleString("zh-CN")}`,
      );
      expect((await stored("C12")).body).toMatchObject({ population, late: true });
      expect(
        await page.$eval("[data-testid=return-row][data-code=C12]", (r) =>
          r.getAttribute("data-state"),
        ),
      ).toBe("late");
      await shot(page, `${label}-good-upload`);

      // C11 online, from its row.
      await Promise.all([
        page.waitForNavigation(),
        page.click("[data-testid=return-row][data-code=C11] [data-testid=fill-online]"),
      ]);
      expect(await text(page, "h1")).toBe("季度填报 · 甲社区 · 2026年第三季度");
      const field = async (name: string, value: string) => {
        await page.click(`#f-${name}`, { count: 3 });
        await page.keyboard.press("Backspace");
        await page.type(`#f-${name}`, value);
      };
      await field("population", "约3000");
      await field("workersInPost", "12");
      await Promise.all([page.waitForNavigation(), page.click("[data-testid=form-submit]")]);
      expect(await text(page, "[data-testid=outcome-errors]")).toBe("常住人口：「约3000」不是数字");
      expect(await page.$eval("#f-population", (i) => i.getAttribute("aria-invalid"))).toBe("true");
      await shot(page, `${label}-form-error`);

      await field("population", String(online));
      await Promise.all([page.waitForNavigation(), page.click("[data-testid=form-submit]")]);
      expect(await text(page, "[data-testid=returns-outcome] h2")).toBe("已保存甲社区的季度填报。");
      expect(await text(page, "[data-testid=community-state]")).toBe("迟报");
      const history = await page.$$eval("[data-testid=history-entry]", (l) =>
        l.map((e) => e.textContent ?? ""),
      );
      expect(history[0]).toContain("clerk-s1");
      expect(history[0]).toContain(`常住人口：`);
      expect(history[0]).toContain(`→ ${online.toLocaleString("zh-CN")}`);
      expect((await stored("C11")).body).toMatchObject({ population: online, workersInPost: 12 });
      await noSideScroll(page, width);
      await shot(page, `${label}-form-saved`);
      expect(errors).toEqual([]);
      await context.close();
    },
    90_000,
  );
});
