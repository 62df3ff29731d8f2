/**
 * The shipped CJK font on the pages: GET /fonts/ serves its stylesheets and subset files from
 * the build (dist/web), the pages link the stylesheet, and a real Chromium that sees no font of
 * the machine sets the login page and a survey page in it.
 */
import { existsSync } from "node:fs";
import type { Browser } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cjkFontFiles } from "../../reports/fonts/cjk-font-files.ts";
import { buildWeb } from "../../scripts/build-web.ts";
import { PAGE_FONT_CSS, PRINT_FONT_CSS } from "../../shapes/fonts.ts";
import { ADMIN_PASSWORD, seedSmallWorld } from "../../test/accounts.ts";
import { launchChromium } from "../../test/chromium.ts";
import { openTestEnv, type TestEnv } from "../../test/stores.ts";

describe("the shipped font on the pages", () => {
  let env: TestEnv;
  let browser: Browser;
  let admin: string;

  beforeAll(async () => {
    if (!existsSync("dist/web/noto-sans-sc.css")) await buildWeb();
    env = await openTestEnv("pglite", { ADMIN_PASSWORD });
    admin = (await seedSmallWorld(env)).admin;
    browser = await launchChromium(["--no-sandbox", "--disable-gpu", "--no-first-run"]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await env?.close();
  });

  it("serves both stylesheets and every file they name, fonts cached for a year", async () => {
    for (const [css, format, type] of [
      [PAGE_FONT_CSS, "woff2", "font/woff2"],
      [PRINT_FONT_CSS, "woff", "font/woff"],
    ] as const) {
      const sheet = await fetch(env.baseUrl + css);
      expect(sheet.status).toBe(200);
      expect(sheet.headers.get("content-type")).toContain("text/css");
      const text = await sheet.text();
      const urls = [...text.matchAll(/url\(([^)]+)\)/g)].map((m) => m[1]!);
      expect(urls).toEqual(cjkFontFiles(format).map((f) => f.name));
      expect(text).toContain("font-family:'Noto Sans SC'");
      const font = await fetch(new URL(urls[urls.length - 1]!, env.baseUrl + css));
      expect(font.status).toBe(200);
      expect(font.headers.get("content-type")).toBe(type);
      expect(font.headers.get("cache-control")).toContain("immutable");
      expect((await font.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    }
    expect((await fetch(`${env.baseUrl}/fonts/..%2Fmanifest.json`)).status).toBe(404);
    expect((await fetch(`${env.baseUrl}/fonts/manifest.json`)).status).toBe(404);
  });

  it("adds the stylesheet to a dashboard page after its charts are drawn (<noscript> without script)", async () => {
    const context = await browser.createBrowserContext();
    const url = new URL(env.baseUrl);
    await context.setCookie({
      name: "s369_session",
      value: admin,
      domain: url.hostname,
      path: "/",
    });
    const page = await context.newPage();
    const res = await page.goto(`${env.baseUrl}/dashboard/D1?period=2026Q3`);
    expect(res?.status()).toBe(200);
    const html = await res!.text();
    expect(html).toContain('data-chart="radar"');
    expect(html).toContain(`<noscript><link rel="stylesheet" href="${PAGE_FONT_CSS}"/></noscript>`);
    await page.waitForFunction(`document.documentElement.dataset.charts === "drawn"`);
    await page.waitForFunction(`[...document.fonts].some((f) => f.status === "loaded")`, {
      timeout: 20_000,
    });
    const timing = (await page.evaluate(`(() => {
      const css = performance.getEntriesByType("resource").find((r) => r.name.endsWith("${PAGE_FONT_CSS}"));
      const fonts = performance.getEntriesByType("resource").filter((r) => r.name.endsWith(".woff2"));
      return { drawn: window.__chartsDrawn, css: css ? css.startTime : null,
        firstFont: Math.min(...fonts.map((r) => r.startTime)), links: document.querySelectorAll('link[href="${PAGE_FONT_CSS}"]').length };
    })()`)) as { drawn: number; css: number | null; firstFont: number; links: number };
    expect(timing.links).toBe(1);
    expect(timing.css).not.toBeNull();
    expect(timing.css!).toBeGreaterThanOrEqual(timing.drawn);
    expect(timing.firstFont).toBeGreaterThanOrEqual(timing.drawn);
    await context.close();
  });

  it("sets the login and survey pages in it in Chromium, with no font of the machine", async () => {
    for (const path of ["/login", "/s/satisfaction/C11"]) {
      const page = await browser.newPage();
      const res = await page.goto(env.baseUrl + path);
      expect(res?.status(), path).toBeLessThan(500);
      const html = await res!.text();
      expect(html, path).toContain(`<link rel="stylesheet" href="${PAGE_FONT_CSS}"/>`);
      // The dashboard pages' script adds the stylesheet once the page is drawn (page-fonts.ts).
      await page.waitForFunction(
        `[...document.fonts].some((f) => f.status === "loaded") && document.fonts.status === "loaded"`,
        { timeout: 20_000 },
      );
      await page.evaluate("document.fonts.ready.then(() => true)");
      const loaded = (await page.evaluate(
        `[...document.fonts].filter((f) => f.status === "loaded").map((f) => f.family.replace(/["']/g, ""))`,
      )) as string[];
      expect(loaded.length, path).toBeGreaterThan(0);
      expect(new Set(loaded), path).toEqual(new Set(["Noto Sans SC"]));
      // What Chromium drew the page's text with: only web fonts (isCustomFont), no system font.
      const cdp = await page.createCDPSession();
      const { root } = await cdp.send("DOM.getDocument", { depth: -1 });
      const { nodeIds } = await cdp.send("DOM.querySelectorAll", {
        nodeId: root.nodeId,
        selector: "body *",
      });
      expect(nodeIds.length, path).toBeGreaterThan(1);
      await cdp.send("CSS.enable");
      let glyphs = 0;
      for (const nodeId of nodeIds) {
        const { fonts } = await cdp.send("CSS.getPlatformFontsForNode", { nodeId });
        for (const f of fonts) {
          expect(f, path).toMatchObject({ isCustomFont: true });
          glyphs += f.glyphCount;
        }
      }
      expect(glyphs, path).toBeGreaterThan(10);
      await page.close();
    }
  });
});
