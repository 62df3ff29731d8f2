import { afterAll, describe, expect, it } from "vitest";
import { BrowserPool } from "./browser-pool.ts";
import { printPdf } from "./print.ts";

const HTML = `<!doctype html><html><head><meta charset="utf-8"></head><body><div class="doc"><section><h2>测试</h2><p>正文</p></section></div></body></html>`;

describe("BrowserPool", () => {
  const pool = new BrowserPool({ maxPages: 2 });
  afterAll(() => pool.close());

  it("serves many jobs from one browser with at most maxPages tabs", async () => {
    let open = 0;
    let peak = 0;
    const jobs = Array.from({ length: 8 }, (_, i) =>
      pool.withPage(async (page) => {
        open += 1;
        peak = Math.max(peak, open);
        await page.setContent(`<p>${i}</p>`);
        const text = await page.evaluate("document.body.textContent");
        open -= 1;
        return text;
      }),
    );
    expect(await Promise.all(jobs)).toEqual(["0", "1", "2", "3", "4", "5", "6", "7"]);
    expect(peak).toBeLessThanOrEqual(2);
    expect(pool.stats()).toMatchObject({ launches: 1, open: 0, waiting: 0 });
    expect(pool.stats().peakOpen).toBeLessThanOrEqual(2);
  });

  it("launches a new browser after the old one crashed", async () => {
    const pid = await pool.pid();
    expect(pid).not.toBeNull();
    process.kill(pid!, "SIGKILL");
    await new Promise((r) => setTimeout(r, 300));
    const { pdf, pages } = await printPdf(pool, HTML, { headerLeft: "甲", headerRight: "乙" });
    expect(new TextDecoder().decode(pdf.slice(0, 5))).toBe("%PDF-");
    expect(pages).toBe(1);
    expect(pool.stats().launches).toBe(2);
    expect(await pool.pid()).not.toBe(pid);
  });

  it("retries work that the browser's death interrupted", async () => {
    const launches = pool.stats().launches;
    let tries = 0;
    const result = await pool.withPage(async (page) => {
      tries += 1;
      if (tries === 1) {
        process.kill((await pool.pid())!, "SIGKILL");
        await new Promise((r) => setTimeout(r, 300));
        await page.setContent("<p>never</p>");
      }
      await page.setContent("<p>ok</p>");
      return page.evaluate("document.body.textContent");
    });
    expect(result).toBe("ok");
    expect(tries).toBe(2);
    expect(pool.stats().launches).toBe(launches + 1);
  });
});
