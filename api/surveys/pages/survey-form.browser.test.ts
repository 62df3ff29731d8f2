/**
 * The server-rendered public form in Chromium at 360 × 640 (issue 22): in large type every
 * question's answers and 下一题 / 提交 are on screen without scrolling, text and controls have a
 * contrast of at least 7:1 (computed from the styles), tap targets are at least 48 px; in normal
 * mode the five-point scale is one row; with JavaScript disabled the form posts and shows the
 * thank-you page; an empty form is refused, with and without script. PGlite (the API behind it
 * is tested on both stores in public-form.test.ts). Screenshots go to test-artifacts/.
 */
import { mkdir } from "node:fs/promises";
import type { Browser, Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_PASSWORD, seedSmallWorld } from "../../../test/accounts.ts";
import { ensureBundles, launchChromium } from "../../../test/browser.ts";
import { openTestEnv, type TestEnv } from "../../../test/stores.ts";

const ARTIFACTS = "test-artifacts";

/** Runs in the page: WCAG contrast of an element's text and of its boundary against what is behind. */
function contrastIn(selector: string) {
  const rgb = (s: string) => {
    const m = s.match(/[\d.]+/g)?.map(Number) ?? [0, 0, 0, 0];
    return { r: m[0]!, g: m[1]!, b: m[2]!, a: m.length > 3 ? m[3]! : 1 };
  };
  const lum = (c: { r: number; g: number; b: number }) => {
    const ch = (v: number) => {
      const x = v / 255;
      return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * ch(c.r) + 0.7152 * ch(c.g) + 0.0722 * ch(c.b);
  };
  const ratio = (
    a: { r: number; g: number; b: number },
    b: { r: number; g: number; b: number },
  ) => {
    const [l1, l2] = [lum(a), lum(b)].sort((x, y) => y - x);
    return (l1! + 0.05) / (l2! + 0.05);
  };
  const behind = (el: Element | null) => {
    for (let e = el; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.a > 0) return c;
    }
    return { r: 255, g: 255, b: 255, a: 1 };
  };
  return [...document.querySelectorAll(selector)]
    .filter((el) => (el as HTMLElement).offsetParent !== null)
    .map((el) => {
      const s = getComputedStyle(el);
      const bg = behind(el);
      const around = behind(el.parentElement);
      const bordered = Number.parseFloat(s.borderTopWidth) > 0;
      const edge = bordered ? rgb(s.borderTopColor) : bg;
      return {
        what: `${selector} “${(el.textContent ?? "").trim().slice(0, 8)}”`,
        text: ratio(rgb(s.color), bg),
        // A control's edge (its border, or its fill) against the page around it.
        edge:
          edge.r === around.r && edge.g === around.g && edge.b === around.b
            ? null
            : ratio(edge, around),
      };
    });
}

