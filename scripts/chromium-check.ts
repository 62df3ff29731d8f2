/**
 * `npx tsx scripts/chromium-check.ts`: starts the Chromium the app would print reports with
 * (CHROMIUM_PATH, the system's, then the npm package's: reports/pdf/find-chromium.ts), prints a
 * blank page to PDF and writes one JSON line: where the browser came from and its version, or
 * why none printed (scripts/system-needs.mjs reads it before the tests).
 */
import { BrowserPool } from "../reports/pdf/browser-pool.ts";

let found: { source: string; path: string; version: string } | null = null;
const pool = new BrowserPool({
  executablePath: process.env.CHROMIUM_PATH,
  maxPages: 1,
  onLaunch: (c, version) => {
    found = { source: c.source, path: c.executablePath, version };
  },
});
try {
  const pdf = await pool.withPage(async (page) => {
    await page.setContent("<p>369</p>");
    return page.pdf({ format: "A4" });
  });
  process.stdout.write(`${JSON.stringify({ ok: pdf.byteLength > 0, ...(found ?? {}) })}\n`);
} catch (err) {
  const reason = err instanceof Error ? err.message : String(err);
  process.stdout.write(`${JSON.stringify({ ok: false, reason })}\n`);
} finally {
  await pool.close();
}
