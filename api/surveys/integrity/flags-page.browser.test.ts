import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Browser } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { responseScore, type SurveyAnswers } from "../../../metrics/index.ts";
import { quarterOf } from "../../../shapes/periods.ts";
import { ADMIN_PASSWORD, seedSmallWorld } from "../../../test/accounts.ts";
import { ensureBundles, launchChromium, signInThroughForm } from "../../../test/browser.ts";
import { openTestEnv, type TestEnv } from "../../../test/stores.ts";
import { insertResponses, type ResponseWrite } from "../queries.ts";
import { detectSurveyFlags } from "./signals.ts";

// 问卷核查 in real Chromium on a phone (390 px): the district assessor signs in, opens the page
// from the navigation, ticks two responses flagged 同一设备重复提交 and presses 确认剔除; the page
// comes back with the outcome and the counts moved (待核实 29 → 27, 已确认剔除 0 → 2).
// Fixture (2026Q2): 4 self-filled from one client for C11 on 10 May (repeat_client) and for C21
// 1 a day on 20 days from 20 May then 25 on 17 June (burst): 29 flagged.

const SHOTS = process.env.SHOTS ?? join(process.cwd(), "test-artifacts");

describe("问卷核查 in Chromium (pglite)", () => {
  let env: TestEnv;
  let browser: Browser;

  beforeAll(async () => {
    await ensureBundles();
    await mkdir(SHOTS, { recursive: true });
    env = await openTestEnv("pglite", { ADMIN_PASSWORD, SURVEY_RATE_LIMIT: "0" });
    await seedSmallWorld(env);
    const units = new Map<string, number>();
    for (const u of await env.store.db.selectFrom("org_unit").select(["id", "code"]).execute()) {
      units.set(u.code, u.id);
    }
    const rows: ResponseWrite[] = [];
    const add = (unit: string, at: string, overall: number, hash: string | null) => {
      const submittedAt = new Date(at);
      const answers = { overall } as SurveyAnswers;
      rows.push({
        id: crypto.randomUUID(),
        surveyId: "satisfaction",
        surveyVersion: 1,
        orgUnitId: units.get(unit)!,
        submittedAt,
        mode: "self",
        answers,
        score: responseScore(answers),
        overall,
        ageBand: null,
        comment: null,
        clientHash: hash,
        enteredBy: null,
        quarter: quarterOf(submittedAt),
      });
    };
    const at = (d: string, m: number) => `${d}T09:${String(m).padStart(2, "0")}:00+08:00`;
    for (let i = 0; i < 4; i++) add("C11", at("2026-05-10", i), (i % 5) + 1, "h");
    for (let k = 0; k < 20; k++) {
      const d = new Date(Date.parse("2026-05-20T00:00:00Z") + k * 86_400_000);
      add("C21", at(d.toISOString().slice(0, 10), 0), 5, null);
    }
    for (let i = 0; i < 25; i++) add("C21", at("2026-06-17", i), 1, null);
    await insertResponses(env.store.db, rows);
    const raised = await detectSurveyFlags(env.store.db, {
      from: new Date("2026-04-01T00:00:00+08:00"),
      to: new Date("2026-06-30T12:00:00+08:00"),
    });
    expect(raised).toEqual({ repeat_client: 4, straight_line: 0, burst: 25 });
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await env?.close();
  });

  it("the assessor confirms two flagged responses from the phone", async () => {
    const page = await browser.newPage();
    await page.setViewport({ width: 390, height: 844 });
    await signInThroughForm(
      page,
      `${env.baseUrl}/login?next=${encodeURIComponent("/dashboard/D1?period=2026Q2")}`,
      "assessor-d1",
      "password-369",
    );
    const link = await page.$$eval('nav[aria-label="主导航"] a', (as) =>
      as.filter((a) => a.textContent?.trim() === "问卷核查").map((a) => a.getAttribute("href")),
    );
    expect(link).toEqual(["/dashboard/D1/survey-flags?period=2026Q2"]);
    await Promise.all([
      page.waitForNavigation(),
      page.$$eval('nav[aria-label="主导航"] a', (as) =>
        (as.find((a) => a.textContent?.trim() === "问卷核查") as HTMLAnchorElement).click(),
      ),
    ]);
    const count = (k: string) =>
      page.$eval(`[data-testid=count-${k}]`, (e) => Number(e.getAttribute("data-n")));
    expect([await count("open"), await count("confirmed"), await count("dismissed")]).toEqual([
      29, 0, 0,
    ]);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(SHOTS, "survey-flags-390.png"), fullPage: true });

    const boxes = await page.$$(
      "[data-kind=repeat_client] [data-testid=flag-row] input[type=checkbox]",
    );
    expect(boxes).toHaveLength(4);
    await boxes[0]!.click();
    await boxes[1]!.click();
    await Promise.all([page.waitForNavigation(), page.click("[data-testid=flags-confirm]")]);
    expect(await page.$eval("[data-testid=flags-outcome]", (e) => e.textContent)).toContain(
      "已确认剔除 2 份问卷",
    );
    expect([await count("open"), await count("confirmed"), await count("dismissed")]).toEqual([
      27, 2, 0,
    ]);
    const statuses = await page.$$eval("[data-kind=repeat_client] [data-testid=flag-row]", (rs) =>
      rs.map((r) => r.getAttribute("data-status")),
    );
    expect(statuses).toEqual(["confirmed", "confirmed", "open", "open"]);
    await page.screenshot({ path: join(SHOTS, "survey-flags-390-after.png"), fullPage: false });
    await page.setViewport({ width: 1440, height: 900 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      1440,
    );
    await page.screenshot({ path: join(SHOTS, "survey-flags-1440.png") });
    await page.close();
  });

  it("the clerk sees the sample progress on 季度填报", async () => {
    // A fresh context: the assessor's session cookie stays behind.
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    await page.setViewport({ width: 390, height: 844 });
    const path = "/dashboard/S1/returns?period=2026Q2";
    await signInThroughForm(
      page,
      `${env.baseUrl}/login?next=${encodeURIComponent(path)}`,
      "clerk-s1",
      "password-369",
    );
    // S1's communities: C11 with its 4 responses, C12 with none.
    const card = await page.$eval("[data-testid=sample-plan]", (e) => [
      e.getAttribute("data-communities"),
      e.getAttribute("data-collected"),
    ]);
    expect(card).toEqual(["2", "4"]);
    await page.$eval("[data-testid=sample-plan]", (e) => e.scrollIntoView());
    await page.screenshot({ path: join(SHOTS, "returns-sample-390.png") });
    await context.close();
  });
});
