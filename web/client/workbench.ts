/**
 * The assessor's workbench bundle (评估工作台): the raw-export form with its background jobs and
 * download list (lib/export-jobs.ts), and the what-if and rank-sensitivity charts drawn from the
 * JSON the page embeds. ECharts is imported per chart type and renders SVG. A drawn chart's
 * element gets `data-drawn` (the count of renders), which tests wait for.
 */
import { BarChart, ScatterChart } from "echarts/charts";
import { GridComponent } from "echarts/components";
import { type EChartsCoreOption, init, registerTheme, use } from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import { ECHARTS_THEME, THEME_NAME } from "../../shapes/theme.ts";
import type { SensitivityView, WhatIfChart } from "../pages/workbench-model.ts";
import { wireExportJobs } from "./lib/export-jobs.ts";
import { sensitivityOption, whatIfOption } from "./lib/workbench-options.ts";

use([BarChart, ScatterChart, GridComponent, SVGRenderer]);
registerTheme(THEME_NAME, ECHARTS_THEME);

type Data =
  | ({ kind: "what-if" } & WhatIfChart)
  | ({ kind: "sensitivity" } & SensitivityView["chart"]);

function draw(el: HTMLElement, option: EChartsCoreOption): void {
  const chart = init(el, THEME_NAME, { renderer: "svg" });
  let draws = 0;
  chart.on("finished", () => {
    draws += 1;
    el.dataset.drawn = String(draws);
  });
  chart.setOption(option);
  let timer: number | undefined;
  window.addEventListener("resize", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => chart.resize(), 100);
  });
}

function drawCharts(): void {
  const json = document.getElementById("workbench-data")?.textContent;
  if (!json) return;
  const data = JSON.parse(json) as Data;
  if (data.kind === "what-if") {
    const el = document.getElementById("chart-what-if");
    if (el) draw(el, whatIfOption(data));
  } else {
    const el = document.getElementById("chart-sensitivity");
    if (el) draw(el, sensitivityOption(data));
  }
}

// A changed what-if field turns blue before the form is sent again.
function markChangedInputs(): void {
  const form = document.querySelector<HTMLFormElement>("[data-testid=what-if-form]");
  form?.addEventListener("input", (e) => {
    const input = e.target as HTMLInputElement;
    if (input.dataset.base === undefined) return;
    input.classList.toggle("changed", Number(input.value) !== Number(input.dataset.base));
  });
}

wireExportJobs();
markChangedInputs();
drawCharts();
