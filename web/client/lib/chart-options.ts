/**
 * ECharts options of the dashboard's three charts, as pure functions of the page's chart data (so
 * they are tested in Node and could be rendered server-side to SVG for the PDF reports). Colours
 * come from the shared palette; texts arrive formatted by the server. A missing value is '-'
 * (ECharts' empty value), never 0.
 */
import type { EChartsCoreOption } from "echarts/core";
import { GRADE_COLOURS, INK, SERIES_COLOURS } from "../../../shapes/theme.ts";
import type { ChartData } from "../../pages/overview-model.ts";

const EMPTY = "-";
const orEmpty = (v: number | null | undefined) => (v === null || v === undefined ? EMPTY : v);

/** Four-dimension radar: this quarter against the previous one. */
export function radarOption(data: ChartData["radar"]): EChartsCoreOption {
  return {
    animation: false,
    // No legend or tooltip components (they would add ~60 KB): the page prints the legend in HTML
    // and the scores beside the chart.
    radar: {
      radius: "66%",
      center: ["50%", "52%"],
      indicator: data.labels.map((name) => ({ name, max: 100, min: 0 })),
      axisName: { color: INK.text, fontSize: 12 },
    },
    series: [
      {
        type: "radar",
        symbolSize: 5,
        data: [
          {
            name: data.previousName,
            value: data.previous.map(orEmpty),
            lineStyle: { type: "dashed", color: SERIES_COLOURS[1] },
            itemStyle: { color: SERIES_COLOURS[1] },
          },
          {
            name: data.currentName,
            value: data.current.map(orEmpty),
            areaStyle: { opacity: 0.15, color: SERIES_COLOURS[0] },
            lineStyle: { width: 2, color: SERIES_COLOURS[0] },
            itemStyle: { color: SERIES_COLOURS[0] },
          },
        ],
      },
    ],
  };
}

/** A y-axis floor 10 below the lowest value, rounded down to ten, never under 0. */
export function axisFloor(values: readonly (number | null)[]): number {
  const present = values.filter((v): v is number => v !== null);
  if (present.length === 0) return 0;
  return Math.max(0, Math.floor(Math.min(...present) / 10) * 10 - 10);
}

/** Index by quarter; the selected quarter's point is larger. Gaps stay gaps. */
export function trendOption(data: ChartData["trend"]): EChartsCoreOption {
  return {
    animation: false,
    grid: { left: 36, right: 18, top: 22, bottom: 26 },
    xAxis: { type: "category", data: data.periods, axisLabel: { hideOverlap: true } },
    yAxis: { type: "value", min: axisFloor(data.index), max: 100 },
    series: [
      {
        type: "line",
        name: "综合指数",
        connectNulls: false,
        lineStyle: { width: 2, color: SERIES_COLOURS[0] },
        itemStyle: { color: SERIES_COLOURS[0] },
        // Values as point labels instead of a tooltip (no tooltip component; readable on a phone).
        label: {
          show: true,
          position: "top",
          fontSize: 11,
          color: INK.text,
          formatter: (p: unknown) => data.indexText[(p as { dataIndex: number }).dataIndex] ?? "",
        },
        data: data.index.map((v, i) => ({
          value: orEmpty(v),
          symbolSize: i === data.selected ? 11 : 5,
        })),
      },
    ],
  };
}

/** Children by index, best at the top, bars coloured by grade; clicking a bar opens the child. */
export function rankingOption(data: ChartData["ranking"]): EChartsCoreOption {
  // ECharts draws the first category at the bottom; reverse so rank 1 is on top.
  const order = data.names.map((_, i) => i).reverse();
  const longest = Math.max(0, ...data.names.map((n) => n.length));
  const colours = GRADE_COLOURS as Readonly<Record<string, { solid: string }>>;
  return {
    animation: false,
    grid: {
      left: Math.min(150, 16 + longest * 13),
      // Room for a 暂定 beside the value.
      right: data.indexText.some((t) => t.includes("暂定")) ? 84 : 48,
      top: 4,
      bottom: 22,
    },
    xAxis: { type: "value", min: 0, max: 100 },
    yAxis: {
      type: "category",
      data: order.map((i) => data.names[i]),
      axisLabel: { interval: 0, color: INK.text },
      axisTick: { show: false },
    },
    series: [
      {
        type: "bar",
        name: data.seriesName ?? "综合指数",
        barMaxWidth: 18,
        cursor: "pointer",
        label: {
          show: true,
          position: "right",
          color: INK.text,
          formatter: (p: unknown) =>
            data.indexText[order[(p as { dataIndex: number }).dataIndex] ?? 0] ?? "",
        },
        data: order.map((i) => ({
          value: orEmpty(data.index[i]),
          itemStyle: { color: (colours[data.grades[i] ?? "none"] ?? GRADE_COLOURS.none).solid },
          href: data.hrefs[i],
        })),
      },
    ],
  };
}
