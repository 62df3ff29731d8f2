/**
 * A Chromium for the page tests, found the way the app finds its printer (CHROMIUM_PATH, the
 * system's, then the npm package's: reports/pdf/find-chromium.ts) and shown only the shipped
 * fonts (reports/pdf/font-config.ts), so that pages render the same on any machine.
 */
import puppeteer, { type Browser } from "puppeteer-core";
import { findChromium } from "../reports/pdf/find-chromium.ts";
import { browserFontConfig } from "../reports/pdf/font-config.ts";

/** Headless, and nothing of its own on the network (updates, background fetches). */
export const HEADLESS_ARGS: readonly string[] = [
  "--no-sandbox",
  "--headless=new",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
];

/** The launch options (tests that call puppeteer.launch themselves; benchmarks). */
export async function chromiumLaunchOptions(args: readonly string[] = HEADLESS_ARGS) {
  const chromium = await findChromium({ configured: process.env.CHROMIUM_PATH });
  if (!chromium) {
    throw new Error(
      "No Chromium: set CHROMIUM_PATH, install Debian's chromium, or run npm install (@sparticuz/chromium)",
    );
  }
  return {
    executablePath: chromium.executablePath,
    args: [...args],
    env: { ...process.env, ...chromium.env, FONTCONFIG_FILE: await browserFontConfig() },
  };
}

/** Launches the test Chromium with `args`. */
export async function launchChromium(args: readonly string[]): Promise<Browser> {
  return puppeteer.launch(await chromiumLaunchOptions(args));
}
