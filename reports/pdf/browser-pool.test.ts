import { afterAll, describe, expect, it } from "vitest";
import { BrowserPool } from "./browser-pool.ts";
import { printPdf } from "./print.ts";
import { PrintError } from "./print-error.ts";

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

  it("fails with a PrintError, twice dead, saying so in Chinese (retried later by the queue)", async () => {
    const err = await pool
      .withPage(async () => {
        process.kill((await pool.pid())!, "SIGKILL");
        await new Promise((r) => setTimeout(r, 300));
        throw new Error("work interrupted");
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PrintError);
    expect(err).toMatchObject({ permanent: false });
    expect((err as Error).message).toBe(
      "打印 PDF 时浏览器意外退出（已换用新启动的浏览器重试一次）",
    );
  });
});

describe("BrowserPool without a browser", () => {
  it("fails with a permanent PrintError that names where it looked", async () => {
    const none = new BrowserPool({ executablePath: "/nonexistent/chromium", fallback: false });
    const err = await none.withPage(async () => "never").catch((e: unknown) => e);
    await none.close();
    expect(err).toBeInstanceOf(PrintError);
    expect(err).toMatchObject({ permanent: true });
    expect((err as Error).message).toMatch(
      /^无法打印 PDF：找不到可以启动的 Chromium 浏览器。已查找：CHROMIUM_PATH（\/nonexistent\/chromium）（CHROMIUM_FALLBACK=off/,
    );
  });

  it("tries the next browser when CHROMIUM_PATH does not start, and only it when told", async () => {
    // /bin/false exists and is executable, but is no browser.
    const started: string[] = [];
    const withNext = new BrowserPool({
      executablePath: "/bin/false",
      onLaunch: (c) => started.push(c.source),
    });
    expect(await withNext.withPage(async (page) => page.evaluate("1 + 1"))).toBe(2);
    expect(started).toHaveLength(1);
    expect(started[0]).not.toBe("CHROMIUM_PATH");
    await withNext.close();
    const only = new BrowserPool({ executablePath: "/bin/false", fallback: false });
    const err = await only.withPage(async () => "never").catch((e: unknown) => e);
    await only.close();
    expect(err).toMatchObject({ permanent: true });
    expect((err as Error).message).toContain("启动失败：/bin/false：");
  });
});
