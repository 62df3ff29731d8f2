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

/** Sets the flag once; later calls (a chart re-rendering on resize) change nothing. */
export function markChartsDrawn(): void {
  if (window.__chartsDrawn !== undefined) return;
  window.__chartsDrawn = performance.now();
  document.documentElement.dataset.charts = "drawn";
}
