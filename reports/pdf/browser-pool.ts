/**
 * One shared headless Chromium with a bounded pool of pages. A batch of a hundred reports opens
 * at most `maxPages` tabs in one browser, never a hundred browsers; a browser that crashed or
 * was killed is noticed (`disconnected`) and the next page request launches a fresh one.
 * The browser is found as ./find-chromium.ts says; when none can be started, or one dies twice
 * during the same work, the work fails with a {@link PrintError} that says why in Chinese.
 * Node-only (puppeteer-core): reached only through lazy imports, never from the Worker bundle.
 */
import type { Browser, Page } from "puppeteer-core";
import { type ChromiumCandidate, chromiumCandidates, PACKAGED_CHROMIUM } from "./find-chromium.ts";
import { browserFontConfig } from "./font-config.ts";
import { PrintError } from "./print-error.ts";

export interface BrowserPoolOptions {
  /** CHROMIUM_PATH: tried first; then the system's and the npm package's (see `fallback`). */
  executablePath?: string | undefined;
  /** false: only `executablePath`, no other browser (CHROMIUM_FALLBACK=off). Default true. */
  fallback?: boolean | undefined;
  /** Tabs open at once; further requests wait their turn. */
  maxPages?: number;
  /** Extra Chromium flags. */
  args?: string[];
  /** Extra environment of the browser. */
  env?: Record<string, string>;
  /** Let the browser see the machine's fonts too (default false: see ./font-config.ts). */
  systemFonts?: boolean;
  /** Told which browser each launch started (the app logs it). */
  onLaunch?: (chromium: ChromiumCandidate, version: string) => void;
}

/** What a pool has done, for tests and benchmarks. */
export interface PoolStats {
  launches: number;
  open: number;
  peakOpen: number;
  waiting: number;
}

const BASE_ARGS = [
  "--no-sandbox",
  "--disable-setuid-sandbox",
  "--disable-dev-shm-usage",
  "--disable-gpu",
  "--font-render-hinting=none",
  "--no-first-run",
  "--no-default-browser-check",
  "--disable-extensions",
];

export class BrowserPool {
  private browser: Promise<Browser> | null = null;
  private open = 0;
  private peakOpen = 0;
  private launches = 0;
  private readonly waiters: (() => void)[] = [];
  private closed = false;
  readonly maxPages: number;

  constructor(private readonly opts: BrowserPoolOptions = {}) {
    this.maxPages = Math.max(1, opts.maxPages ?? 2);
  }

  stats(): PoolStats {
    return {
      launches: this.launches,
      open: this.open,
      peakOpen: this.peakOpen,
      waiting: this.waiters.length,
    };
  }

  /** The live browser, launched on first use and again after a crash. */
  private async getBrowser(): Promise<Browser> {
    if (this.closed) throw new Error("BrowserPool: closed");
    if (this.browser) {
      const b = await this.browser.catch(() => null);
      if (b?.connected) return b;
      this.browser = null;
    }
    const launching = (async () => {
      const b = await this.launch();
      b.on("disconnected", () => {
        if (this.browser === launching) this.browser = null;
      });
      return b;
    })();
    this.browser = launching;
    launching.catch(() => {
      if (this.browser === launching) this.browser = null;
    });
    return launching;
  }

  /** Starts the first candidate browser that starts; a PrintError when none does. */
  private async launch(): Promise<Browser> {
    const { default: puppeteer } = await import("puppeteer-core");
    const failed: string[] = [];
    const search = { configured: this.opts.executablePath, fallback: this.opts.fallback };
    const fonts = await browserFontConfig({ systemFonts: this.opts.systemFonts });
    try {
      for await (const c of chromiumCandidates(search)) {
        let b: Browser;
        try {
          b = await puppeteer.launch({
            executablePath: c.executablePath,
            headless: true,
            args: [...BASE_ARGS, ...(this.opts.args ?? [])],
            env: { ...process.env, ...c.env, FONTCONFIG_FILE: fonts, ...this.opts.env },
          });
        } catch (err) {
          failed.push(`${c.executablePath}：${firstLine(err)}`);
          continue;
        }
        this.launches += 1;
        if (this.opts.onLaunch) this.opts.onLaunch(c, await b.version().catch(() => "?"));
        return b;
      }
    } catch (err) {
      // Unpacking the packaged browser failed (disk full, no tar).
      failed.push(`${PACKAGED_CHROMIUM}：${firstLine(err)}`);
    }
    throw noBrowser(search, failed);
  }

  private async acquire(): Promise<void> {
    if (this.open < this.maxPages) {
      this.open += 1;
      this.peakOpen = Math.max(this.peakOpen, this.open);
      return;
    }
    await new Promise<void>((resolve) => this.waiters.push(resolve));
    // The releasing caller handed its slot over: `open` is unchanged.
  }

  private release(): void {
    const next = this.waiters.shift();
    if (next) next();
    else this.open -= 1;
  }

  /**
   * Runs `work` with a fresh page of the shared browser, within the pool's bound, and closes the
   * page afterwards. When the browser dies during the work (crash, OOM kill), the work is tried
   * once more on a newly launched browser.
   */
  async withPage<T>(work: (page: Page) => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      for (let attempt = 1; ; attempt++) {
        const browser = await this.getBrowser();
        let page: Page | null = null;
        try {
          page = await browser.newPage();
          return await work(page);
        } catch (err) {
          if (browser.connected) throw err;
          if (attempt >= 2) {
            throw new PrintError(
              "打印 PDF 时浏览器意外退出（已换用新启动的浏览器重试一次）",
              false,
              {
                cause: err,
              },
            );
          }
          // The browser is gone: forget it, so the retry launches a new one.
          if (this.browser && (await this.browser.catch(() => null)) === browser) {
            this.browser = null;
          }
        } finally {
          if (page && browser.connected) await page.close().catch(() => {});
        }
      }
    } finally {
      this.release();
    }
  }

  /** The browser's process id (tests kill it to check recovery); null when none runs. */
  async pid(): Promise<number | null> {
    const b = this.browser ? await this.browser.catch(() => null) : null;
    return b?.process()?.pid ?? null;
  }

  /** Closes the browser; the pool cannot be used afterwards. */
  async close(): Promise<void> {
    this.closed = true;
    const b = this.browser ? await this.browser.catch(() => null) : null;
    this.browser = null;
    if (b) await b.close().catch(() => {});
  }
}

function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return (text.split("\n")[0] ?? "").slice(0, 200);
}

/** The reason when no browser could be started: where it looked, and what to do. */
function noBrowser(
  search: { configured?: string | undefined; fallback?: boolean | undefined },
  failed: string[],
) {
  const looked: string[] = [];
  if (search.configured) looked.push(`CHROMIUM_PATH（${search.configured}）`);
  if (search.fallback !== false) {
    looked.push("系统中的 Chromium / Chrome", `npm 包 ${PACKAGED_CHROMIUM}`);
  }
  const tried = failed.length > 0 ? `；启动失败：${failed.join("；")}` : "";
  const off =
    search.fallback === false ? "（CHROMIUM_FALLBACK=off：未查找系统或 npm 包中的浏览器）" : "";
  return new PrintError(
    `无法打印 PDF：找不到可以启动的 Chromium 浏览器。已查找：${looked.join("、") || "无"}${off}${tried}。` +
      "请安装 Chromium，或用 CHROMIUM_PATH 指定浏览器后重新生成。",
    true,
  );
}
