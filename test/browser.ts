import { existsSync, statSync } from "node:fs";
import { readdir } from "node:fs/promises";
import type { Browser, Page } from "puppeteer-core";
import { buildWeb } from "../scripts/build-web.ts";
import { HEADLESS_ARGS, launchChromium as launchWith } from "./chromium.ts";

/**
 * Headless Chromium for page tests, found as the app finds its printer (test/chromium.ts: CHROMIUM_PATH,
 * the system's, then the npm package's). No name resolves except the test server's loopback address,
 * so a page that tries to leave the site fails at once instead of waiting on DNS.
 */
export function launchChromium(): Promise<Browser> {
  return launchWith([...HEADLESS_ARGS, "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]);
}

/** `npm test` builds the bundles first; a direct `vitest run` rebuilds them when sources are newer. */
export async function ensureBundles(): Promise<void> {
  const manifest = "dist/web/manifest.json";
  const newest = async (dir: string): Promise<number> => {
    let latest = 0;
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      latest = Math.max(latest, entry.isDirectory() ? await newest(path) : statSync(path).mtimeMs);
    }
    return latest;
  };
  if (!existsSync(manifest) || statSync(manifest).mtimeMs < (await newest("web/client"))) {
    await buildWeb();
  }
}

/** Signs in through the page's form at `url` and waits until the page has gone somewhere else. */
export async function signInThroughForm(
  page: Page,
  url: string,
  username: string,
  password: string,
): Promise<void> {
  await page.goto(url);
  await page.type("#username", username);
  await page.type("#password", password);
  await page.click("#login-submit");
  await page.waitForFunction(() => location.pathname !== "/login", { timeout: 10_000 });
}
