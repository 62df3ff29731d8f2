/**
 * Generates one quarterly report: ReportSource (the API's figures, in the requester's scope) →
 * ReportModel → HTML → PDF, plus the input snapshot that makes it reproducible (scheme version,
 * data as of, data versions, SHA-256 of the PDF and HTML). The report modules, ECharts and
 * puppeteer are imported lazily: the Worker bundle never includes them.
 */
import type { QuarterlyReportModel } from "../../reports/assemble/quarterly-model.ts";
import type { BrowserPool } from "../../reports/pdf/browser-pool.ts";
import { formatPeriod } from "../../shapes/periods.ts";
import { Invalid } from "../errors.ts";
import type { IndicatorEngine } from "../indicators/engine.ts";
import { OWN_MODULES, type OwnModulePath, ownModuleUrl } from "../runtime/own-modules.ts";
import { listSchemeVersions } from "../schemes/queries.ts";
import { type ClaimedReport, type FinishedReport, saveReportContent } from "./queries/queue.ts";
import { dataVersionsOf } from "./queries/reports.ts";
import { createReportSource } from "./source.ts";

/**
 * Imports a report module by a specifier the Worker bundler cannot follow: ECharts and puppeteer
 * stay out of the Worker bundle (where no report is ever generated), and Node loads them on
 * first use (their source, or compiled, their built file: runtime/own-modules.ts).
 */
export function lazyImport<T>(path: OwnModulePath): Promise<T> {
  return import(/* @vite-ignore */ ownModuleUrl(path)) as Promise<T>;
}

type HtmlModule = typeof import("../../reports/html/quarterly-report.ts");
type SvgModule = typeof import("../../reports/charts/svg.ts");
type AssembleModule = typeof import("../../reports/assemble/quarterly-report.ts");
export type PrintModule = typeof import("../../reports/pdf/print.ts");

/** The PDF printer module (puppeteer), loaded on first use. */
export const loadPrinter = () => lazyImport<PrintModule>(OWN_MODULES.reportPrint);
export const loadBrowserPool = () =>
  lazyImport<typeof import("../../reports/pdf/browser-pool.ts")>(OWN_MODULES.reportBrowserPool);

/** The input snapshot stored with every report (and frozen with it when published). */
export interface ReportSnapshot {
  generator: "quarterly-report";
  modelVersion: number;
  period: string;
  orgUnit: string;
  edition: "leadership" | "assessor";
  scheme: { id: string; version: number };
  dataAsOf: QuarterlyReportModel["dataAsOf"];
  /** Data version of every quarter of the year and the year before, when the figures were read. */
  dataVersions: Record<string, number>;
  generatedAt: string;
  pages: number;
  pdfSha256: string;
  htmlSha256: string;
}

