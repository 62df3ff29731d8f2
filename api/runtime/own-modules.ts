/**
 * Our modules that are loaded by path at run time rather than imported: the entries of worker
 * threads, and the report modules (ECharts, puppeteer) that the Worker bundle must not include
 * (api/reporting/generate.ts). From source (tsx, a test runner) such a module is its TypeScript
 * file; compiled (`npm start` runs dist/server, scripts/build-server.ts) it is an entry of the
 * build under a flat name, beside every other file of the build.
 */
export const OWN_MODULES = {
  scanWorker: "api/cases/fast-reader/scan-worker.ts",
  sheetThread: "api/spreadsheet/sheet-thread.ts",
  reportAssemble: "reports/assemble/quarterly-report.ts",
  reportCharts: "reports/charts/svg.ts",
  reportHtml: "reports/html/quarterly-report.ts",
  reportPrint: "reports/pdf/print.ts",
  reportBrowserPool: "reports/pdf/browser-pool.ts",
} as const;

export type OwnModulePath = (typeof OWN_MODULES)[keyof typeof OWN_MODULES];

/**
 * Whether this code runs compiled (a .mjs file of dist/server) rather than as TypeScript source
 * (a Worker's bundle may have no module URL at all; it loads none of these modules).
 */
export const compiled = !String(import.meta.url ?? "").endsWith(".ts");

/** The built file of the module at `path` (from the project root): `reports.pdf.print.mjs`. */
export function compiledFile(path: OwnModulePath): string {
  return `${path.replace(/\.ts$/, "").replaceAll("/", ".")}.mjs`;
}

/**
 * The URL to load the module at `path` by: its source file (this file is api/runtime/, two
 * folders below the project), or compiled, its built file in the build's one folder.
 */
export function ownModuleUrl(path: OwnModulePath): string {
  return compiled
    ? new URL(`./${compiledFile(path)}`, import.meta.url).href
    : new URL(`../../${path}`, import.meta.url).href;
}
