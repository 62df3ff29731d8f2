import type { Browser, HTTPRequest, Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_PASSWORD } from "../../test/accounts.ts";
import { ensureBundles, launchChromium, signInThroughForm } from "../../test/browser.ts";
import { openTestEnv, type TestEnv } from "../../test/stores.ts";

// Signing in through the real page with a hostile `next` ends on this site's `/`: the server
// hands the form a safe `next`, and the form checks it again before following it (here the test
// writes a hostile one into the form, as a page with an injected attribute would).
// The page's behaviour is the same on both stores; PGlite serves it.

const HOSTILE = [
  "/\t/evil.example",
  "//evil.example",
  "/\\evil.example",
  "/%2F%2Fevil.example",
  "/.//evil.example",
  "https://evil.example/",
];

describe("signing in with a hostile next in Chromium", () => {
  let env: TestEnv;
  let browser: Browser;
  beforeAll(async () => {
    await ensureBundles();
    env = await openTestEnv("pglite", { ADMIN_PASSWORD });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await env?.close();
  });

  /** A fresh page that records every document it navigates to and every host it asks. */
  async function watchedPage(): Promise<{ page: Page; navigations: string[]; hosts: Set<string> }> {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    const navigations: string[] = [];
    const hosts = new Set<string>();
    page.on("request", (req: HTTPRequest) => {
      if (req.url().startsWith("http")) hosts.add(new URL(req.url()).host);
      if (req.isNavigationRequest() && req.frame() === page.mainFrame())
        navigations.push(req.url());
    });
    return { page, navigations, hosts };
  }

  it.each(HOSTILE.map((h) => [h]))("server side: /login?next=%j goes to /", async (next) => {
    const { page, navigations, hosts } = await watchedPage();
    const login = `${env.baseUrl}/login?next=${encodeURIComponent(next)}`;
    await signInThroughForm(page, login, "admin", ADMIN_PASSWORD);
    expect(navigations[0]).toBe(login);
    expect(navigations[1]).toBe(`${env.baseUrl}/`);
    expect([...hosts]).toEqual([new URL(env.baseUrl).host]);
    await page.browserContext().close();
  });

  it.each(HOSTILE.map((h) => [h]))(
    "client side: a form whose data-next is %j goes to /",
    async (next) => {
      const { page, navigations, hosts } = await watchedPage();
      const login = `${env.baseUrl}/login`;
      await page.goto(login);
      await page.$eval("#login-form", (form, value) => form.setAttribute("data-next", value), next);
      await page.type("#username", "admin");
      await page.type("#password", ADMIN_PASSWORD);
      await page.click("#login-submit");
      await page.waitForFunction(() => location.pathname !== "/login", { timeout: 10_000 });
      expect(navigations[1]).toBe(`${env.baseUrl}/`);
      expect([...hosts]).toEqual([new URL(env.baseUrl).host]);
      await page.browserContext().close();
    },
  );
});
