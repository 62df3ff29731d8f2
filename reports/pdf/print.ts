/**
 * HTML → PDF with Chromium: A4, a running header (unit, quarter, edition) and footer (page n of
 * m) drawn as CSS page-margin boxes, charts kept as vectors (inline SVG), text in the shipped
 * Noto Sans SC (reports/fonts/), embedded by name as CID TrueType, extractable, and the same on
 * every machine. The page is laid out at a private origin whose every request is answered here:
 * the report's font stylesheet and files come from the npm package, anything else is refused
 * (nothing leaves the machine). The report paginates itself first (./paginate.ts) so table rows
 * never split and the table of contents has page numbers. Node-only; load lazily.
 */
import { readFile } from "node:fs/promises";
import type { HTTPRequest, Page } from "puppeteer-core";
import { CJK_FONT, CJK_FONT_WEIGHTS, PRINT_FONT_CSS } from "../../shapes/fonts.ts";
import { cjkFontCss, cjkFontFiles } from "../fonts/cjk-font-files.ts";
import { PAGE } from "../html/report-css.ts";
import type { BrowserPool } from "./browser-pool.ts";
import { PAGINATE_SCRIPT, type PaginationResult } from "./paginate.ts";

export interface PrintOptions {
  /** Left and right of the running header. */
  headerLeft: string;
  headerRight: string;
  /** Run the paginator before printing (default true). */
  paginate?: boolean;
  /** Return the HTML as printed (after pagination), e.g. to print it again alone. */
  keepHtml?: boolean;
}

export interface PrintedPdf {
  pdf: Uint8Array;
  /** Pages as the paginator laid them out (equals the PDF's page count). */
  pages: number;
  pageOf: Record<string, number>;
  /** The HTML as printed (after pagination), when `keepHtml` was asked for; else "". */
  printedHtml: string;
}

const MM_TO_PX = 96 / 25.4;
/** Height of the page's content box in CSS pixels. */
export const CONTENT_HEIGHT_PX =
  (PAGE.heightMm - PAGE.marginTopMm - PAGE.marginBottomMm) * MM_TO_PX;
const CONTENT_WIDTH_PX = Math.ceil((PAGE.widthMm - 2 * PAGE.marginSideMm) * MM_TO_PX);

/** Where the report is laid out: `.invalid` never resolves (RFC 2606), requests stop here. */
export const REPORT_ORIGIN = "http://report.invalid";

/** A CSS string literal (quotes and backslashes escaped, line breaks as spaces). */
const cssString = (s: string) => `"${s.replace(/[\\"]/g, "\\$&").replace(/[\n\r\f]/g, " ")}"`;

const FOOTER_TEXT = "第页共";

/**
 * The running header and footer as page-margin boxes: they are part of the document, so they are
 * set in the document's own fonts (Chromium's header and footer templates are separate documents
 * that cannot load one and would fall back to whatever the machine has).
 */
function marginBoxes(left: string, right: string): string {
  const text = `font-family:'${CJK_FONT}';font-size:8pt;color:#52606d`;
  const head = `${text};vertical-align:bottom;padding-bottom:1mm;border-bottom:0.5px solid #9fb3c8`;
  return (
    `@page{@top-left{content:${cssString(left)};${head}}@top-center{content:"";${head}}` +
    `@top-right{content:${cssString(right)};text-align:right;${head}}` +
    `@bottom-center{content:"第 " counter(page) " 页　共 " counter(pages) " 页";${text}}}`
  );
}

const ADD_STYLE_SCRIPT = `(function (css) {
  var s = document.createElement('style');
  s.textContent = css;
  document.head.appendChild(s);
  return true;
})`;

/**
 * Loads every face of the shipped font, in each weight, that the page's text (and `extra`, the
 * margin boxes' text) needs, then waits until no font is loading. `document.fonts.ready` alone
 * may resolve before layout has asked for a face; the paginator must measure final glyphs.
 */
const LOAD_FONTS_SCRIPT = `(function (family, weights, extra) {
  var text = (document.body ? document.body.textContent : '') + extra;
  return Promise.all(weights.map(function (w) {
    return document.fonts.load(w + ' 16px "' + family + '"', text);
  })).then(function () { return document.fonts.ready; }).then(function () { return true; });
})`;

const loadFonts = (page: Page, extra: string) =>
  page.evaluate(
    `(${LOAD_FONTS_SCRIPT})(${JSON.stringify(CJK_FONT)}, ${JSON.stringify(CJK_FONT_WEIGHTS)}, ${JSON.stringify(extra)})`,
  );

/**
 * The print stylesheet and its files (read once per process, on first use). Stays a module cache (issue 17):
 * memoised reads of files shipped with the install, the same for every browser pool.
 */
let printFonts: { css: string; paths: Map<string, string> } | null = null;
const fontBytes = new Map<string, Promise<Buffer>>();

function fontsForPrint() {
  if (!printFonts) {
    const files = cjkFontFiles("woff");
    printFonts = { css: cjkFontCss(files), paths: new Map(files.map((f) => [f.name, f.path])) };
  }
  return printFonts;
}

