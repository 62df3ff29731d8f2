import { createRequire } from "node:module";
import { dirname } from "node:path";
import type { Browser, HTTPResponse, Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, seedDemo } from "../../scripts/demo/generate.ts";
import { ADMIN_PASSWORD } from "../../test/accounts.ts";
import { ensureBundles, launchChromium, signInThroughForm } from "../../test/browser.ts";
import { stopReports } from "../../test/fixtures/reports.ts";
import { openTestEnv, type TestEnv } from "../../test/stores.ts";
import { fileAssetReader } from "../assets/files.ts";

// Every page in real Chromium under the app's Content-Security-Policy: the sign-in page, the
// dashboard (charts, sorting, red items, data quality, the report panel and a report's HTML), the
// public survey page (filled and sent, large type), assisted entry's sign-in, the QR posters'
// print button, the not-found page and Swagger UI. Each must work with no CSP violation, no
// console error and no page error; and a script injected into a page must not run.
// The pages are the same on both stores; PGlite serves them.

const PERIOD = "2026Q3";
const swaggerDir = dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));

interface Watch {
  page: Page;
  /** CSP violations, console errors and page errors, as text. */
  problems: string[];
  /** Document responses of the main frame (their headers carry the policy). */
  documents: HTTPResponse[];
}

describe("pages under the Content-Security-Policy in Chromium", () => {
  let env: TestEnv;
  let browser: Browser;
  beforeAll(async () => {
    await ensureBundles();
    env = await openTestEnv(
      "pglite",
      { ADMIN_PASSWORD, SURVEY_RATE_LIMIT: "0" },
      { readAsset: fileAssetReader(swaggerDir) },
    );
    await seedDemo(env.store, {
      streets: 2,
      communitiesPerStreet: 2,
      quarters: ["2026Q2", PERIOD],
    });
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    if (env) await stopReports(env);
    await env?.close();
  });

  async function watch(): Promise<Watch> {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    const problems: string[] = [];
    const documents: HTTPResponse[] = [];
    await page.exposeFunction("__cspViolation", (text: string) => problems.push(text));
    await page.evaluateOnNewDocument(() => {
      document.addEventListener("securitypolicyviolation", (e) => {
        const w = window as unknown as { __cspViolation(text: string): void };
        w.__cspViolation(
          `CSP ${e.violatedDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`,
        );
      });
      // Printing would open a dialog headless Chromium cannot show: count the calls instead.
      const w = window as unknown as { __printed: number };
      w.__printed = 0;
      window.print = () => {
        w.__printed++;
      };
    });
    page.on("console", (m) => {
      const url = m.location().url ?? "";
      // Not the policy's business: Chromium asks for /favicon.ico on a page without an icon link
      // (the report HTML), and logs the 404 status of the not-found page it was sent to.
      if (/\/favicon\.ico$|\/NOPE$/.test(url) && m.text().includes("404")) return;
      if (m.type() === "error") problems.push(`console: ${m.text()} (${url})`);
    });
    page.on("pageerror", (e) => problems.push(`page error: ${String(e)}`));
    page.on("response", (r) => {
      if (r.request().isNavigationRequest() && r.request().frame() === page.mainFrame()) {
        documents.push(r);
      }
    });
    return { page, problems, documents };
  }

  /** Every document the page loaded carried the policy: scripts by nonce only, nothing framed. */
  function expectPolicy(w: Watch) {
    const pages = w.documents.filter((r) => r.status() === 200);
    expect(pages.length).toBeGreaterThan(0);
    for (const r of pages) {
      const csp = r.headers()["content-security-policy"] ?? "";
      expect(csp, r.url()).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'(;|$)/);
      expect(csp, r.url()).toContain("object-src 'none'");
      expect(csp, r.url()).toContain("frame-ancestors 'none'");
    }
  }

  /** A script injected into the page (as an XSS would) is blocked and reported. */
  async function expectInjectedScriptBlocked(w: Watch) {
    const before = w.problems.length;
    const ran = await w.page.evaluate(async () => {
      const blocked = new Promise<boolean>((resolve) => {
        document.addEventListener("securitypolicyviolation", () => resolve(true), { once: true });
        setTimeout(() => resolve(false), 2000);
      });
      const s = document.createElement("script");
      s.textContent = "window.__injected = true";
      document.body.appendChild(s);
      const img = document.createElement("div");
      img.innerHTML = '<img src="data:," onerror="window.__injected = true">';
      document.body.appendChild(img);
      await blocked;
      await new Promise((r) => setTimeout(r, 100));
      return (window as unknown as { __injected?: boolean }).__injected === true;
    });
    expect(ran).toBe(false);
    // What the injection caused: two violation events (the script, the handler) and the
    // browser's console lines about the same blocks, worded differently by Chromium versions
    // (143 logs "Executing inline event handler violates …", 156 another line). Anything else
    // logged meanwhile stays a problem.
    const during = w.problems.splice(before);
    expect(during.filter((p) => p.startsWith("CSP script-src")).length).toBe(2);
    w.problems.push(
      ...during.filter(
        (p) =>
          !p.startsWith("CSP script-src") &&
          !/violates the following Content Security Policy directive:? ["']script-src/.test(p),
      ),
    );
  }

  it("sign-in page and dashboard: sign in, charts, sorting, red items, data quality", async () => {
    const w = await watch();
    const { page } = w;
    await page.setViewport({ width: 1366, height: 768 });
    await signInThroughForm(
      page,
      `${env.baseUrl}/login?next=%2Fdashboard`,
      "leader",
      DEMO_PASSWORD,
    );
    await page.waitForFunction("window.__chartsDrawn !== undefined", { timeout: 15_000 });
    for (const id of ["radar", "trend", "ranking"]) {
      expect(await page.$(`#chart-${id} svg`), id).not.toBeNull();
    }
    const header = 'table[data-testid="child-table"] thead th:nth-child(3) button';
    await page.click(header);
    const sorted = await page.$$eval('[data-testid="child-row"]', (trs) =>
      trs.map((t) => Number(t.getAttribute("data-index"))),
    );
    expect(sorted).toEqual([...sorted].sort((a, b) => b - a));
    const code = new URL(page.url()).pathname.split("/").pop()!;
    for (const sub of ["red-items", "data-quality"]) {
      await page.goto(`${env.baseUrl}/dashboard/${code}/${sub}?period=${PERIOD}`);
      await page.waitForFunction("window.__chartsDrawn !== undefined", { timeout: 15_000 });
      expect(await page.$('[data-testid="page-title"]')).not.toBeNull();
    }
    await expectInjectedScriptBlocked(w);
    expectPolicy(w);
    expect(w.problems).toEqual([]);
    await page.browserContext().close();
  });

  it("report panel: a draft is generated from the dashboard and its HTML opens", async () => {
    const w = await watch();
    const { page } = w;
    await page.setViewport({ width: 1366, height: 768 });
    await signInThroughForm(page, `${env.baseUrl}/login`, "street-leader", DEMO_PASSWORD);
    await page.waitForFunction("window.__chartsDrawn !== undefined", { timeout: 15_000 });
    await Promise.all([
      page.waitForNavigation({ timeout: 90_000 }),
      page.click('[data-generate="leadership"]'),
    ]);
    const href = await page.$eval(
      '[data-testid="report-list"] tr[data-report] a[target="_blank"]',
      (a) => a.getAttribute("href")!,
    );
    await page.goto(env.baseUrl + href);
    expect(await page.$eval("body", (b) => b.textContent ?? "")).toContain("综合指数");
    expect(await page.$("svg")).not.toBeNull();
    expectPolicy(w);
    expect(w.problems).toEqual([]);
    await page.browserContext().close();
  });

  it("public survey page: filled and sent, then in large type from the saved choice", async () => {
    const w = await watch();
    const { page } = w;
    await page.setViewport({ width: 390, height: 844, isMobile: true, hasTouch: true });
    const unit = await env.store.db
      .selectFrom("org_unit")
      .select("code")
      .where("level", "=", "community")
      .orderBy("code")
      .executeTakeFirstOrThrow();
    await page.goto(`${env.baseUrl}/s/satisfaction/${unit.code}`);
    // The page's script (a module from this site, no inline handler) enhanced the plain form.
    await page.waitForSelector("html[data-enhanced]");
    const items = await page.$$('fieldset[data-name="overall"] .opt');
    await items[4]!.click();
    await page.click("#submit");
    await page.waitForSelector("#thanks:not([hidden])", { timeout: 10_000 });
    await expectInjectedScriptBlocked(w);

    // The inline script of the page's head (allowed by its nonce) applies the saved large type
    // before the bundle runs.
    await page.evaluate(() => localStorage.setItem("s369.survey.large", "1"));
    await page.goto(`${env.baseUrl}/s/satisfaction/${unit.code}`, {
      waitUntil: "domcontentloaded",
    });
    expect(await page.evaluate(() => document.documentElement.classList.contains("large"))).toBe(
      true,
    );
    await page.waitForSelector("html.stepping[data-enhanced]");
    expectPolicy(w);
    expect(w.problems).toEqual([]);
    await page.browserContext().close();
  });

  it("assisted entry: the inline sign-in script signs a clerk in, and the form opens", async () => {
    const w = await watch();
    const { page } = w;
    const unit = await env.store.db
      .selectFrom("org_unit")
      .select("code")
      .where("level", "=", "community")
      .orderBy("code")
      .executeTakeFirstOrThrow();
    await page.goto(`${env.baseUrl}/s/satisfaction/${unit.code}/assisted`);
    await page.type('#login input[name="username"]', "assessor");
    await page.type('#login input[name="password"]', DEMO_PASSWORD);
    await Promise.all([page.waitForNavigation(), page.click('#login button[type="submit"]')]);
    await page.waitForSelector(".sd-question");
    expect(await page.$eval(".notice strong", (el) => el.textContent)).toBe("assessor");
    expectPolicy(w);
    expect(w.problems).toEqual([]);
    await page.browserContext().close();
  });

  it("QR posters: the print button works; the not-found page renders", async () => {
    const w = await watch();
    const { page } = w;
    const street = await env.store.db
      .selectFrom("org_unit")
      .select("code")
      .where("level", "=", "street")
      .orderBy("code")
      .executeTakeFirstOrThrow();
    await page.goto(`${env.baseUrl}/posters/satisfaction/${street.code}`);
    expect((await page.$$(".poster")).length).toBeGreaterThan(0);
    await page.click("#print");
    expect(await page.evaluate(() => (window as unknown as { __printed: number }).__printed)).toBe(
      1,
    );
    const missing = await page.goto(`${env.baseUrl}/s/satisfaction/NOPE`);
    expect(missing?.status()).toBe(404);
    expect(await page.$eval("h1", (h) => h.textContent)).toBe("页面不存在");
    expect(w.problems).toEqual([]);
    expectPolicy(w);
    await page.browserContext().close();
  });

  it("Swagger UI reads the OpenAPI document", async () => {
    const w = await watch();
    const { page } = w;
    await page.goto(`${env.baseUrl}/api/v1/docs`);
    // Swagger UI renders the whole OpenAPI document first: tens of seconds on a busy 2-core
    // machine with the npm package's Chromium.
    await page.waitForSelector(".swagger-ui .info .title", { timeout: 60_000 });
    expect(await page.$eval(".swagger-ui .info .title", (el) => el.textContent)).toContain(
      "Scorecard 369 API",
    );
    await page.waitForSelector(".opblock", { timeout: 60_000 });
    expectPolicy(w);
    expect(w.problems).toEqual([]);
    await page.browserContext().close();
  }, 150_000);
});
