/**
 * The assessor edition's chapters: full indicator tables per unit, the methodology from the
 * scheme record, data-quality findings, rank sensitivity and the appendix of data sources.
 */
import {
  dataAsOfInstant,
  formatInstant,
  formatNumber,
  formatScore,
  NO_VALUE,
} from "../../shapes/format.ts";
import { sourceLabel } from "../../shapes/labels.ts";
import type { QuarterlyReportModel, ReportAssessorPart } from "../assemble/quarterly-model.ts";
import { sensitivityChart } from "../charts/interval-charts.ts";
import { amount, type Cell, esc, figure, paragraphs, statusChip, table, value } from "./markup.ts";

export function tablesChapter(a: ReportAssessorPart): string {
  const intro = paragraphs([
    "下表按单位列出每项指标的分子、分母、指标值、得分和状态，均为系统按本报告“评估方法”一章所列口径计算的全精度结果，显示时按单位舍入。分母为 0 时无指标值，不计得分。",
  ]);
  return (
    intro +
    a.tables
      .map(
        (t) =>
          `<h3>${esc(t.name)}<span class="note">　代码 ${esc(t.code)}</span></h3>` +
          table(
            ["代码", "指标", "分子", "分母", "指标值", "目标", "底线", "得分", "状态"],
            t.indicators.map((i): Cell[] => [
              { text: i.code, cls: "code" },
              i.nameZh,
              amount(i.numerator),
              amount(i.denominator),
              value(i.code, i.value, true),
              value(i.code, i.target),
              value(i.code, i.floor),
              formatScore(i.score),
              { html: statusChip(i.status) },
            ]),
            {
              numeric: [2, 3, 4, 5, 6, 7],
              widths: ["6%", "19%", "13%", "12%", "13%", "8%", "8%", "8%", "13%"],
              cls: "small",
            },
          ),
      )
      .join("\n")
  );
}

export function methodologyChapter(m: QuarterlyReportModel, a: ReportAssessorPart): string {
  const meth = a.methodology;
  const scheme = paragraphs([
    `本报告采用考核方案“${m.scheme.name}”（标识 ${m.scheme.id}，第 ${m.scheme.version} 版，自 ${m.scheme.validFromYear} 年起适用）。` +
      `计分方法：${meth.normalisationZh}；综合方法：${meth.aggregationZh}；诉求响应时限 ${meth.responseSlaMinutes} 分钟。`,
  ]);
  const dims = table(
    ["维度", "指数权重"],
    meth.dimensions.map((d) => [d.nameZh, String(d.weight)]),
    { numeric: [1], widths: ["70%", "30%"] },
  );
  const inds = table(
    ["代码", "指标", "维度", "计算公式", "方向", "目标", "底线", "权重"],
    meth.indicators.map((i): Cell[] => [
      { text: i.code, cls: "code" },
      i.nameZh,
      i.dimensionZh,
      i.formulaZh,
      i.arrow,
      formatNumber(i.target, 2).replace(/\.?0+$/, ""),
      formatNumber(i.floor, 2).replace(/\.?0+$/, ""),
      String(i.weight),
    ]),
    {
      numeric: [5, 6, 7],
      widths: ["6%", "13%", "9%", "44%", "6%", "8%", "8%", "6%"],
      cls: "small",
    },
  );
  const grades = meth.grades
    .map((g) => (g.min === null ? `其余为${g.labelZh}` : `≥ ${g.min} 为${g.labelZh}`))
    .join("，");
  return (
    `<h3>（一）考核方案</h3>${scheme}${dims}` +
    `<h3>（二）指标口径、目标值、底线值与权重</h3>${inds}` +
    `<h3>（三）计分与汇总规则</h3>` +
    meth.rules
      .map((r, i) => `<p class="item"><span class="no">${i + 1}.</span>${esc(r)}</p>`)
      .join("\n") +
    paragraphs([`等级划分：${grades}。`]) +
    (a.samplePlan
      ? `<h3>（四）满意度调查抽样方案</h3>${a.samplePlan.sentences.map((x) => paragraphs([x])).join("")}`
      : "")
  );
}

/** Names that belong to more than one unit code among `units` (馨苑社区 in several streets). */
export function repeatedNames(
  units: readonly { orgUnit: string | null; orgUnitName: string | null }[],
): Set<string> {
  const codes = new Map<string, Set<string>>();
  for (const u of units) {
    if (u.orgUnit === null || u.orgUnitName === null) continue;
    codes.set(u.orgUnitName, (codes.get(u.orgUnitName) ?? new Set()).add(u.orgUnit));
  }
  return new Set([...codes].filter(([, c]) => c.size > 1).map(([name]) => name));
}

