import { mkdirSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Browser, Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_PASSWORD, seedSmallWorld } from "../../test/accounts.ts";
import { ensureBundles, launchChromium } from "../../test/browser.ts";
import { call } from "../../test/http.ts";
import { openTestEnv, type TestEnv } from "../../test/stores.ts";

// The rectification pages in real Chromium: C11's clerk works a 督办 task on a phone (390 px:
// the list with its overdue / due-soon badge, the task page, measures and a photo, 提交验收);
// S1's leader verifies it on a desktop (1440 px: the 验收 queue with the photo, 验收销号), and
// the 整改台账 shows it verified. Screenshots go to SHOTS (/work/notes/shots/h19-*.png).

const SHOTS = process.env.SHOTS ?? join(process.cwd(), "test-artifacts");
mkdirSync(SHOTS, { recursive: true });
const NOW = new Date("2026-10-20T02:00:00Z");
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAIAAACQkWg2AAAAKElEQVR4nGP8z8Dwn4EIwESMolGFowpHFY4qHFU4qnBU4ajCwa0QAFNmAh/hIfYyAAAAAElFTkSuQmCC",
  "base64",
);

describe("rectification pages in Chromium (pglite)", () => {
  let env: TestEnv;
  let browser: Browser;
  let id: number;

  const open = async (width: number, username: string, path: string) => {
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
    await page.type("#username", username);
    await page.type("#password", "password-369");
    await Promise.all([page.waitForNavigation(), page.click("#login-submit")]);
    expect(page.url()).toBe(env.baseUrl + path);
    return { page, errors, close: () => context.close() };
  };
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: join(SHOTS, `h19-${name}.png`), fullPage: true });
  const fits = async (page: Page, width: number) =>
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      width,
    );

  beforeAll(async () => {
    await ensureBundles();
    env = await openTestEnv("pglite", { ADMIN_PASSWORD }, { now: () => NOW });
    const t = await seedSmallWorld(env);
    const user = await call(env.baseUrl, "POST", "/api/v1/users", {
      token: t.admin,
      json: { username: "clerk-c11", role: "clerk", orgUnit: "C11", password: "password-369" },
    });
    expect(user.status, user.text).toBe(201);
    const opened = await call(env.baseUrl, "POST", "/api/v1/rectifications", {
      token: t["leader-d1"],
      json: {
        orgUnit: "C11",
        period: "2026Q3",
        indicator: "G1",
        instruction: "主动发现率连续偏低，请组织网格员加密巡查，月底前报送整改情况",
        deadline: "2026-10-22",
      },
    });
    expect(opened.status, opened.text).toBe(201);
    id = opened.body.id;
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await env?.close();
  });

  it("phone: the unit's clerk reports measures and a photo and submits for verification", async () => {
    const { page, errors, close } = await open(
      390,
      "clerk-c11",
      "/dashboard/C11/tasks?period=2026Q3",
    );
    expect(
      await page.$eval("[data-testid=task-alerts]", (a) => a.getAttribute("data-due-soon")),
    ).toBe("1");
    await fits(page, 390);
    await shot(page, "tasks-390");
    await Promise.all([
      page.waitForNavigation(),
      page.click(`[data-testid=task-card][data-id="${id}"]`),
    ]);
    expect(await page.$eval("[data-testid=instruction]", (d) => d.textContent)).toContain(
      "加密巡查",
    );
    await page.type("#work-measures", "网格员每日巡查两次，发现问题当日上报；更换破损井盖 3 处");
    await page.type("#work-note", "已完成整改，附现场照片");
    const tmp = join(SHOTS, "h19-evidence-test.png");
    await writeFile(tmp, PNG);
    const file = await page.$("#work-files");
    await (file as unknown as { uploadFile(p: string): Promise<void> }).uploadFile(tmp);
    await fits(page, 390);
    await shot(page, "task-390");
    await Promise.all([
      page.waitForNavigation({ timeout: 15_000 }),
      page.click("[data-testid=work-submit]"),
    ]);
    expect(await page.$eval("[data-testid=task]", (a) => a.getAttribute("data-state"))).toBe(
      "submitted",
    );
    expect(await page.$("[data-testid=task-work]")).toBeNull();
    expect(await page.$eval("[data-testid=measures]", (d) => d.textContent)).toContain(
      "更换破损井盖 3 处",
    );
    expect(await page.$$eval("[data-testid=evidence] img", (i) => i.length)).toBe(1);
    await shot(page, "task-submitted-390");
    await page.setViewport({ width: 1440, height: 900 });
    await page.goto(`${env.baseUrl}/dashboard/C11/tasks?period=2026Q3`);
    await shot(page, "tasks-1440");
    expect(errors).toEqual([]);
    await close();
  }, 60_000);

  it("desktop: the street leader sees the photo in the 验收 queue and verifies", async () => {
    const { page, errors, close } = await open(
      1440,
      "leader-s1",
      "/dashboard/S1/verify?period=2026Q3",
    );
    const task = `[data-testid=verify-task][data-id="${id}"]`;
    await page.waitForSelector(task);
    await page.waitForFunction(
      () => {
        const img = document.querySelector<HTMLImageElement>("[data-testid=evidence] img");
        return img?.complete && img.naturalWidth === 16;
      },
      { timeout: 10_000 },
    );
    await shot(page, "verify-1440");
    await page.type(`${task} textarea`, "现场核查属实，同意销号");
    await Promise.all([
      page.waitForNavigation({ timeout: 15_000 }),
      page.click(`${task} button[data-decision=verify]`),
    ]);
    expect(await page.$("[data-testid=no-verify]")).not.toBeNull();
    await page.goto(`${env.baseUrl}/dashboard/S1/rectifications?period=2026Q3`);
    expect(
      await page.$eval(`[data-testid=ledger-row][data-id="${id}"]`, (r) =>
        r.getAttribute("data-state"),
      ),
    ).toBe("verified");
    await shot(page, "ledger-1440");
    await page.setViewport({
      width: 390,
      height: 844,
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
    });
    await page.reload();
    await fits(page, 390);
    await shot(page, "ledger-390");
    await page.setViewport({ width: 1440, height: 900 });
    await page.goto(`${env.baseUrl}/dashboard/S1?period=2026Q3&charts=0`);
    expect(
      await page.$eval("[data-testid=rect-verified]", (d) => d.getAttribute("data-value")),
    ).toBe("1");
    await shot(page, "overview-1440");
    expect(errors).toEqual([]);
    await close();
  }, 60_000);
});
