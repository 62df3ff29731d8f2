/**
 * The one palette and ECharts theme of the product: grade and status colours, chart series colours
 * and fonts. Plain data with no browser or server dependency, so the dashboard's browser bundle, the
 * server-rendered pages and the PDF reports' server-side SVG charts all draw with the same look.
 *
 * Contrast: every `*Text` colour reaches at least 4.5:1 on its `*Fill` background and on white
 * (WCAG AA for body text); the saturated `*` colours are for bars, dots and borders, which need 3:1.
 */

import type { Grade } from "../metrics/scheme.ts";
import type { Status } from "../metrics/score.ts";
import { PAGE_FONT_STACK } from "./fonts.ts";

/** Colours of an indicator status (INDICATORS.md: green = target met, amber 60–99.99, red < 60). */
export interface StatusColours {
  /** Saturated: chart marks, borders, dots. */
  solid: string;
  /** Light background of a table cell or card. */
  fill: string;
  /** Text on `fill` (and on white). */
  text: string;
}

/**
 * Status colours, plus `none` for "no value" (no score, no status: shown as 无数据, never as red).
 *
 * @example
 * ```ts
 * STATUS_COLOURS.red.solid; // "#c92a2a"
 * ```
 */
export const STATUS_COLOURS: Readonly<Record<Status | "none", StatusColours>> = Object.freeze({
  green: { solid: "#2b8a3e", fill: "#e3f6e7", text: "#1b5e20" },
  amber: { solid: "#c27c00", fill: "#fff4d6", text: "#7a4a00" },
  red: { solid: "#c92a2a", fill: "#fde4e4", text: "#8f1d1d" },
  none: { solid: "#7b8794", fill: "#eef1f4", text: "#4a5562" },
});

/**
 * Grade colours (≥ 90 优秀, ≥ 80 良好, ≥ 60 合格, < 60 不合格), and `none` for a unit with no index.
 *
 * @example
 * ```ts
 * GRADE_COLOURS.excellent.solid; // "#2b8a3e"
 * ```
 */
export const GRADE_COLOURS: Readonly<Record<Grade | "none", StatusColours>> = Object.freeze({
  excellent: { solid: "#2b8a3e", fill: "#e3f6e7", text: "#1b5e20" },
  good: { solid: "#1c7ed6", fill: "#e3f0fc", text: "#0b4f8a" },
  pass: { solid: "#c27c00", fill: "#fff4d6", text: "#7a4a00" },
  fail: { solid: "#c92a2a", fill: "#fde4e4", text: "#8f1d1d" },
  none: { solid: "#7b8794", fill: "#eef1f4", text: "#4a5562" },
});

/** Series colours: the current period first, the comparison period second, then the rest. */
export const SERIES_COLOURS: readonly string[] = Object.freeze([
  "#0b5cad",
  "#8a99a8",
  "#b42318",
  "#2b8a3e",
  "#c27c00",
  "#6741d9",
]);

/** Font stack shared by pages and charts: the shipped CJK font (./fonts.ts) first. */
export const FONT_FAMILY = PAGE_FONT_STACK;

/** Ink colours of axis labels, grid lines and titles. */
export const INK = Object.freeze({ text: "#1f2933", muted: "#52606d", line: "#d9e2ec" });

/**
 * The ECharts theme object (register it under {@link THEME_NAME} with `echarts.registerTheme`).
 * Only plain JSON, so a server-side SVG renderer can register the very same object.
 */
export const ECHARTS_THEME = Object.freeze({
  color: [...SERIES_COLOURS],
  backgroundColor: "transparent",
  textStyle: { fontFamily: FONT_FAMILY, color: INK.text, fontSize: 12 },
  title: { textStyle: { color: INK.text, fontSize: 14, fontWeight: "bold" } },
  legend: { textStyle: { color: INK.muted } },
  categoryAxis: {
    axisLine: { lineStyle: { color: INK.line } },
    axisTick: { lineStyle: { color: INK.line } },
    axisLabel: { color: INK.muted },
    splitLine: { show: false },
  },
  valueAxis: {
    axisLine: { show: false },
    axisLabel: { color: INK.muted },
    splitLine: { lineStyle: { color: INK.line, type: "dashed" } },
  },
  radar: {
    axisName: { color: INK.text },
    splitLine: { lineStyle: { color: INK.line } },
    splitArea: { show: false },
    axisLine: { lineStyle: { color: INK.line } },
  },
  tooltip: { textStyle: { fontFamily: FONT_FAMILY } },
});

/** Name under which {@link ECHARTS_THEME} is registered. */
export const THEME_NAME = "s369";
