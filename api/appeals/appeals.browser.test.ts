import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Browser, Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_PASSWORD, seedSmallWorld } from "../../test/accounts.ts";
import { ensureBundles } from "../../test/browser.ts";
import { HEADLESS_ARGS, launchChromium } from "../../test/chromium.ts";
import { APPEAL_PERIOD, IN_WINDOW, seedAppealWorld } from "../../test/fixtures/appeal-world.ts";
import { call } from "../../test/http.ts";
import { openTestEnv, STORE_KINDS, type TestEnv } from "../../test/stores.ts";

// The appeals pages in real Chromium: C11's clerk files an appeal from G2's case list on a phone
// (390 px: pick a case, reason, note, a PNG as evidence); S1's leader reviews the queue on a
// desktop (1440 px: pending first, cases, the evidence image, the effect on C11's and S1's
// figures) and approves it; the figures move. Screenshots go to /work/notes/shots/ (SHOTS).
// The flow (filing, then deciding) runs on both stores: the pages' writes go through each; the
// screenshots are taken on PGlite only.

const SHOTS = process.env.SHOTS ?? join(process.cwd(), "test-artifacts");
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAIAAACQkWg2AAAAKElEQVR4nGP8z8Dwn4EIwESMolGFowpHFY4qHFU4qnBU4ajCwa0QAFNmAh/hIfYyAAAAAElFTkSuQmCC",
  "base64",
);

describe.each(STORE_KINDS)("appeals pages in Chromium on %s", (kind) => {
  let env: TestEnv;
  const shot = (page: Page, name: string) =>
    kind === "pglite" ? page.screenshot({ path: join(SHOTS, name), fullPage: true }) : null;
  let browser: Browser;
  let t: Awaited<ReturnType<typeof seedSmallWorld>>;

  const signIn = async (page: Page, path: string, username: string, password: string) => {
    await page.goto(env.baseUrl + path);
    expect(new URL(page.url()).pathname).toBe("/login");
    await page.type("#username", username);
    await page.type("#password", password);
    await Promise.all([page.waitForNavigation(), page.click("#login-submit")]);
  };

  beforeAll(async () => {
    await ensureBundles();
    await mkdir(SHOTS, { recursive: true });
    env = await openTestEnv(kind, { ADMIN_PASSWORD }, { now: () => IN_WINDOW });
    t = await seedSmallWorld(env);
    const user = await call(env.baseUrl, "POST", "/api/v1/users", {
      token: t.admin,
      json: { username: "clerk-c11", role: "clerk", orgUnit: "C11", password: "password-369" },
    });
    expect(user.status, user.text).toBe(201);
    await seedAppealWorld(env, t.admin);
    browser = await launchChromium(HEADLESS_ARGS);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await env?.close();
  });

  it("phone: a community clerk files an appeal from G2's case list, with a photo as evidence", async () => {
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
    const path = `/dashboard/C11/appeals/new?period=${APPEAL_PERIOD}&indicator=G2`;
    await signIn(page, path, "clerk-c11", "password-369");
    expect(page.url()).toBe(env.baseUrl + path);
    expect(await page.$eval("h1", (h) => h.textContent)).toContain("提出核减申请");
    // G2's cases of C11: e1 e2 e3 a1, the two late ones (e2, e3) first
    const listed = await page.$$eval("input[name=case]", (xs) =>
      xs.map((x) => (x as HTMLInputElement).value),
    );
    expect(listed).toEqual(["hx/e2", "hx/e3", "hx/e1", "hx/a1"]);
    expect(await page.$eval("[data-testid=case-list]", (l) => l.textContent)).toContain("超期办结");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );

    await page.click("input[value='hx/e3']");
    await page.select("#appeal-reason", "not_our_duty");
    await page.type("#appeal-note", "该事件属区级部门职责，已转办");
    const file = await page.$("#appeal-files");
    const tmp = join(SHOTS, "evidence-test.png");
    await (await import("node:fs/promises")).writeFile(tmp, PNG);
    await (file as unknown as { uploadFile(p: string): Promise<void> }).uploadFile(tmp);
    await shot(page, "appeal-form-phone.png");
    await Promise.all([
      page.waitForNavigation({ timeout: 15_000 }),
      page.click("[data-testid=appeal-submit]"),
    ]);
    expect(new URL(page.url()).pathname).toBe("/dashboard/C11/appeals");
    const card = await page.$eval("[data-testid=appeal]", (a) => ({
      status: a.getAttribute("data-status"),
      text: a.textContent ?? "",
    }));
    expect(card.status).toBe("pending");
    expect(card.text).toContain("非职责范围");
    expect(card.text).toContain("e3");
    // C11's own clerk sees no decision buttons
    expect(await page.$("[data-testid=decide-form]")).toBeNull();
    expect(card.text).toContain("本单位的申请由上级单位或评估方审核");
    await shot(page, "appeal-queue-phone.png");
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it("desktop: the street leader sees the cases, the evidence and the effect, and approves", async () => {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.setViewport({ width: 1440, height: 900 });
    const path = `/dashboard/S1/appeals?period=${APPEAL_PERIOD}`;
    await signIn(page, path, "leader-s1", "password-369");
    const appeal = "[data-testid=appeal][data-status=pending]";
    await page.waitForSelector(appeal);
    // the evidence image loads (a real PNG through the API, with the session cookie)
    await page.waitForFunction(
      () => {
        const img = document.querySelector<HTMLImageElement>("[data-testid=evidence] img");
        return img?.complete && img.naturalWidth === 16;
      },
      { timeout: 10_000 },
    );
    // C11: G2 2/4 = 50.0% → 2/3 = 66.7%; S1: 4/6 = 66.7% → 4/5 = 80.0%; S3 ‰ likewise
    const effect = await page.$$eval("[data-testid=appeal-effect]", (tables) =>
      tables.map((tb) => ({
        unit: tb.getAttribute("data-unit"),
        rows: [...tb.querySelectorAll("tbody tr")].map((r) => [
          r.getAttribute("data-code"),
          r.querySelector(".before")?.textContent,
          r.querySelector(".after")?.textContent,
        ]),
      })),
    );
    expect(effect[0]?.unit).toBe("甲社区");
    expect(effect[0]?.rows).toContainEqual(["G2", "50.0%", "66.7%"]);
    expect(effect[1]?.unit).toBe("一街道");
    expect(effect[1]?.rows).toContainEqual(["G2", "66.7%", "80.0%"]);
    expect(effect[1]?.rows.find((r) => r[0] === "S3")?.slice(1)).toEqual(["250.00‰", "181.82‰"]);
    await shot(page, "appeal-queue-desktop.png");

    await page.type(`${appeal} textarea`, "情况属实，同意核减");
    await Promise.all([
      page.waitForNavigation({ timeout: 15_000 }),
      page.click(`${appeal} button[data-decision=approved]`),
    ]);
    const decided = await page.$eval("[data-testid=appeal]", (a) => ({
      status: a.getAttribute("data-status"),
      decision: a.querySelector("[data-testid=appeal-decision]")?.textContent ?? "",
    }));
    expect(decided).toEqual({ status: "approved", decision: expect.stringContaining("leader-s1") });
    expect(decided.decision).toContain("情况属实，同意核减");
    await shot(page, "appeal-decided-desktop.png");
    const figures = await call(
      env.baseUrl,
      "GET",
      `/api/v1/indicators?period=${APPEAL_PERIOD}&orgUnit=C11`,
      { token: t.admin },
    );
    expect(
      figures.body.units[0].indicators.find((i: { code: string }) => i.code === "G2").denominator,
    ).toBe(3);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);
});