/** Lower-case hex SHA-256 (Web Crypto: the same in Node and Workers). */
export async function sha256Hex(data: Uint8Array | string): Promise<string> {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  const digest = await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** The running header of a report's PDF: unit on the left, quarter and edition on the right. */
export function pdfHeader(model: QuarterlyReportModel) {
  return {
    headerLeft: `${model.unit.name}　${model.periodZh}`,
    headerRight: `基层治理成效评估报告（${model.editionZh}）`,
  };
}

/** Renders a stored (or fresh) model to HTML: the same bytes for the same model. */
export async function renderReportHtml(model: QuarterlyReportModel): Promise<string> {
  const { renderQuarterlyHtml } = await lazyImport<HtmlModule>(OWN_MODULES.reportHtml);
  return renderQuarterlyHtml(model);
}

/** Builds a report's model from the database within `scopeUnitId`. */
export async function buildReportModel(
  engine: IndicatorEngine,
  r: Pick<
    ClaimedReport,
    "orgUnitCode" | "year" | "quarter" | "edition" | "schemeId" | "scopeUnitId"
  >,
  now: Date,
  onProgress: (fraction: number) => void = () => {},
): Promise<QuarterlyReportModel> {
  const { assembleQuarterlyReport } = await lazyImport<AssembleModule>(OWN_MODULES.reportAssemble);
  const source = createReportSource(engine, { scopeUnitId: r.scopeUnitId, now });
  return assembleQuarterlyReport(source, {
    period: formatPeriod(r),
    orgUnit: r.orgUnitCode,
    edition: r.edition,
    schemeId: r.schemeId,
    now: now.toISOString(),
    onProgress,
  });
}

/**
 * The whole generation. The browser page is made ready while the model is built; the report's
 * charts are drawn while the browser loads the rest of the HTML (`DeferredHtml`); the model and
 * HTML are stored while the PDF prints. When new data arrives while the figures are read (the
 * data versions differ before and after), the model is built once more so the snapshot's versions
 * describe it.
 */
export async function generateReport(
  engine: IndicatorEngine,
  r: ClaimedReport,
  opts: { printer: () => Promise<BrowserPool>; onProgress: (fraction: number) => void },
): Promise<FinishedReport> {
  const db = engine.db;
  const years = [r.year - 1, r.year];
  // Input that can never make a report fails here, before a browser page is taken, with a
  // reason the requester can read (the queue does not retry a domain error).
  if ((await listSchemeVersions(db, r.schemeId)).length === 0) {
    throw new Invalid(`指标方案“${r.schemeId}”不存在，无法生成报告`);
  }
  let asked: () => void = () => {};
  const printerAsked = new Promise<void>((resolve) => {
    asked = resolve;
  });
  const { renderQuarterlyHtmlParts } = await lazyImport<HtmlModule>(OWN_MODULES.reportHtml);
  const { fillChartSlots } = await lazyImport<SvgModule>(OWN_MODULES.reportCharts);
  const built = (async () => {
    for (let tries = 1; ; tries++) {
      const before = await dataVersionsOf(db, years);
      const model = await buildReportModel(engine, r, new Date(), (f) => opts.onProgress(f * 0.6));
      const versions = await dataVersionsOf(db, years);
      if (JSON.stringify(before) === JSON.stringify(versions) || tries === 3) {
        const parts = renderQuarterlyHtmlParts(model);
        let drawn: Promise<string[]> | null = null;
        // Drawn once, when the printer asks (the skeleton is on its way to the browser then).
        const charts = () => {
          drawn ??= Promise.resolve().then(() => parts.renderCharts());
          asked();
          return drawn;
        };
        return { model, versions, skeleton: parts.skeleton, charts };
      }
    }
  })();
  // These promises may reject before anything awaits them (the model fails while the printer
  // module loads; the browser fails while the model is built): each is marked handled at once
  // and its error still reaches the awaits below. Unmarked, Node would report an unhandled
  // rejection and, by default, exit: one bad report would take the whole service down.
  built.catch(() => {});
  const header = built.then((b) => pdfHeader(b.model));
  header.catch(() => {});
  const [{ printPdf }, pool] = await Promise.all([loadPrinter(), opts.printer()]);
  const printing = printPdf(pool, built, header);
  // The print may fail (no browser) before anything below awaits it: marked handled now, awaited below.
  printing.catch(() => {});
  // The model and HTML are saved while the PDF prints. A failed build fails the print too (it
  // waits on the build): let the print settle before rethrowing, so its page is released.
  const b = await built
    .then(async (x) => {
      // The charts are drawn here only when the printer failed before asking for them.
      await Promise.race([printerAsked, printing.catch(() => {})]);
      return { ...x, html: fillChartSlots(x.skeleton, await x.charts()) };
    })
    .catch(async (err) => {
      await printing.catch(() => {});
      throw err;
    });
  opts.onProgress(0.65);
  const saving = saveReportContent(db, r.id, {
    schemeVersion: b.model.scheme.version,
    model: b.model,
    html: b.html,
  });
  const [printed] = await Promise.all([printing, saving]);
  opts.onProgress(0.95);
  const { model, versions, html } = b;
  const [pdfSha256, htmlSha256] = await Promise.all([sha256Hex(printed.pdf), sha256Hex(html)]);
  const snapshot: ReportSnapshot = {
    generator: "quarterly-report",
    modelVersion: model.modelVersion,
    period: model.period,
    orgUnit: model.unit.code,
    edition: model.edition,
    scheme: { id: model.scheme.id, version: model.scheme.version },
    dataAsOf: model.dataAsOf,
    dataVersions: versions,
    generatedAt: model.generatedAt,
    pages: printed.pages,
    pdfSha256,
    htmlSha256,
  };
  return { snapshot, pdf: printed.pdf, pdfSha256, pages: printed.pages };
}
