/**
 * The quarterly report's charts, each an SVG string drawn from the model's figures with the
 * dashboard's palette: dimension radar, index trend, indicator scores by status, ranking of the
 * children by grade, index changes, survey scores with their 95% intervals, and rank sensitivity.
 * Values are only rounded for labels; bar lengths use the figures as given.
 */
import type { Dimension } from "../../metrics/index.ts";
import { formatScore, periodLabel, periodShort } from "../../shapes/format.ts";
import { GRADE_LABELS } from "../../shapes/labels.ts";
import { GRADE_COLOURS, INK, SERIES_COLOURS, STATUS_COLOURS } from "../../shapes/theme.ts";
import type {
  ReportDimension,
  ReportIndicator,
  ReportRankRow,
  ReportTrendPoint,
} from "../assemble/quarterly-model.ts";
import { renderChartSvg } from "./svg.ts";

/** Chart width in CSS pixels: the A4 text width (180 mm) at 96 dpi. */
export const CHART_WIDTH = 680;

const gradeColour = (grade: string | null) => {
  const key = (Object.keys(GRADE_LABELS) as (keyof typeof GRADE_LABELS)[]).find(
    (k) => GRADE_LABELS[k] === grade,
  );
  return GRADE_COLOURS[key ?? "none"].solid;
};

/** Label text of a score (one decimal), "—" for none. */
const label = (v: unknown) => formatScore(typeof v === "number" ? v : null);

/** Height of a horizontal bar chart with `n` rows. */
export const barsHeight = (n: number, extra = 50) => Math.min(900, Math.max(120, extra + n * 24));

/** Four dimension scores this quarter against the previous quarter. */
export function dimensionRadar(dims: readonly ReportDimension[], period: string, previous: string) {
  const value = (v: number | null) => v ?? 0;
  return renderChartSvg(
    {
      legend: { bottom: 0, data: [periodLabel(period), periodLabel(previous)] },
      radar: {
        indicator: dims.map((d) => ({ name: d.nameZh, max: 100 })),
        radius: "58%",
        center: ["50%", "47%"],
        axisName: { fontSize: 12 },
      },
      series: [
        {
          type: "radar",
          symbolSize: 5,
          data: [
            {
              name: periodLabel(period),
              value: dims.map((d) => value(d.score)),
              areaStyle: { color: SERIES_COLOURS[0], opacity: 0.15 },
              lineStyle: { width: 2 },
              label: {
                show: true,
                fontSize: 11,
                color: INK.text,
                formatter: (p: { value: unknown }) => label(p.value),
              },
            },
            {
              name: periodLabel(previous),
              value: dims.map((d) => value(d.previous)),
              lineStyle: { type: "dashed" },
            },
          ],
        },
      ],
    },
    330,
    300,
  );
}

/** The index and the four dimension scores over five quarters. */
export function trendChart(trend: readonly ReportTrendPoint[], names: Record<Dimension, string>) {
  const dims = Object.keys(names) as Dimension[];
  return renderChartSvg(
    {
      grid: { left: 36, right: 16, top: 58, bottom: 28 },
      legend: { top: 0, left: "center", itemWidth: 14, itemGap: 8, width: 320 },
      xAxis: { type: "category", data: trend.map((t) => periodShort(t.period)) },
      yAxis: { type: "value", min: 0, max: 100 },
      series: [
        {
          name: "综合指数",
          type: "line",
          data: trend.map((t) => t.index),
          lineStyle: { width: 3 },
          symbolSize: 7,
          z: 5,
          label: {
            show: true,
            position: "bottom",
            formatter: (p: { value: unknown }) => label(p.value),
            fontSize: 11,
          },
          color: SERIES_COLOURS[0],
        },
        ...dims.map((d, i) => ({
          name: names[d],
          type: "line" as const,
          data: trend.map((t) => t.dimensions[d]),
          lineStyle: { width: 1.5, type: "dashed" as const },
          symbolSize: 4,
          color: SERIES_COLOURS[(i + 2) % SERIES_COLOURS.length],
        })),
      ],
    },
    340,
    300,
  );
}

/** A dimension's indicator scores as bars coloured by status, with the 60 and 100 marks. */
export function indicatorScoreChart(indicators: readonly ReportIndicator[]) {
  const rows = [...indicators].reverse();
  return renderChartSvg(
    {
      grid: { left: 130, right: 50, top: 10, bottom: 24 },
      xAxis: { type: "value", min: 0, max: 100, splitNumber: 5 },
      yAxis: { type: "category", data: rows.map((i) => i.nameZh) },
      series: [
        {
          type: "bar",
          barMaxWidth: 14,
          data: rows.map((i) => ({
            value: i.score ?? 0,
            itemStyle: { color: STATUS_COLOURS[i.status ?? "none"].solid },
            label: { formatter: i.score === null ? "无数据" : label(i.score) },
          })),
          label: { show: true, position: "right", color: INK.text, fontSize: 11 },
          markLine: {
            silent: true,
            symbol: "none",
            label: { show: false },
            lineStyle: { color: INK.muted, type: "dashed" },
            data: [{ xAxis: 60 }, { xAxis: 100 }],
          },
        },
      ],
    },
    CHART_WIDTH,
    barsHeight(rows.length, 40),
  );
}

/** The children's index, best first, coloured by grade. */
export function rankingChart(rows: readonly ReportRankRow[]) {
  const shown = [...rows].reverse();
  return renderChartSvg(
    {
      grid: { left: 120, right: 60, top: 10, bottom: 24 },
      xAxis: { type: "value", min: 0, max: 100 },
      yAxis: {
        type: "category",
        data: shown.map((r) => (r.rank ? `${r.rank}. ${r.name}` : r.name)),
      },
      series: [
        {
          type: "bar",
          barMaxWidth: 12,
          data: shown.map((r) => ({
            value: r.index ?? 0,
            itemStyle: { color: gradeColour(r.grade) },
            label: {
              formatter: r.index === null ? "无指数" : `${label(r.index)} ${r.grade ?? ""}`,
            },
          })),
          label: { show: true, position: "right", color: INK.text, fontSize: 11 },
        },
      ],
    },
    CHART_WIDTH,
    barsHeight(shown.length),
  );
}

/** The children's index change against the previous quarter (rises green, falls red). */
export function changeChart(rows: readonly ReportRankRow[]) {
  const shown = rows
    .filter((r) => r.change !== null)
    .sort((a, b) => (a.change ?? 0) - (b.change ?? 0));
  return renderChartSvg(
    {
      grid: { left: 120, right: 50, top: 10, bottom: 24 },
      xAxis: { type: "value" },
      yAxis: { type: "category", data: shown.map((r) => r.name), axisLabel: { interval: 0 } },
      series: [
        {
          type: "bar",
          barMaxWidth: 12,
          data: shown.map((r) => ({
            value: r.change,
            itemStyle: {
              color: (r.change ?? 0) >= 0 ? STATUS_COLOURS.green.solid : STATUS_COLOURS.red.solid,
            },
          })),
          label: {
            show: true,
            position: "right",
            fontSize: 11,
            color: INK.text,
            formatter: (p: { value: unknown }) => {
              const v = typeof p.value === "number" ? p.value : 0;
              return `${v > 0 ? "+" : v < 0 ? "-" : ""}${label(Math.abs(v))}`;
            },
          },
        },
      ],
    },
    CHART_WIDTH,
    barsHeight(shown.length),
  );
}