describe("the server-rendered public form in Chromium at 360 × 640", () => {
  let env: TestEnv;
  let browser: Browser;

  beforeAll(async () => {
    await ensureBundles();
    await mkdir(ARTIFACTS, { recursive: true });
    env = await openTestEnv("pglite", { ADMIN_PASSWORD, SURVEY_RATE_LIMIT: "0" });
    await seedSmallWorld(env);
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await env?.close();
  });

  async function phone(script = true): Promise<Page> {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    await page.setJavaScriptEnabled(script);
    await page.setViewport({
      width: 360,
      height: 640,
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    page.on("pageerror", (err) => {
      throw err;
    });
    return page;
  }

  const stored = (code: string) =>
    env.store.db
      .selectFrom("survey_response as r")
      .innerJoin("org_unit as u", "u.id", "r.org_unit_id")
      .select(["r.id", "r.answers", "r.mode"])
      .where("u.code", "=", code)
      .orderBy("r.received_at")
      .execute();

  /** Boxes of the visible elements that are not wholly inside the first screen (nothing scrolled). */
  const offScreen = (page: Page, selector: string) =>
    page.$$eval(selector, (els) =>
      els
        .filter((el) => (el as HTMLElement).offsetParent !== null)
        .map((el) => {
          const r = el.getBoundingClientRect();
          return {
            text: (el.textContent ?? "").trim().slice(0, 8),
            top: r.top + scrollY,
            bottom: r.bottom + scrollY,
          };
        })
        .filter((b) => b.top < 0 || b.bottom > innerHeight),
    );

  const small = (page: Page, selector: string) =>
    page.$$eval(selector, (els) =>
      els
        .filter((el) => (el as HTMLElement).offsetParent !== null)
        .map((el) => {
          const r = el.getBoundingClientRect();
          return { text: (el.textContent ?? "").trim().slice(0, 8), w: r.width, h: r.height };
        })
        .filter((b) => b.w < 48 || b.h < 48),
    );

  it("large type: each question's answers and 下一题 fit the screen; answer → next without scrolling", async () => {
    const page = await phone();
    await page.goto(`${env.baseUrl}/s/satisfaction/C11?large=1`);
    await page.waitForSelector("html.stepping[data-enhanced]");
    const names = ["overall", "timeliness", "effectiveness", "transparency", "attitude", "ageBand"];
    for (const [i, name] of names.entries()) {
      const q = `fieldset[data-name="${name}"]`;
      expect(await page.$eval(`${q}`, (el) => el.classList.contains("current"))).toBe(true);
      expect(await page.$eval("#progress", (el) => el.textContent)).toBe(`第 ${i + 1} 题，共 7 题`);
      const options = await page.$$(`${q} .opt`);
      await options[3]!.click(); // 满意 (4), or 80 岁及以上
      const picked = await page.$eval(`${q} .picked`, (el) => el.textContent);
      expect(picked).toBe(name === "ageBand" ? "已选：80 岁及以上" : "已选：满意");
      expect(await offScreen(page, `${q} .q-title, ${q} .opt, ${q} .picked, #next, #prev`)).toEqual(
        [],
      );
      expect(await page.evaluate(() => scrollY)).toBe(0);
      if (i === 0) await page.screenshot({ path: `${ARTIFACTS}/h22-form-large-360-q1.png` });
      if (name === "ageBand")
        await page.screenshot({ path: `${ARTIFACTS}/h22-form-large-360-age.png` });
      expect(await page.$eval("#prev", (el) => (el as HTMLElement).hidden)).toBe(i === 0);
      await page.click("#next");
    }
    expect(
      await page.$eval('fieldset[data-name="comment"]', (el) => el.classList.contains("current")),
    ).toBe(true);
    expect(await offScreen(page, 'fieldset[data-name="comment"] textarea, #submit, #prev')).toEqual(
      [],
    );
    // 上一题 goes back with the answer kept.
    await page.click("#prev");
    expect(await page.$eval('fieldset[data-name="ageBand"] .picked', (el) => el.textContent)).toBe(
      "已选：80 岁及以上",
    );
    await page.click("#next");
    await page.type('fieldset[data-name="comment"] textarea', "谢谢");
    await page.screenshot({ path: `${ARTIFACTS}/h22-form-large-360-comment.png` });
    await page.click("#submit");
    await page.waitForSelector('#thanks:not([hidden]) #thanks-status[data-state="sent"]', {
      timeout: 10_000,
    });
    const rows = await stored("C11");
    expect(rows.map((r) => r.answers)).toEqual([
      {
        overall: 4,
        timeliness: 4,
        effectiveness: 4,
        transparency: 4,
        attitude: 4,
        ageBand: "80+",
        comment: "谢谢",
      },
    ]);
    await page.browserContext().close();
  });

  it("large type: text and controls ≥ 7:1, tap targets ≥ 48 px, answers drawn as full-width buttons", async () => {
    const page = await phone();
    await page.goto(`${env.baseUrl}/s/satisfaction/C12?large=1`);
    await page.waitForSelector("html.stepping[data-enhanced]");
    const low: unknown[] = [];
    let checked = 0;
    const measure = async (selectors: string[]) => {
      for (const sel of selectors) {
        for (const c of await page.evaluate(contrastIn, sel)) {
          checked++;
          if (c.text < 7 || (c.edge !== null && c.edge < 7)) low.push(c);
        }
      }
    };
    // The first question, one answer chosen: unit, title, toggle, progress, question, 必答, five
    // answers (one chosen), 已选, 朗读, 下一题 (14 elements); then the second one's 上一题 and
    // its five answers (6).
    await page.click('fieldset[data-name="overall"] .opt:nth-child(5)');
    await measure([
      ".top .unit",
      ".top h1",
      ".toggle",
      "#progress",
      ".current .q-title",
      ".current .req",
      ".current .opt span",
      ".current .picked",
      ".current .s369-speak",
      "#next",
    ]);
    await page.click("#next");
    await page.click('fieldset[data-name="timeliness"] .opt:nth-child(2)');
    await measure(["#prev", ".current .opt span"]);
    expect(low).toEqual([]);
    expect(checked).toBe(20);
    expect(
      await small(page, ".toggle, .current .s369-speak, .current .opt span, #next, #prev"),
    ).toEqual([]);
    // Full width: every answer button as wide as its question's content box.
    const widths = await page.$$eval(".current .opt span", (els) =>
      els.map((el) => Math.round(el.getBoundingClientRect().width)),
    );
    expect(widths).toEqual(Array(5).fill(328));
    // An unanswered required question does not move on.
    await page.goto(`${env.baseUrl}/s/satisfaction/C12?large=1`);
    await page.waitForSelector("html.stepping[data-enhanced]");
    await page.click("#next");
    expect(await page.$eval(".current", (el) => (el as HTMLElement).dataset.name)).toBe("overall");
    expect(await page.$eval(".current .q-error", (el) => el.textContent)).toBe(
      "必答题：请选择一项后再继续",
    );
    await page.browserContext().close();
  });

  it("normal mode at 360 px: the five-point scale is one row of ≥ 48 px buttons", async () => {
    const page = await phone();
    await page.goto(`${env.baseUrl}/s/satisfaction/C12`);
    await page.waitForSelector("html[data-enhanced]");
    const rows = await page.$$eval('fieldset[data-kind="scale"]', (sets) =>
      sets.map((q) => {
        const boxes = [...q.querySelectorAll(".opt span")].map((el) => el.getBoundingClientRect());
        const own = q.getBoundingClientRect();
        return {
          name: (q as HTMLElement).dataset.name,
          tops: new Set(boxes.map((b) => Math.round(b.top))).size,
          inside: boxes.every((b) => b.left >= own.left && b.right <= own.right),
          count: boxes.length,
        };
      }),
    );
    expect(rows).toHaveLength(5);
    for (const r of rows) expect(r, r.name).toMatchObject({ tops: 1, inside: true, count: 5 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      360,
    );
    expect(await small(page, ".opt span, #submit, .toggle")).toEqual([]);
    // The age bands are drawn as clearly as the rest (not faint grey): ≥ 4.5:1 in normal mode.
    const bands = await page.evaluate(contrastIn, 'fieldset[data-name="ageBand"] .opt span');
    expect(bands).toHaveLength(4);
    for (const b of bands) expect(Math.min(b.text, b.edge ?? 99)).toBeGreaterThanOrEqual(4.5);
    await page.screenshot({ path: `${ARTIFACTS}/h22-form-normal-360.png`, fullPage: true });
    await page.browserContext().close();
  });

  it("with JavaScript disabled: refuses an empty form, then posts and shows the thank-you page", async () => {
    const page = await phone(false);
    await page.goto(`${env.baseUrl}/s/satisfaction/C21`);
    expect(await page.$("html[data-enhanced]")).toBeNull();
    expect(await page.$$("fieldset.q")).toHaveLength(7);
    const [refused] = await Promise.all([page.waitForNavigation(), page.click("#submit")]);
    expect(refused?.status()).toBe(422);
    expect(await page.$eval("#error-summary", (el) => (el as HTMLElement).hidden)).toBe(false);
    expect(await page.$eval("#error-summary a", (el) => el.textContent)).toBe(
      "总体而言，您对本社区的服务满意吗？：必答题：请选择一项",
    );
    expect(await page.$eval("#q-overall-error", (el) => el.textContent)).toBe("必答题：请选择一项");
    await page.screenshot({ path: `${ARTIFACTS}/h22-form-nojs-refused.png` });
    expect(await stored("C21")).toHaveLength(0);

    await page.click('fieldset[data-name="overall"] .opt:nth-child(2)');
    await page.click('fieldset[data-name="ageBand"] .opt:nth-child(3)');
    await page.type('fieldset[data-name="comment"] textarea', "希望多开放活动室");
    const [done] = await Promise.all([page.waitForNavigation(), page.click("#submit")]);
    expect(done?.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe("/s/satisfaction/C21/thanks");
    expect(await page.$eval("#thanks-title", (el) => el.textContent)).toBe("感谢您的参与！");
    await page.screenshot({ path: `${ARTIFACTS}/h22-form-nojs-thanks.png` });
    const rows = await stored("C21");
    expect(rows.map((r) => [r.mode, r.answers])).toEqual([
      ["self", { overall: 2, ageBand: "60-79", comment: "希望多开放活动室" }],
    ]);
    await page.browserContext().close();
  });

  it("with script: an empty form is refused on the page, nothing is sent", async () => {
    const page = await phone();
    await page.goto(`${env.baseUrl}/s/satisfaction/G111`);
    await page.waitForSelector("html[data-enhanced]");
    await page.click("#submit");
    await page.waitForSelector("#error-summary:not([hidden])");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("error-summary");
    expect(await page.$eval("#error-summary a", (el) => el.getAttribute("href"))).toBe(
      "#q-overall",
    );
    expect(await page.$eval("#thanks", (el) => (el as HTMLElement).hidden)).toBe(true);
    await page.screenshot({ path: `${ARTIFACTS}/h22-form-js-refused.png` });
    await new Promise((r) => setTimeout(r, 300));
    expect(await stored("G111")).toHaveLength(0);
    await page.browserContext().close();
  });
});
