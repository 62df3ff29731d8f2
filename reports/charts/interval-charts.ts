/**
 * Interval charts of the quarterly report: survey scores with their 95% intervals, and each
 * unit's rank with its 5th–95th percentile interval over the weight draws. Drawn with the
 * dashboard's palette; values only rounded for labels.
 */
import type { SensitivityRow } from "../../shapes/sensitivity.ts";
import { INK, SERIES_COLOURS, STATUS_COLOURS } from "../../shapes/theme.ts";
import type { ReportSurveyRow } from "../assemble/quarterly-model.ts";
import { barsHeight, CHART_WIDTH } from "./quarterly-charts.ts";
import { renderChartSvg } from "./svg.ts";

interface IntervalRow {
  name: string;
  low: number | null;
  high: number | null;
  mid: number | null;
  marker?: number | null;
  muted: boolean;
}

/**
 * Horizontal intervals (low–high) with a dot at `mid` and an optional diamond at `marker`: survey
 * scores with their 95% intervals, or ranks with their 5th–95th percentile interval.
 */
function intervalChart(
  rows: readonly IntervalRow[],
  axis: { min: number; max: number; inverse?: boolean; name: string },
  legend: { mid: string; marker?: string },
) {
  const shown = [...rows].reverse();
  const ys = shown.map((r) => r.name);
  const range = shown.map((r, i) => [r.low, r.high, i]);
  return renderChartSvg(
    {
      grid: { left: 120, right: 30, top: 28, bottom: 36 },
      legend: { top: 0, right: 0, data: [legend.mid, ...(legend.marker ? [legend.marker] : [])] },
      xAxis: {
        type: "value",
        min: axis.min,
        max: axis.max,
        inverse: axis.inverse ?? false,
        name: axis.name,
        nameLocation: "middle",
        nameGap: 22,
      },
      yAxis: { type: "category", data: ys, axisLabel: { interval: 0 } },
      series: [
        {
          type: "custom",
          renderItem: (
            _params: unknown,
            api: {
              value: (i: number) => number;
              coord: (v: [number, number]) => [number, number];
            },
          ) => {
            const lo = api.value(0);
            const hi = api.value(1);
            if (!Number.isFinite(lo) || !Number.isFinite(hi)) return null;
            const a = api.coord([lo, api.value(2)]);
            const b = api.coord([hi, api.value(2)]);
            const stroke = { stroke: INK.muted, lineWidth: 1.5 };
            return {
              type: "group",
              children: [
                { type: "line", shape: { x1: a[0], y1: a[1], x2: b[0], y2: b[1] }, style: stroke },
                {
                  type: "line",
                  shape: { x1: a[0], y1: a[1] - 5, x2: a[0], y2: a[1] + 5 },
                  style: stroke,
                },
                {
                  type: "line",
                  shape: { x1: b[0], y1: b[1] - 5, x2: b[0], y2: b[1] + 5 },
                  style: stroke,
                },
              ],
            };
          },
          encode: { x: [0, 1], y: 2 },
          data: range,
          z: 1,
        },
        {
          name: legend.mid,
          type: "scatter",
          symbolSize: 9,
          color: SERIES_COLOURS[0],
          data: shown.map((r, i) => ({
            value: [r.mid, i],
            itemStyle: { color: r.muted ? STATUS_COLOURS.none.solid : SERIES_COLOURS[0] },
          })),
          z: 3,
        },
        ...(legend.marker
          ? [
              {
                name: legend.marker,
                type: "scatter" as const,
                symbol: "diamond",
                symbolSize: 10,
                color: SERIES_COLOURS[2],
                data: shown.map((r, i) => [r.marker ?? null, i]),
                z: 4,
              },
            ]
          : []),
      ],
    },
    CHART_WIDTH,
    barsHeight(shown.length, 70),
  );
}

/** Survey scores (0–100) with their 95% intervals; samples under 30 in grey. */
export function surveyChart(rows: readonly ReportSurveyRow[]) {
  const scored = rows.filter((r) => r.score !== null);
  const lows = scored.map((r) => r.scoreCi?.[0] ?? r.score ?? 0);
  const min = Math.max(0, Math.floor((Math.min(100, ...lows) - 5) / 10) * 10);
  return intervalChart(
    scored.map((r) => ({
      name: `${r.name}（${r.n}）`,
      low: r.scoreCi?.[0] ?? null,
      high: r.scoreCi?.[1] ?? null,
      mid: r.score,
      muted: r.insufficient,
    })),
    { min, max: 100, name: "满意度指数（点：均值；线：95% 置信区间；灰点：样本不足 30）" },
    { mid: "满意度指数" },
  );
}

/** Each child's rank: median and 5th–95th percentile over the weight draws, and its actual rank. */
export function sensitivityChart(
  rows: readonly Pick<SensitivityRow, "name" | "rank" | "medianRank" | "p5Rank" | "p95Rank">[],
) {
  const ranked = rows.filter((r) => r.medianRank !== null);
  return intervalChart(
    ranked.map((r) => ({
      name: r.name,
      low: r.p5Rank,
      high: r.p95Rank,
      mid: r.medianRank,
      marker: r.rank,
      muted: false,
    })),
    { min: 1, max: Math.max(2, ranked.length), inverse: true, name: "名次（线：5%–95% 分位区间）" },
    { mid: "中位名次", marker: "实际名次" },
  );
}