export function dataQualityChapter(a: ReportAssessorPart): string {
  // A name shared by several units carries its code, so that the rows read apart.
  const repeated = repeatedNames(a.dataQuality);
  const rows = a.dataQuality.map((f): Cell[] => [
    f.orgUnitName === null
      ? "全部数据源"
      : repeated.has(f.orgUnitName)
        ? `${f.orgUnitName}（${f.orgUnit}）`
        : f.orgUnitName,
    f.ruleZh,
    f.severityZh,
    f.figure === null ? NO_VALUE : formatNumber(f.figure, Number.isInteger(f.figure) ? 0 : 1),
    f.message,
  ]);
  return (
    paragraphs([
      a.dataQuality.length === 0
        ? "本季度数据质量检查未发现问题。"
        : `本季度数据质量检查共发现 ${a.dataQuality.length} 项问题，列于下表。相关单位的指标应结合核实情况解读。`,
    ]) +
    table(["单位", "规则", "严重程度", "数值", "说明"], rows, {
      numeric: [3],
      widths: ["16%", "14%", "10%", "10%", "50%"],
      cls: "small",
    })
  );
}

/** 核减情况: every appeal of the quarter in the unit's subtree, with its decision and decider. */
export function appealsChapter(a: ReportAssessorPart): string {
  const approved = a.appeals.filter((x) => x.approved);
  const exempt = approved.reduce((n, x) => n + x.cases, 0);
  const intro = paragraphs([
    a.appeals.length === 0
      ? "本季度没有核减申请。"
      : `本季度共收到核减申请 ${a.appeals.length} 份，其中 ${approved.length} 份经审核同意，核减案件 ${exempt} 件。` +
        "核减的案件不计入任何基于案件的指标（G1–G3、S1–S5 及 R4 的办结件数），但仍保留在原始数据中并标注核减。",
  ]);
  if (a.appeals.length === 0) return intro;
  const rows = a.appeals.map((x): Cell[] => [
    { text: String(x.id), cls: "code" },
    x.orgUnitName,
    String(x.cases),
    x.reasonZh,
    x.statusZh,
    x.decidedBy ?? NO_VALUE,
  ]);
  return (
    intro +
    table(["编号", "单位", "案件数", "理由", "审核结果", "审核人"], rows, {
      numeric: [2],
      widths: ["8%", "26%", "10%", "18%", "16%", "22%"],
      cls: "small",
    })
  );
}

export function sensitivityChapter(m: QuarterlyReportModel, a: ReportAssessorPart): string {
  const s = a.sensitivity;
  const intro = paragraphs([
    `为检验排名对权重设置的稳健性，进行 ${s.draws} 次蒙特卡洛模拟（固定随机种子 ${s.seed}）：每次将各指标权重和维度权重分别乘以 [${formatNumber(1 - s.spread, 1)}, ${formatNumber(1 + s.spread, 1)}] 区间内独立均匀分布的随机系数并重新归一，计算各${m.childLevelZh ?? "下级单位"}的名次。下表列出实际名次、名次中位数及 5%–95% 分位区间；区间越窄，排名越稳健。`,
  ]);
  if (s.units.length === 0) return intro + paragraphs(["没有下级单位，无需进行排名敏感性分析。"]);
  // By actual rank (units without one last), then name: the table reads top to bottom.
  const units = [...s.units].sort(
    (x, y) =>
      (x.rank ?? Number.POSITIVE_INFINITY) - (y.rank ?? Number.POSITIVE_INFINITY) ||
      x.name.localeCompare(y.name, "zh-CN"),
  );
  const rows = units.map((u): Cell[] => [
    u.name,
    formatScore(u.index),
    u.rank === null ? NO_VALUE : String(u.rank),
    u.medianRank === null ? NO_VALUE : formatNumber(u.medianRank, u.medianRank % 1 === 0 ? 0 : 1),
    u.p5Rank === null || u.p95Rank === null ? NO_VALUE : `${u.p5Rank}–${u.p95Rank}`,
  ]);
  const chart = s.units.some((u) => u.medianRank !== null)
    ? figure(sensitivityChart(units), "图 10　名次的中位数与 5%–95% 分位区间（菱形：实际名次）")
    : "";
  return (
    intro +
    chart +
    table(["单位", "综合指数", "实际名次", "名次中位数", "5%–95% 分位区间"], rows, {
      numeric: [1, 2, 3, 4],
      widths: ["36%", "16%", "16%", "16%", "16%"],
    })
  );
}

export function appendixChapter(m: QuarterlyReportModel): string {
  const d = m.dataAsOf;
  const rows: Cell[][] = d.sources.map((s) => [
    `工单数据源 ${sourceLabel(s.source)}`,
    formatInstant(s.lastReceivedAt),
    formatInstant(s.maxReportedAt),
  ]);
  rows.push(["季度填报（本季度最后更新）", formatInstant(d.returns), NO_VALUE]);
  rows.push(["满意度问卷（本季度最后一份）", formatInstant(d.surveys), NO_VALUE]);
  return (
    paragraphs([
      `本报告数据截至 ${formatInstant(dataAsOfInstant(d))}（最近一次接收数据的时间，北京时间），读取于 ${formatInstant(m.generatedAt)}。下表列出各数据来源截至的时间；此后到达的数据不影响本报告。`,
    ]) +
    table(["数据来源", "最后接收时间", "最新工单受理时间"], rows, {
      widths: ["44%", "28%", "28%"],
    }) +
    paragraphs([`考核方案：${m.scheme.name}（第 ${m.scheme.version} 版）。`], "note")
  );
}
