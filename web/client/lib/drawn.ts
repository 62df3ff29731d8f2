import { loadPageFonts } from "./page-fonts.ts";

/**
 * The "all charts drawn" signal for tests and the benchmark: `window.__chartsDrawn` holds the
 * `performance.now()` at which the last chart finished its first render, and `<html data-charts>`
 * turns to `drawn`.
 */
declare global {
  interface Window {
    __chartsDrawn?: number;
  }
}

/**
 * Sets the flag once; later calls (a chart re-rendering on resize) change nothing. Every dashboard
 * page calls it (the charts bundle when its charts are drawn, the dashboard bundle at once on a
 * page without charts), so it also brings in the page font, after the charts.
 */
export function markChartsDrawn(): void {
  if (window.__chartsDrawn !== undefined) return;
  window.__chartsDrawn = performance.now();
  document.documentElement.dataset.charts = "drawn";
  loadPageFonts();
}
