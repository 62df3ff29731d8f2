import { mkdir } from "node:fs/promises";
import type { Browser, Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_PASSWORD, seedSmallWorld } from "../../../test/accounts.ts";
import { ensureBundles } from "../../../test/browser.ts";
import { HEADLESS_ARGS, launchChromium } from "../../../test/chromium.ts";
import { call } from "../../../test/http.ts";
import { openTestEnv, type TestEnv } from "../../../test/stores.ts";

const ARTIFACTS = "test-artifacts";

describe("the public survey page in Chromium", () => {
  let env: TestEnv;
  let browser: Browser;
  let tokens: Awaited<ReturnType<typeof seedSmallWorld>>;

  beforeAll(async () => {
    await ensureBundles();
    await mkdir(ARTIFACTS, { recursive: true });
    env = await openTestEnv("pglite", { ADMIN_PASSWORD, SURVEY_RATE_LIMIT: "0" });
    tokens = await seedSmallWorld(env);
    browser = await launchChromium(HEADLESS_ARGS);
  });
  afterAll(async () => {
    await browser?.close();
    await env?.close();
  });

  async function phone(context = browser.defaultBrowserContext()): Promise<Page> {
    const page = await context.newPage();
    await page.setViewport({
      width: 390,
      height: 844,
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    page.on("pageerror", (err) => {
      throw err;
    });
    // Record what would be read aloud (headless Chromium has no voices).
    await page.evaluateOnNewDocument(() => {
      const w = window as unknown as { __spoken: string[] };
      w.__spoken = [];
      if ("speechSynthesis" in window) {
        speechSynthesis.speak = (u: SpeechSynthesisUtterance) => {
          w.__spoken.push(u.text);
        };
      }
    });
    return page;
  }

  const responses = (code: string) =>
    env.store.db
      .selectFrom("survey_response as r")
      .innerJoin("org_unit as u", "u.id", "r.org_unit_id")
      .select(["r.id", "r.answers", "r.mode", "r.entered_by", "r.comment", "r.score"])
      .where("u.code", "=", code)
      .orderBy("r.received_at")
      .execute();

  async function rate(page: Page, name: string, value: number) {
    const items = await page.$$(`fieldset[data-name="${name}"] .opt input`);
    expect(items).toHaveLength(5);
    await items[value - 1]!.click();
  }

  async function waitForThanks(page: Page, state: "sent" | "kept") {
    await page.waitForSelector(`#thanks:not([hidden]) #thanks-status[data-state="${state}"]`, {
      timeout: 10_000,
    });
  }

  /** The names of the questions on screen (one in large type with script, all otherwise). */
  const shown = (page: Page) =>
    page.$$eval("fieldset.q", (els) =>
      els
        .filter((el) => (el as HTMLElement).offsetParent !== null)
        .map((el) => (el as HTMLElement).dataset.name),
    );

  /** Every visible tap target's box, for the ≥ 48 px check. */
  async function smallTargets(page: Page, selector: string) {
    return page.$$eval(selector, (els) =>
      els
        .map((el) => {
          const r = el.getBoundingClientRect();
          return { text: (el.textContent ?? "").trim().slice(0, 12), w: r.width, h: r.height };
        })
        .filter((b) => b.w > 0 && b.h > 0 && (b.w < 48 || b.h < 48)),
    );
  }

  it("is filled and submitted on a phone in normal mode, with read-aloud", async () => {
    const page = await phone();
    await page.goto(`${env.baseUrl}/s/satisfaction/C11`);
    await page.waitForSelector("html[data-enhanced]");
    expect(await page.$eval(".top .unit", (el) => el.textContent)).toBe("甲社区");
    expect(await page.$$("fieldset.q")).toHaveLength(7);
    await page.click('fieldset[data-name="overall"] .s369-speak');
    const spoken = await page.evaluate(
      () => (window as unknown as { __spoken: string[] }).__spoken,
    );
    expect(spoken[0]).toContain("总体而言，您对本社区的服务满意吗");
    expect(spoken[0]).toContain("非常满意");
    await rate(page, "overall", 5);
    await rate(page, "timeliness", 4);
    await rate(page, "effectiveness", 4);
    await rate(page, "transparency", 3);
    await rate(page, "attitude", 5);
    const bands = await page.$$('fieldset[data-name="ageBand"] .opt');
    await bands[3]!.click();
    await page.type('fieldset[data-name="comment"] textarea', "请回电13812345678");
    await page.screenshot({ path: `${ARTIFACTS}/survey-normal.png`, fullPage: true });
    await page.click("#submit");
    await waitForThanks(page, "sent");
    expect(await page.$eval("#thanks h2", (el) => el.textContent)).toBe("感谢您的参与！");
    await page.screenshot({ path: `${ARTIFACTS}/survey-thanks.png` });
    const rows = await responses("C11");
    expect(rows).toHaveLength(1);
    expect(rows[0]!.answers).toEqual({
      overall: 5,
      timeliness: 4,
      effectiveness: 4,
      transparency: 3,
      attitude: 5,
      ageBand: "80+",
      comment: "请回电138****5678",
    });
    expect(rows[0]!.score).toBeCloseTo(80, 10);
    await page.close();
  });

  it("has large type, large tap targets and one question per screen in large-type mode", async () => {
    const page = await phone();
    await page.goto(`${env.baseUrl}/s/satisfaction/C11?large=1`);
    await page.waitForSelector("html[data-enhanced]");
    expect(await page.$eval("html", (el) => el.classList.contains("large"))).toBe(true);
    const sizes = await page.evaluate(() => {
      const px = (sel: string) =>
        Number.parseFloat(getComputedStyle(document.querySelector(sel)!).fontSize);
      return {
        body: px("body"),
        title: px(".q-title"),
        option: px(".opt span"),
        next: px("#next"),
      };
    });
    for (const [what, size] of Object.entries(sizes)) expect(size, what).toBeGreaterThanOrEqual(20);
    expect(await shown(page)).toEqual(["overall"]);
    expect(await page.$eval("#progress", (el) => el.textContent)).toBe("第 1 题，共 7 题");
    const targets = ".toggle, .s369-speak, .opt span, #next";
    expect(await smallTargets(page, targets)).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}/survey-large.png` });

    const items = ["overall", "timeliness", "effectiveness", "transparency", "attitude"];
    for (const [i, name] of items.entries()) {
      expect(await shown(page)).toEqual([name]);
      expect(await page.$eval("#progress", (el) => el.textContent)).toBe(`第 ${i + 1} 题，共 7 题`);
      await rate(page, name, 4);
      expect(
        await page.$eval(`fieldset[data-name="${name}"] .picked`, (el) => el.textContent),
      ).toBe("已选：满意");
      await page.click("#next");
    }
    expect(await shown(page)).toEqual(["ageBand"]);
    expect(await smallTargets(page, ".current .opt span, #next, #prev")).toEqual([]);
    const bands = await page.$$('fieldset[data-name="ageBand"] .opt');
    await bands[2]!.click();
    await page.click("#next");
    expect(await shown(page)).toEqual(["comment"]);
    expect(await smallTargets(page, "textarea, #submit")).toEqual([]);
    await page.click("#submit");
    await waitForThanks(page, "sent");
    await page.screenshot({ path: `${ARTIFACTS}/survey-large-thanks.png` });
    const rows = await responses("C11");
    expect(rows).toHaveLength(2);
    expect(rows[1]!.answers).toMatchObject({ overall: 4, attitude: 4, ageBand: "60-79" });

    // The toggle switches modes in place, keeping the answers, and is remembered on the device.
    await page.goto(`${env.baseUrl}/s/satisfaction/C12`);
    await page.waitForSelector("html[data-enhanced]");
    expect(await page.$eval("html", (el) => el.classList.contains("large"))).toBe(false);
    await rate(page, "overall", 3);
    await page.click("#large-toggle");
    expect(await shown(page)).toEqual(["overall"]);
    expect(await page.$eval("html", (el) => el.classList.contains("large"))).toBe(true);
    expect(await page.$$("fieldset.q input:checked")).toHaveLength(1);
    await page.reload();
    await page.waitForSelector("html[data-enhanced]");
    expect(await page.$eval("html", (el) => el.classList.contains("large"))).toBe(true);
    await page.click("#large-toggle");
    expect(await shown(page)).toHaveLength(7);
    await page.close();
  });

  it("keeps the answers on the device when offline and sends them once, later", async () => {
    const context = await browser.createBrowserContext();
    const page = await phone(context);
    await page.goto(`${env.baseUrl}/s/satisfaction/C12`);
    await page.waitForSelector("html[data-enhanced]");
    await rate(page, "overall", 2);
    await page.setOfflineMode(true);
    await page.click("#submit");
    await waitForThanks(page, "kept");
    expect(await page.$eval("#thanks-status", (el) => el.textContent)).toContain("已保存在本机");
    const pending = await page.evaluate(() => localStorage.getItem("s369.survey.pending.v1"));
    const kept = JSON.parse(pending ?? "[]") as { id: string }[];
    expect(kept).toHaveLength(1);
    expect(await responses("C12")).toHaveLength(0);

    // Back online: the page sends what it kept.
    await page.setOfflineMode(false);
    await page.waitForFunction(() => localStorage.getItem("s369.survey.pending.v1") === "[]", {
      timeout: 10_000,
    });
    const rows = await responses("C12");
    expect(rows.map((r) => r.id)).toEqual([kept[0]!.id]);

    // A re-send of the same id (say the answer to the first send was lost) adds nothing.
    await page.evaluate((p) => localStorage.setItem("s369.survey.pending.v1", p ?? "[]"), pending);
    await page.reload();
    await page.waitForFunction(() => localStorage.getItem("s369.survey.pending.v1") === "[]", {
      timeout: 10_000,
    });
    expect(await responses("C12")).toHaveLength(1);
    await context.close();
  });

  it("shows the browser's answers in the statistics", async () => {
    const period = (() => {
      const local = new Date(Date.now() + 8 * 3600_000);
      return `${local.getUTCFullYear()}Q${Math.floor(local.getUTCMonth() / 3) + 1}`;
    })();
    const res = await call(
      env.baseUrl,
      "GET",
      `/api/v1/surveys/satisfaction/stats?period=${period}&orgUnit=S1&children=true`,
      {
        token: tokens["leader-s1"],
      },
    );
    expect(res.status, res.text).toBe(200);
    expect(res.body.n).toBe(3);
    expect(
      res.body.children.map((c: { orgUnit: { code: string }; n: number }) => [c.orgUnit.code, c.n]),
    ).toEqual([
      ["C11", 2],
      ["C12", 1],
    ]);
    expect(res.body.comments.map((c: { comment: string }) => c.comment)).toEqual([
      "请回电138****5678",
    ]);
  });

  it("lets a clerk sign in and enter several responses in a row (assisted)", async () => {
    const context = await browser.createBrowserContext();
    const page = await phone(context);
    await page.goto(`${env.baseUrl}/s/satisfaction/C11/assisted`);
    await page.waitForSelector("#login");
    await page.type('input[name="username"]', "clerk-s1");
    await page.type('input[name="password"]', "password-369");
    await Promise.all([page.waitForNavigation(), page.click('#login button[type="submit"]')]);
    await page.waitForSelector(".sd-question");
    expect(await page.$eval(".notice", (el) => el.textContent)).toContain("clerk-s1");
    for (let n = 1; n <= 2; n++) {
      const items = await page.$$('.sd-question[data-name="overall"] label.sd-rating__item');
      await items[n + 1]!.click();
      await page.click(".sd-navigation__complete-btn");
      await waitForThanks(page, "sent");
      expect(await page.$eval("#entered-count", (el) => el.textContent)).toBe(String(n));
      if (n === 1) {
        await page.click("#next-entry");
        await page.waitForSelector('.sd-question[data-name="overall"] label.sd-rating__item');
      }
    }
    await page.screenshot({ path: `${ARTIFACTS}/survey-assisted.png` });
    const assisted = (await responses("C11")).filter((r) => r.mode === "assisted");
    expect(assisted.map((r) => [r.entered_by, (r.answers as { overall: number }).overall])).toEqual(
      [
        ["clerk-s1", 3],
        ["clerk-s1", 4],
      ],
    );
    const outside = await page.goto(`${env.baseUrl}/s/satisfaction/C21/assisted`);
    expect(outside?.status()).toBe(403);
    expect(await page.content()).toContain("不在账号");
    await context.close();
  });

  it("answers an unknown unit or survey with a Chinese 404 page", async () => {
    for (const path of ["/s/satisfaction/NOPE", "/s/nope/C11", "/posters/satisfaction/NOPE"]) {
      const res = await fetch(env.baseUrl + path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get("content-type")).toContain("text/html");
      expect(await res.text()).toContain("没有找到");
    }
  });

  it("prints one A4 QR poster per community of a street", async () => {
    const page = await browser.newPage();
    await page.goto(`${env.baseUrl}/posters/satisfaction/S1`);
    const posters = await page.$$eval(".poster", (els) =>
      els.map((el) => ({
        unit: el.querySelector("h1")?.textContent,
        url: el.querySelector(".url")?.textContent,
        qr: el.querySelector(".qr svg") !== null,
      })),
    );
    expect(posters).toEqual([
      { unit: "甲社区", url: `${env.baseUrl}/s/satisfaction/C11`, qr: true },
      { unit: "乙社区", url: `${env.baseUrl}/s/satisfaction/C12`, qr: true },
    ]);
    await page.setViewport({ width: 900, height: 1200 });
    await page.screenshot({ path: `${ARTIFACTS}/survey-poster.png` });
    const pdf = Buffer.from(await page.pdf({ format: "A4", printBackground: true }));
    expect(pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g)).toHaveLength(2);
    const one = await fetch(`${env.baseUrl}/posters/satisfaction/G111`);
    expect((await one.text()).match(/class="poster"/g)).toHaveLength(1);
    await page.close();
  });
});
