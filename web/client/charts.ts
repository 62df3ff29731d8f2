/**
 * The unit overview's chart bundle: draws the radar, trend and ranking charts from the JSON the
 * page embeds (tables and the rest are dashboard.ts). ECharts is imported per chart type and component
 * (not the whole library) and renders SVG. When every chart has finished its first render,
 * `window.__chartsDrawn` is set (tests and bench/dashboard.ts wait for it).
 */
import { BarChart, LineChart, RadarChart } from "echarts/charts";
import { GridComponent, RadarComponent } from "echarts/components";
import { type EChartsCoreOption, type EChartsType, init, registerTheme, use } from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import { ECHARTS_THEME, THEME_NAME } from "../../shapes/theme.ts";
import type { ChartData } from "../pages/overview-model.ts";
import { radarOption, rankingOption, trendOption } from "./lib/chart-options.ts";
import { markChartsDrawn } from "./lib/drawn.ts";

use([RadarChart, LineChart, BarChart, RadarComponent, GridComponent, SVGRenderer]);
registerTheme(THEME_NAME, ECHARTS_THEME);

function readData(): ChartData | null {
  const el = document.getElementById("dashboard-data");
  if (!el?.textContent) return null;
  return JSON.parse(el.textContent) as ChartData;
}

function drawAll(data: ChartData): void {
  const plans: [string, EChartsCoreOption][] = [
    ["radar", radarOption(data.radar)],
    ["trend", trendOption(data.trend)],
  ];
  if (data.ranking.names.length > 0) plans.push(["ranking", rankingOption(data.ranking)]);
  // No destructuring: the shared build targets Safari 13, which esbuild cannot lower it for.
  const targets: { el: HTMLElement; option: EChartsCoreOption }[] = [];
  for (const plan of plans) {
    const el = document.getElementById(`chart-${plan[0]}`);
    if (el) targets.push({ el, option: plan[1] });
  }
  let pending = targets.length;
  if (pending === 0) markChartsDrawn();
  const charts: EChartsType[] = [];
  for (const target of targets) {
    const el = target.el;
    const option = target.option;
    const chart = init(el, THEME_NAME, { renderer: "svg" });
    charts.push(chart);
    let first = true;
    chart.on("finished", () => {
      if (!first) return;
      first = false;
      pending -= 1;
      if (pending === 0) markChartsDrawn();
    });
    chart.setOption(option);
    if (el.dataset.chart === "ranking") {
      chart.on("click", (params) => {
        const href = (params.data as { href?: string } | undefined)?.href;
        if (href) window.location.assign(href);
      });
    }
  }
  let timer: number | undefined;
  window.addEventListener("resize", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => {
      for (const c of charts) c.resize();
    }, 100);
  });
}

const data = readData();
if (data) drawAll(data);
else markChartsDrawn();
