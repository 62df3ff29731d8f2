/**
 * ECharts options of the workbench's two charts, pure functions of the page's chart data (tested
 * in Node): the what-if comparison (each unit's index under the scheme and under the changes, side
 * by side, with the new rank) and the rank sensitivity (each unit's 5–95% rank interval, its median
 * and its actual rank). A missing value is '-' (ECharts' empty value), never 0.
 */
import type { EChartsCoreOption } from "echarts/core";
import { formatScore } from "../../../shapes/format.ts";
import { INK, SERIES_COLOURS } from "../../../shapes/theme.ts";
import type { SensitivityView, WhatIfChart } from "../../pages/workbench-model.ts";
import { axisFloor } from "./chart-options.ts";

const EMPTY = "-";
const orEmpty = (v: number | null | undefined) => (v === null || v === undefined ? EMPTY : v);

/** Left margin for the longest unit name (13 px a character, at most 150 px). */
const nameRoom = (names: readonly string[]) =>
  Math.min(150, 16 + Math.max(0, ...names.map((n) => n.length)) * 13);

/**
 * Baseline (grey) against modified (blue) index per unit, the first unit on top. The modified
 * bar's label is its index and rank (`78.3 · 第2名`).
 */
export function whatIfOption(data: WhatIfChart): EChartsCoreOption {
  const order = data.names.map((_, i) => i).reverse();
  return {
    animation: false,
    grid: { left: nameRoom(data.names), right: 78, top: 6, bottom: 22 },
    xAxis: {
      type: "value",
      min: axisFloor([...data.baseline, ...data.modified]),
      max: 100,
    },
    yAxis: {
      type: "category",
      data: order.map((i) => data.names[i]),
      axisLabel: { interval: 0, color: INK.text },
      axisTick: { show: false },
    },
    series: [
      {
        type: "bar",
        name: "基准",
        barMaxWidth: 14,
        barGap: "10%",
        itemStyle: { color: SERIES_COLOURS[1] },
        data: order.map((i) => orEmpty(data.baseline[i])),
      },
      {
        type: "bar",
        name: "调整后",
        barMaxWidth: 14,
        itemStyle: { color: SERIES_COLOURS[0] },
        label: {
          show: true,
          position: "right",
          fontSize: 11,
          color: INK.text,
          formatter: (p: unknown) => {
            const i = order[(p as { dataIndex: number }).dataIndex] ?? 0;
            const rank = data.ranks[i];
            const v = formatScore(data.modified[i]);
            return rank === null || rank === undefined ? v : `${v} · 第${rank}名`;
          },
        },
        data: order.map((i) => orEmpty(data.modified[i])),
      },
    ],
  };
}

/**
 * Rank intervals, best rank on top: a translucent bar from the 5th to the 95th percentile rank
 * (each rank a unit wide), a diamond at the median and a dot at the actual rank, labelled.
 */
export function sensitivityOption(data: SensitivityView["chart"]): EChartsCoreOption {
  const order = data.names.map((_, i) => i).reverse();
  const has = (i: number) => data.p5[i] != null && data.p95[i] != null;
  return {
    animation: false,
    grid: { left: nameRoom(data.names), right: 18, top: 6, bottom: 26 },
    xAxis: {
      type: "value",
      // Ticks on the ranks 1…n; the ends (0 and n + 1) are margin and carry no label.
      min: 0,
      max: Math.max(1, data.count) + 1,
      interval: data.count > 12 ? Math.ceil(data.count / 10) : 1,
      axisLabel: {
        formatter: (v: number) => (v >= 1 && v <= data.count ? `第${v}名` : ""),
      },
    },
    yAxis: {
      type: "category",
      data: order.map((i) => data.names[i]),
      axisLabel: { interval: 0, color: INK.text },
      axisTick: { show: false },
    },
    series: [
      {
        type: "bar",
        stack: "interval",
        silent: true,
        itemStyle: { color: "transparent" },
        data: order.map((i) => (has(i) ? (data.p5[i] as number) - 0.5 : EMPTY)),
      },
      {
        type: "bar",
        name: "5%–95% 排名区间",
        stack: "interval",
        barMaxWidth: 16,
        itemStyle: { color: SERIES_COLOURS[0], opacity: 0.35 },
        data: order.map((i) =>
          has(i) ? (data.p95[i] as number) - (data.p5[i] as number) + 1 : EMPTY,
        ),
      },
      {
        type: "scatter",
        name: "排名中位数",
        symbol: "diamond",
        symbolSize: 15,
        itemStyle: { color: SERIES_COLOURS[0] },
        data: order.flatMap((i, row) => (data.median[i] == null ? [] : [[data.median[i], row]])),
      },
      {
        type: "scatter",
        name: "实际排名",
        symbolSize: 8,
        itemStyle: { color: SERIES_COLOURS[2] },
        label: {
          show: true,
          position: "top",
          fontSize: 10,
          color: INK.text,
          formatter: (p: unknown) => `第${(p as { value: number[] }).value[0]}名`,
        },
        data: order.flatMap((i, row) => (data.rank[i] == null ? [] : [[data.rank[i], row]])),
      },
    ],
  };
}
