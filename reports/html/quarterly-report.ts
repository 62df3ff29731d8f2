/**
 * The quarterly report as one HTML document: inline CSS, charts as inline SVG, no script; its one
 * external resource is the app's own font stylesheet (/fonts/, web/components/fonts.ts), which
 * the app serves and the PDF printer answers itself. The same HTML is served as is
 * (GET /reports/{id}/html) and printed to PDF (reports/pdf), where the paginator fills in the
 * table of contents' page numbers.
 * A pure function of the model: the same model always gives the same bytes.
 */

import { PRINT_FONT_CSS } from "../../shapes/fonts.ts";
import { dataAsOfInstant, formatInstant } from "../../shapes/format.ts";
import type { QuarterlyReportModel } from "../assemble/quarterly-model.ts";
import { deferCharts } from "../charts/svg.ts";
import { esc } from "./markup.ts";
import { assessmentChapter } from "./quarterly-assessment.ts";
import {
  appealsChapter,
  appendixChapter,
  dataQualityChapter,
  methodologyChapter,
  sensitivityChapter,
  tablesChapter,
} from "./quarterly-assessor.ts";
import {
  dimensionsChapter,
  moversChapter,
  rankingChapter,
  redChapter,
  summaryChapter,
} from "./quarterly-sections.ts";
import { findingsChapter, surveyChapter } from "./quarterly-survey.ts";
import { rectificationChapter } from "./rectification-chapter.ts";
import { REPORT_CSS } from "./report-css.ts";

const NUMERALS = [
  "一",
  "二",
  "三",
  "四",
  "五",
  "六",
  "七",
  "八",
  "九",
  "十",
  "十一",
  "十二",
  "十三",
  "十四",
];

/** A chapter of the report: its anchor, heading and body. */
interface Chapter {
  id: string;
  title: string;
  body: string;
}

function chapters(m: QuarterlyReportModel): Chapter[] {
  const level = m.childLevelZh ?? "下级单位";
  const list: Omit<Chapter, "id">[] = [
    { title: "总体情况", body: summaryChapter(m) },
    ...(m.assessment
      ? [
          {
            title: "综合得分与评估打分",
            body: assessmentChapter(m.assessment, m.unit.name, m.childLevelZh),
          },
        ]
      : []),
    { title: "分维度分析", body: dimensionsChapter(m) },
    { title: `${level}排名`, body: rankingChapter(m) },
    { title: "红色指标及涉及单位", body: redChapter(m) },
    { title: "进步与退步", body: moversChapter(m) },
    { title: "满意度调查", body: surveyChapter(m, m.assessor !== null) },
    { title: "问题发现与整改建议", body: findingsChapter(m) },
  ];
  // Models stored before issue 19 have no rectifications: they render as they did.
  if (m.rectifications) {
    list.push({
      title: "整改情况",
      body: rectificationChapter(m.rectifications, m.assessor !== null),
    });
  }
  const a = m.assessor;
  if (a) {
    list.push(
      { title: "分单位指标明细", body: tablesChapter(a) },
      { title: "评估方法", body: methodologyChapter(m, a) },
      { title: "数据质量", body: dataQualityChapter(a) },
      { title: "核减情况", body: appealsChapter(a) },
      { title: "排名稳健性（敏感性分析）", body: sensitivityChapter(m, a) },
    );
  }
  const numbered = list.map((c, i) => ({
    ...c,
    id: `ch${i + 1}`,
    title: `${NUMERALS[i]}、${c.title}`,
  }));
  if (a) numbered.push({ id: "appendix", title: "附录　数据截至时间", body: appendixChapter(m) });
  return numbered;
}

function cover(m: QuarterlyReportModel): string {
  // 馨苑社区 exists in several streets: a unit below street level is named with its street.
  const named = m.unit.place ? `${m.unit.place} › ${m.unit.name}` : m.unit.name;
  const meta: [string, string][] = [
    ["评估单位", `${named}（${m.unit.levelZh}，代码 ${m.unit.code}）`],
    ["评估期间", m.periodZh],
    ["考核方案", `${m.scheme.name}（第 ${m.scheme.version} 版）`],
    ["数据截至", formatInstant(dataAsOfInstant(m.dataAsOf))],
    ["生成时间", formatInstant(m.generatedAt)],
  ];
  return (
    `<section class="cover" id="cover">` +
    `<div class="org">${esc(named)}</div>` +
    `<h1>${esc(m.periodZh)}<br>基层治理成效评估报告</h1>` +
    `<div class="edition">（${esc(m.editionZh)}）</div>` +
    `<table class="meta">${meta.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`).join("")}</table>` +
    `</section>`
  );
}

function toc(list: readonly Chapter[]): string {
  return (
    `<section class="toc-page" id="toc"><h2>目　录</h2><nav class="toc"><ol>` +
    list
      .map(
        (c) =>
          `<li><a href="#${c.id}">${esc(c.title)}</a><span class="dots"></span><span class="pg" data-for="${c.id}"></span></li>`,
      )
      .join("") +
    `</ol></nav></section>`
  );
}

/**
 * Renders the model to HTML.
 *
 * Degenerate cases: a unit without children or without data still renders every chapter, each
 * saying in words what is missing.
 *
 * @example
 * ```ts
 * const html = renderQuarterlyHtml(model);
 * html.includes("<script"); // false
 * ```
 */
export function renderQuarterlyHtml(m: QuarterlyReportModel): string {
  const list = chapters(m);
  const body = list
    .map(
      (c) =>
        `<section class="chapter" id="${c.id}"><h2>${esc(c.title)}</h2>\n${c.body}\n</section>`,
    )
    .join("\n");
  const html =
    `<!doctype html>\n<html lang="zh-CN"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${esc(m.title)}（${esc(m.editionZh)}）</title>` +
    `<meta name="generator" content="scorecard-369 quarterly-report model v${m.modelVersion}">` +
    `<link rel="stylesheet" href="${PRINT_FONT_CSS}">` +
    `<style>${REPORT_CSS}</style></head>\n<body><div class="doc">\n` +
    `${cover(m)}\n${toc(list)}\n${body}\n</div></body></html>\n`;
  return noMinusSign(html);
}

/**
 * Minus signs are written as hyphen-minus, which reads the same in the report's font and keeps
 * the text the same as in reports made before it (U+2212 was missing from the font used then).
 */
const noMinusSign = (text: string) => text.replaceAll("\u2212", "-");

/** A report's HTML with its charts still to draw (see {@link renderQuarterlyHtmlParts}). */
export interface QuarterlyHtmlParts {
  /** The HTML with an empty slot of each chart's size where the chart goes. */
  skeleton: string;
  chartCount: number;
  /** Draws the charts, in slot order (most of the rendering time). */
  renderCharts(): string[];
}

/**
 * {@link renderQuarterlyHtml} in two steps, so a browser can lay the report out while its charts
 * are drawn: `fillChartSlots(skeleton, renderCharts())` is exactly `renderQuarterlyHtml(m)`.
 */
export function renderQuarterlyHtmlParts(m: QuarterlyReportModel): QuarterlyHtmlParts {
  const d = deferCharts(() => renderQuarterlyHtml(m));
  return {
    skeleton: d.value,
    chartCount: d.count,
    renderCharts: () => d.render().map(noMinusSign),
  };
}
