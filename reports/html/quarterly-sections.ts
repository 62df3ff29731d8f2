/**
 * The chapters both editions share: summary, dimensions, ranking, red indicators, movers, survey,
 * (survey and findings: quarterly-survey.ts). Each returns the chapter's inner HTML; every direct child of a
 * chapter is one block the PDF paginator keeps whole (tables may split between rows).
 */
import { DIMENSION_DEFS } from "../../metrics/index.ts";
import {
  formatDelta,
  formatNumber,
  formatScore,
  NO_VALUE,
  periodLabel,
} from "../../shapes/format.ts";
import type { QuarterlyReportModel, ReportIndicator } from "../assemble/quarterly-model.ts";
import {
  changeChart,
  dimensionRadar,
  indicatorScoreChart,
  rankingChart,
  trendChart,
} from "../charts/quarterly-charts.ts";
import {
  type Cell,
  esc,
  figure,
  gradeChip,
  paragraphs,
  statusChip,
  table,
  value,
} from "./markup.ts";

const ARROW = { up: "↑", down: "↓" } as const;

function delta(current: number | null, previous: number | null, decimals = 1): Cell {
  const text = formatDelta(current, previous, decimals);
  const cls = text.startsWith("+") ? "up" : text.startsWith("−") ? "down" : "";
  return { text, cls };
}

/** Change of an indicator's value, coloured by whether it is an improvement. */
function valueDelta(i: ReportIndicator, previous: number | null): Cell {
  const text = formatDelta(i.value, previous, i.decimals);
  // A change that rounds to zero is shown neutral.
  if (i.value === null || previous === null || !/^[+−]/.test(text)) return text;
  const better = i.value > previous === (i.direction === "up");
  return { text, cls: better ? "up" : "down" };
}

export function summaryChapter(m: QuarterlyReportModel): string {
  const s = m.summary;
  const card = (k: string, v: string, sub: string) =>
    `<div class="card"><div class="k">${esc(k)}</div><div class="v">${v}</div><div class="s">${sub}</div></div>`;
  const rank =
    s.rank === null
      ? card("排名", NO_VALUE, "未排名")
      : s.rankedAmong === 1
        ? card("排名", NO_VALUE, "无同级单位")
        : card(
            "排名",
            esc(String(s.rank)),
            s.rankedAmong ? `共 ${s.rankedAmong} 个同级单位` : "同级单位中",
          );
  const c = s.statusCounts;
  const cards =
    `<div class="cards">` +
    card(
      "综合指数",
      esc(formatScore(s.index)),
      `环比 ${esc(formatDelta(s.index, s.previousIndex, 1))}　同比 ${esc(formatDelta(s.index, s.lastYearIndex, 1))}`,
    ) +
    card(
      "等级",
      s.grade ? gradeChip(s.grade) : NO_VALUE,
      `上季度 ${esc(s.previousGrade ?? NO_VALUE)}　去年 ${esc(s.lastYearGrade ?? NO_VALUE)}`,
    ) +
    rank +
    card(
      "红色指标",
      esc(String(c.red)),
      `黄 ${c.amber}　绿 ${c.green}${c.none > 0 ? `　无数据 ${c.none}` : ""}`,
    ) +
    `</div>`;
  const names = Object.fromEntries(m.dimensions.map((d) => [d.dimension, d.nameZh])) as Record<
    (typeof m.dimensions)[number]["dimension"],
    string
  >;
  const charts =
    `<div class="pair">` +
    figure(
      dimensionRadar(m.dimensions, m.period, m.previousPeriod),
      "图 1　四个维度得分（本季度与上季度）",
    ) +
    figure(trendChart(m.trend, names), "图 2　综合指数与维度得分走势（近五个季度）") +
    `</div>`;
  const dims = table(
    ["维度", "权重", "本季度", "上季度", "环比", "去年同期", "同比"],
    m.dimensions.map((d) => [
      d.nameZh,
      String(d.weight),
      formatScore(d.score),
      formatScore(d.previous),
      delta(d.score, d.previous),
      formatScore(d.lastYear),
      delta(d.score, d.lastYear),
    ]),
    { numeric: [1, 2, 3, 4, 5, 6], widths: ["22%", "10%", "13%", "13%", "13%", "16%", "13%"] },
  );
  const dimsWithIndex = `${dims.slice(0, dims.lastIndexOf("</tbody>"))}<tr><td><b>综合指数</b></td><td class="num"></td><td class="num"><b>${esc(formatScore(s.index))}</b></td><td class="num">${esc(formatScore(s.previousIndex))}</td><td class="num">${esc(formatDelta(s.index, s.previousIndex, 1))}</td><td class="num">${esc(formatScore(s.lastYearIndex))}</td><td class="num">${esc(formatDelta(s.index, s.lastYearIndex, 1))}</td></tr></tbody></table>`;
  return `${cards}${paragraphs(s.sentences)}${charts}${dimsWithIndex}`;
}

function indicatorTable(rows: readonly ReportIndicator[]): string {
  return table(
    ["指标", "方向", "本季度", "目标值", "底线值", "得分", "状态", "环比", "同比"],
    rows.map((i) => [
      i.nameZh,
      ARROW[i.direction],
      value(i.code, i.value, true),
      value(i.code, i.target),
      value(i.code, i.floor),
      formatScore(i.score),
      { html: statusChip(i.status) },
      valueDelta(i, i.previous),
      valueDelta(i, i.lastYear),
    ]),
    {
      numeric: [2, 3, 4, 5, 7, 8],
      widths: ["21%", "6%", "14%", "9%", "9%", "8%", "10%", "11.5%", "11.5%"],
    },
  );
}

