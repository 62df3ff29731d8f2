/**
 * One shared headless Chromium with a bounded pool of pages. A batch of a hundred reports opens
 * at most `maxPages` tabs in one browser, never a hundred browsers; a browser that crashed or
 * was killed is noticed (`disconnected`) and the next page request launches a fresh one.
 * Node-only (puppeteer-core): reached only through lazy imports, never from the Worker bundle.
 */
import type { Browser, Page } from "puppeteer-core";

export interface BrowserPoolOptions {
  /** Debian's Chromium by default. */
  executablePath?: string;
  /** Tabs open at once; further requests wait their turn. */
  maxPages?: number;
  /** Extra Chromium flags. */
  args?: string[];
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
      const { default: puppeteer } = await import("puppeteer-core");
      this.launches += 1;
      const b = await puppeteer.launch({
        executablePath: this.opts.executablePath ?? "/usr/bin/chromium",
        headless: true,
        args: [...BASE_ARGS, ...(this.opts.args ?? [])],
      });
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
          if (attempt >= 2 || browser.connected) throw err;
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
