/**
 * HTML → PDF with Chromium: A4, a running header (unit, quarter, edition) and footer (page n of
 * m), charts kept as vectors (inline SVG), text in WenQuanYi Zen Hei (embedded by name, TrueType,
 * extractable). The report paginates itself first (./paginate.ts) so table rows never split and
 * the table of contents has page numbers. Node-only; load lazily.
 */
import { esc } from "../html/markup.ts";
import { PAGE } from "../html/report-css.ts";
import { BrowserPool, type BrowserPoolOptions } from "./browser-pool.ts";
import { PAGINATE_SCRIPT, type PaginationResult } from "./paginate.ts";

export interface PrintOptions {
  /** Left and right of the running header (escaped here). */
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

const FONT = "'WenQuanYi Zen Hei', 'Noto Sans CJK SC', sans-serif";

function headerTemplate(left: string, right: string) {
  return (
    `<div style="width:100%;margin:0 ${PAGE.marginSideMm}mm;padding-bottom:1mm;border-bottom:0.5px solid #9fb3c8;` +
    `display:flex;justify-content:space-between;font-family:${FONT};font-size:8pt;color:#52606d">` +
    `<span>${esc(left)}</span><span>${esc(right)}</span></div>`
  );
}

const FOOTER =
  `<div style="width:100%;text-align:center;font-family:${FONT};font-size:8pt;color:#52606d">` +
  `第 <span class="pageNumber"></span> 页　共 <span class="totalPages"></span> 页</div>`;

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
    await page.evaluate("document.fonts.ready.then(() => true)");
    let result: PaginationResult = { pages: 0, pageOf: {} };
    if (opts.paginate !== false) {
      result = (await page.evaluate(
        `(${PAGINATE_SCRIPT})(${CONTENT_HEIGHT_PX})`,
      )) as PaginationResult;
    }
    const printedHtml = opts.keepHtml ? await page.content() : "";
    const pdf = await page.pdf({
      format: "A4",
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: headerTemplate(opts.headerLeft, opts.headerRight),
      footerTemplate: FOOTER,
      margin: {
        top: `${PAGE.marginTopMm}mm`,
        bottom: `${PAGE.marginBottomMm}mm`,
        left: `${PAGE.marginSideMm}mm`,
        right: `${PAGE.marginSideMm}mm`,
      },
      preferCSSPageSize: false,
      tagged: true,
      outline: true,
      timeout: 120_000,
    });
    return { pdf: new Uint8Array(pdf), pages: result.pages, pageOf: result.pageOf, printedHtml };
  });
}

let shared: BrowserPool | null = null;

/**
 * The process's one browser pool (created on first use with these options; later options are
 * ignored). Close it with {@link closeSharedPool} at shutdown.
 */
export function sharedPool(opts: BrowserPoolOptions = {}): BrowserPool {
  if (!shared) shared = new BrowserPool(opts);
  return shared;
}

/** Closes the shared pool (shutdown, end of a test file). */
export async function closeSharedPool(): Promise<void> {
  const p = shared;
  shared = null;
  await p?.close();
}