/** Answers one request of the page being printed; refuses everything but the report's own. */
async function answer(req: HTTPRequest): Promise<void> {
  const url = new URL(req.url());
  if (url.protocol === "data:") return req.continue();
  if (url.origin !== REPORT_ORIGIN) return req.abort("blockedbyclient");
  const fonts = fontsForPrint();
  if (url.pathname === "/") {
    return req.respond({ status: 200, contentType: "text/html; charset=utf-8", body: "" });
  }
  if (url.pathname === PRINT_FONT_CSS) {
    return req.respond({ status: 200, contentType: "text/css; charset=utf-8", body: fonts.css });
  }
  const path = url.pathname.startsWith("/fonts/")
    ? fonts.paths.get(url.pathname.slice("/fonts/".length))
    : undefined;
  if (!path) return req.respond({ status: 404, contentType: "text/plain", body: "" });
  let bytes = fontBytes.get(path);
  if (!bytes) {
    bytes = readFile(path);
    fontBytes.set(path, bytes);
  }
  return req.respond({ status: 200, contentType: "font/woff", body: await bytes });
}

/** Makes `page` a blank document at {@link REPORT_ORIGIN}, all of whose requests are answered here. */
async function openAtReportOrigin(page: Page): Promise<void> {
  await page.setRequestInterception(true);
  page.on("request", (req) => {
    answer(req).catch(() => {
      // The page closed meanwhile, or the file could not be read: the request fails.
      if (!req.isInterceptResolutionHandled()) void req.abort("failed").catch(() => {});
    });
  });
  await page.goto(`${REPORT_ORIGIN}/`);
}

/**
 * HTML whose charts are drawn while the browser lays it out: `skeleton` has an empty slot of each
 * chart's size (reports/charts/svg.ts `deferCharts`); `charts()` draws them (in this process,
 * synchronously, so it is called only once the skeleton is on its way to the browser), and they
 * are put into their slots before the page is paginated and printed.
 */
export interface DeferredHtml {
  skeleton: string;
  charts: () => Promise<readonly string[]>;
}

/** Replaces each `svg[data-chart-slot=i]` by the i-th SVG of the argument. */
const FILL_SLOTS_SCRIPT = `(function (svgs) {
  var slots = document.querySelectorAll('svg[data-chart-slot]');
  for (var i = 0; i < slots.length; i++) {
    var t = document.createElement('template');
    t.innerHTML = svgs[Number(slots[i].getAttribute('data-chart-slot'))];
    slots[i].replaceWith(t.content);
  }
  return slots.length;
})`;

/**
 * Prints `content` (HTML, or a promise of it: the browser page is made ready meanwhile; or a
 * {@link DeferredHtml}, whose charts are drawn while the browser loads the rest) to PDF in a
 * page of `pool`.
 *
 * @example
 * ```ts
 * const { pdf, pages } = await printPdf(pool, html, { headerLeft: "示范区", headerRight: "2026年第三季度" });
 * ```
 */
export async function printPdf(
  pool: BrowserPool,
  content: string | DeferredHtml | Promise<string | DeferredHtml>,
  options: PrintOptions | Promise<PrintOptions>,
): Promise<PrintedPdf> {
  // The page is prepared while the caller may still be building the HTML (a promise).
  return pool.withPage(async (page) => {
    await openAtReportOrigin(page);
    await page.setViewport({ width: CONTENT_WIDTH_PX + 2, height: 1200 });
    await page.emulateMediaType("print");
    const [html, opts] = await Promise.all([content, options]);
    if (typeof html === "string") {
      await page.setContent(html, { waitUntil: "load" });
    } else {
      const loading = page.setContent(html.skeleton, { waitUntil: "load" });
      // Let the skeleton go out before the charts take this thread.
      await new Promise((resolve) => setImmediate(resolve));
      const [svgs] = await Promise.all([html.charts(), loading]);
      const filled = await page.evaluate(`(${FILL_SLOTS_SCRIPT})(${JSON.stringify(svgs)})`);
      if (filled !== svgs.length) {
        throw new Error(`printPdf: ${svgs.length} charts for ${String(filled)} slots`);
      }
    }
    await page.evaluate(
      `(${ADD_STYLE_SCRIPT})(${JSON.stringify(marginBoxes(opts.headerLeft, opts.headerRight))})`,
    );
    const marginText = `${opts.headerLeft}${opts.headerRight}${FOOTER_TEXT}0123456789`;
    await loadFonts(page, marginText);
    let result: PaginationResult = { pages: 0, pageOf: {} };
    if (opts.paginate !== false) {
      result = (await page.evaluate(
        `(${PAGINATE_SCRIPT})(${CONTENT_HEIGHT_PX})`,
      )) as PaginationResult;
      // Page numbers and continued tables may need glyphs the first pass did not.
      await loadFonts(page, marginText);
    }
    const printedHtml = opts.keepHtml ? await page.content() : "";
    const pdf = await page.pdf({
      format: "A4",
      printBackground: true,
      displayHeaderFooter: false,
      preferCSSPageSize: true,
      margin: {
        top: `${PAGE.marginTopMm}mm`,
        bottom: `${PAGE.marginBottomMm}mm`,
        left: `${PAGE.marginSideMm}mm`,
        right: `${PAGE.marginSideMm}mm`,
      },
      tagged: true,
      outline: true,
      timeout: 120_000,
    });
    return { pdf: new Uint8Array(pdf), pages: result.pages, pageOf: result.pageOf, printedHtml };
  });
}
