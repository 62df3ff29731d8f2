/**
 * Server-side ECharts: an option in, a self-contained SVG string out (ECharts' SSR mode,
 * `renderToSVGString`), drawn with the dashboard's theme (shapes/theme.ts) so a
 * report's charts look like the dashboard's. No DOM, no canvas, no script in the output.
 */
import { BarChart, CustomChart, LineChart, RadarChart, ScatterChart } from "echarts/charts";
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  RadarComponent,
} from "echarts/components";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import { CJK_FONT } from "../../shapes/fonts.ts";
import { ECHARTS_THEME } from "../../shapes/theme.ts";

/**
 * The reports' font stack: the shipped Noto Sans SC (shapes/fonts.ts), which the report
 * loads with its own stylesheet, so a PDF embeds the same named TrueType font on every machine.
 * No system CJK font follows it: a glyph the font lacks would otherwise come from whatever the
 * machine has (Debian's Noto CJK is CFF, embedded as unnamed Type 3 glyphs). Single quotes only:
 * ECharts writes the family into a double-quoted `style` attribute.
 */
export const REPORT_FONT_FAMILY = `'${CJK_FONT}', sans-serif`;

// Only the chart types and components the reports' options use (reports/charts/*-charts.ts), and
// the SVG renderer: importing the whole `echarts` bundle doubled this module's heap (30 MB).
echarts.use([
  BarChart,
  CustomChart,
  LineChart,
  RadarChart,
  ScatterChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  RadarComponent,
  SVGRenderer,
]);

const THEME = "s369-report";
echarts.registerTheme(THEME, {
  ...ECHARTS_THEME,
  textStyle: { ...ECHARTS_THEME.textStyle, fontFamily: REPORT_FONT_FAMILY },
  tooltip: { textStyle: { fontFamily: REPORT_FONT_FAMILY } },
});

/**
 * Renders an ECharts option to SVG at `width` × `height` CSS pixels (the SVG keeps a viewBox,
 * so the page may scale it). Animation is off; the output is deterministic for a given option:
 * the per-instance class prefixes and hover-only `<style>` block that ECharts adds are removed,
 * so the same model always renders to the same bytes.
 *
 * @example
 * ```ts
 * const svg = renderChartSvg({ xAxis: { data: ["甲"] }, yAxis: {}, series: [{ type: "bar", data: [1] }] }, 400, 200);
 * svg.startsWith("<svg"); // true
 * ```
 */
export function renderChartSvg(option: echarts.EChartsCoreOption, width: number, height: number) {
  if (!(width > 0 && height > 0)) {
    throw new RangeError(
      `renderChartSvg: width and height must be positive, got ${width}×${height}`,
    );
  }
  if (deferred) {
    deferred.push({ option, width, height });
    return chartSlot(deferred.length - 1, width, height);
  }
  return drawChartSvg(option, width, height);
}

function drawChartSvg(option: echarts.EChartsCoreOption, width: number, height: number) {
  const chart = echarts.init(null, THEME, { renderer: "svg", ssr: true, width, height });
  try {
    chart.setOption({ animation: false, ...option });
    return stableIds(tidy(chart.renderToSVGString()));
  } finally {
    chart.dispose();
  }
}

interface PendingChart {
  option: echarts.EChartsCoreOption;
  width: number;
  height: number;
}

/**
 * Charts asked for inside {@link deferCharts}'s build (synchronous, so never interleaved). Stays
 * module state (issue 17): it lives only for the span of one synchronous call.
 */
let deferred: PendingChart[] | null = null;

/**
 * An empty SVG element with the chart's size and viewBox: it takes exactly the box the chart
 * will take, so a page laid out with slots lays out the same once they are filled.
 */
function chartSlot(index: number, width: number, height: number): string {
  return `<svg role="img" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" data-chart-slot="${index}"></svg>`;
}

const SLOT =
  /<svg role="img" width="[\d.]+" height="[\d.]+" viewBox="0 0 [\d.]+ [\d.]+" data-chart-slot="(\d+)"><\/svg>/g;

/** A document built with its charts left as slots (see {@link deferCharts}). */
export interface DeferredCharts<T> {
  /** What `build` returned, with a slot where each chart goes. */
  value: T;
  /** Number of charts. */
  count: number;
  /** Draws the charts (the expensive part), in slot order. */
  render(): string[];
}

/**
 * Runs `build` (synchronous) with every {@link renderChartSvg} call answered by a slot of the
 * chart's size, and returns the charts to draw later: a browser can lay out the document while
 * the charts are drawn, then receive them (reports/pdf/print.ts). {@link fillChartSlots} of the
 * value and the drawn charts gives what `build` alone would have returned.
 *
 * @example
 * ```ts
 * const d = deferCharts(() => `<p>${renderChartSvg(option, 400, 200)}</p>`);
 * fillChartSlots(d.value, d.render()) === `<p>${renderChartSvg(option, 400, 200)}</p>`; // true
 * ```
 */
export function deferCharts<T>(build: () => T): DeferredCharts<T> {
  if (deferred) throw new Error("deferCharts: already collecting charts");
  const pending: PendingChart[] = [];
  deferred = pending;
  let value: T;
  try {
    value = build();
  } finally {
    deferred = null;
  }
  return {
    value,
    count: pending.length,
    render: () => pending.map((c) => drawChartSvg(c.option, c.width, c.height)),
  };
}

/** Puts drawn charts into their slots. */
export function fillChartSlots(text: string, svgs: readonly string[]): string {
  return text.replace(SLOT, (_slot, i: string) => {
    const svg = svgs[Number(i)];
    if (svg === undefined) throw new RangeError(`fillChartSlots: no chart for slot ${i}`);
    return svg;
  });
}

/**
 * Deterministic, font-friendly SVG: no per-instance class names or hover styles, and no outline
 * ("text border") on labels: Chromium prints stroked text as unnamed Type 3 glyphs instead of
 * with the embedded TrueType font, and the text would no longer be extractable as such.
 */
function tidy(svg: string): string {
  return svg
    .replace(/<text\b[^>]*>/g, (tag) =>
      tag
        .replace(/\s+stroke="[^"]*"/g, "")
        .replace(/\s+stroke-width="[^"]*"/g, "")
        .replace(/\s+paint-order="[^"]*"/g, "")
        .replace(/\s+stroke-miterlimit="[^"]*"/g, ""),
    )
    .replace(/<style\s*>[\s\S]*?<\/style>\s*/g, "")
    .replace(/\s+class="zr\d+-cls-\d+"/g, "")
    .replace(/\s+pointer-events="visible"/g, "")
    .replace(/\n+/g, "\n")
    .replace(/^<svg /, '<svg role="img" ');
}

/**
 * Element ids (clip paths, gradients) carry ECharts' per-process instance number (`zr12-c0`);
 * they are renamed after the chart's own content, so the same chart gets the same ids in every
 * process and different charts of one page never share an id.
 */
function stableIds(svg: string): string {
  const neutral = svg.replace(/\bzr\d+-/g, "zr-");
  let h = 0x811c9dc5;
  for (let i = 0; i < neutral.length; i++) {
    h ^= neutral.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return neutral.replace(/\bzr-/g, `c${h.toString(36)}-`);
}