export function dimensionsChapter(m: QuarterlyReportModel): string {
  return m.dimensions
    .map((d, k) => {
      const head = `<h3 id="dim-${d.dimension}">（${"一二三四"[k]}）${esc(DIMENSION_DEFS[d.dimension].nameZh)}　${esc(formatScore(d.score))} 分</h3>`;
      return (
        head +
        paragraphs(d.sentences) +
        figure(
          indicatorScoreChart(d.indicators),
          `图 ${3 + k}　${d.nameZh}各指标得分（虚线：60 分与 100 分）`,
        ) +
        indicatorTable(d.indicators)
      );
    })
    .join("\n");
}

export function rankingChapter(m: QuarterlyReportModel): string {
  if (m.ranking.length === 0)
    return `<p class="lead">${esc(m.unit.name)}没有下级单位，本章从略。</p>`;
  const level = m.childLevelZh ?? "下级单位";
  // Ranks follow the total (issue 20); with no assessor or adjustment item (no assessment part)
  // the total is the index and the sentence stays as it was.
  const intro = paragraphs([
    m.assessment
      ? `${m.unit.name}下辖 ${m.ranking.length} 个${level}，按综合得分从高到低排名如下（并列者名次相同，无综合得分者不排名；各${level}综合得分见“综合得分与评估打分”一章）。`
      : `${m.unit.name}下辖 ${m.ranking.length} 个${level}，按综合指数从高到低排名如下（并列者名次相同，无综合指数者不排名）。`,
  ]);
  const rows = m.ranking.map((r): Cell[] => [
    r.rank === null ? NO_VALUE : String(r.rank),
    r.name,
    formatScore(r.index),
    { html: gradeChip(r.grade) },
    formatScore(r.dimensions.governance),
    formatScore(r.dimensions.service),
    formatScore(r.dimensions.resources),
    formatScore(r.dimensions.participation),
    delta(r.index, r.previousIndex),
    String(r.red),
  ]);
  return (
    intro +
    figure(rankingChart(m.ranking), `图 7　各${level}综合指数与等级`) +
    table(
      ["名次", level, "综合指数", "等级", "治理", "服务", "资源", "参与", "环比", "红色指标"],
      rows,
      {
        numeric: [0, 2, 4, 5, 6, 7, 8, 9],
        widths: ["7%", "19%", "10%", "10%", "8.5%", "8.5%", "8.5%", "8.5%", "9%", "11%"],
      },
    )
  );
}

export function redChapter(m: QuarterlyReportModel): string {
  if (m.redItems.length === 0) return paragraphs(["本季度没有红色指标。"]);
  const intro = paragraphs([
    `本季度共有 ${m.redItems.length} 项指标在${esc(m.unit.name)}本级或下级单位处于红色区间（得分低于 60 分）。下表列出各指标的本级数值和为红色的下级单位（按得分从低到高）。`,
  ]);
  const rows = m.redItems.map((r): Cell[] => {
    const units =
      r.units.length === 0
        ? "—"
        : r.units
            .map(
              (u) =>
                `${esc(u.name)} ${esc(value(r.code, u.value, true))}${u.redLastQuarter ? "（连续两季度）" : ""}`,
            )
            .join("；");
    return [
      r.nameZh,
      value(r.code, r.value, true),
      { html: statusChip(r.status) },
      `${value(r.code, r.target)} / ${value(r.code, r.floor)}`,
      { html: units },
    ];
  });
  return (
    intro +
    table(["指标", "本级数值", "本级状态", "目标 / 底线", "红色的下级单位"], rows, {
      numeric: [1],
      widths: ["17%", "13%", "10%", "14%", "46%"],
    })
  );
}

export function moversChapter(m: QuarterlyReportModel): string {
  const level = m.childLevelZh ?? "下级单位";
  const mv = m.movers;
  const rows = [...mv.improvements, ...mv.declines].map((x): Cell[] => [
    x.name,
    formatScore(x.previousIndex),
    formatScore(x.index),
    delta(x.index, x.previousIndex),
  ]);
  const ind = [...mv.indicatorImprovements, ...mv.indicatorDeclines].map((c): Cell[] => [
    c.nameZh,
    formatNumber(c.previous, c.decimals),
    formatNumber(c.value, c.decimals),
    {
      text: `${c.scoreChange > 0 ? "+" : "−"}${formatScore(Math.abs(c.scoreChange))}`,
      cls: c.scoreChange > 0 ? "up" : "down",
    },
  ]);
  const chart = m.ranking.some((r) => r.change !== null)
    ? figure(changeChart(m.ranking), `图 8　各${level}综合指数环比变化（分）`)
    : "";
  return (
    paragraphs(mv.sentences) +
    chart +
    (rows.length > 0
      ? `<h3>${esc(level)}综合指数变化最大者</h3>` +
        table([level, periodLabel(m.previousPeriod), periodLabel(m.period), "变化"], rows, {
          numeric: [1, 2, 3],
          widths: ["40%", "20%", "20%", "20%"],
        })
      : "") +
    `<h3>${esc(m.unit.name)}本级指标得分变化最大者</h3>` +
    table(["指标", "上季度数值", "本季度数值", "得分变化"], ind, {
      numeric: [1, 2, 3],
      widths: ["40%", "20%", "20%", "20%"],
    })
  );
}
