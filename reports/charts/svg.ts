/**
 * Server-side ECharts: an option in, a self-contained SVG string out (ECharts' SSR mode,
 * `renderToSVGString`), drawn with the dashboard's theme (web/components/chart-theme.ts) so a
 * report's charts look like the dashboard's. No DOM, no canvas, no script in the output.
 */
import * as echarts from "echarts";
import { ECHARTS_THEME } from "../../web/components/chart-theme.ts";

/**
 * The reports' font stack. WenQuanYi Zen Hei comes first: it is a TrueType font, which Chromium
 * embeds in a PDF as a named, extractable font (Debian's Noto CJK is CFF and would be embedded as
 * unnamed Type 3 glyphs). Single quotes only: ECharts writes the family into a double-quoted
 * `style` attribute, where a double quote would end the attribute.
 */
export const REPORT_FONT_FAMILY =
  "'WenQuanYi Zen Hei', 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";

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
  const chart = echarts.init(null, THEME, { renderer: "svg", ssr: true, width, height });
  try {
    chart.setOption({ animation: false, ...option });
    return stableIds(tidy(chart.renderToSVGString()));
  } finally {
    chart.dispose();
  }
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
