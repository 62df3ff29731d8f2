/**
 * The quarterly report's Chinese sentences: fixed templates filled with the API's figures, rounded
 * for display only (INDICATORS.md "Rounding", via shapes/format.ts). Nothing here
 * computes a figure; it only words the ones it is given.
 */
import { DIMENSION_DEFS, INDICATORS, type IndicatorCode } from "../../metrics/index.ts";
import {
  formatDelta,
  formatNumber,
  formatScore,
  formatWithUnit,
  periodLabel,
} from "../../shapes/format.ts";
import type {
  ReportDimension,
  ReportIndicator,
  ReportMover,
  ReportSurveyRow,
} from "./quarterly-model.ts";

/**
 * "上升 1.2 分" / "下降 0.8 分" / "持平" for a change of a 0–100 score; "无可比数据" when either
 * side has no value.
 *
 * @example
 * ```ts
 * changeWords(82.44, 81.2); // "上升 1.2 分"
 * changeWords(80, null); // "无可比数据"
 * ```
 */
export function changeWords(current: number | null, previous: number | null): string {
  if (current === null || previous === null) return "无可比数据";
  const d = formatDelta(current, previous, 1);
  if (d.startsWith("+")) return `上升 ${d.slice(1)} 分`;
  if (d.startsWith("−")) return `下降 ${d.slice(1)} 分`;
  return "持平";
}

/** A value with its unit for a sentence: "62.5%", "31.20 小时"; "无数据" for none. */
export function valueWords(code: IndicatorCode, value: number | null): string {
  return value === null ? "无数据" : formatWithUnit(code, value);
}

/** The opening sentences of the summary. */
export function summarySentences(p: {
  unitName: string;
  period: string;
  previousPeriod: string;
  lastYearPeriod: string;
  index: number | null;
  grade: string | null;
  rank: number | null;
  rankedAmong: number | null;
  missingZh: string[];
  previousIndex: number | null;
  lastYearIndex: number | null;
  dimensions: readonly ReportDimension[];
  statusCounts: { green: number; amber: number; red: number; none: number };
}): string[] {
  const out: string[] = [];
  const when = periodLabel(p.period);
  if (p.index === null) {
    const why = p.missingZh.length > 0 ? `${p.missingZh.join("、")}维度无得分，` : "";
    out.push(`${when}，${p.unitName}${why}未形成综合指数。`);
  } else {
    let rank = "";
    if (p.rank !== null && p.rankedAmong !== null && p.rankedAmong > 1) {
      rank = `，在 ${p.rankedAmong} 个同级单位中排名第 ${p.rank}`;
    } else if (p.rank !== null && p.rankedAmong === null) {
      rank = `，在同级单位中排名第 ${p.rank}`;
    }
    out.push(
      `${when}，${p.unitName}综合指数为 ${formatScore(p.index)} 分，等级为“${p.grade ?? "—"}”${rank}。`,
    );
    out.push(
      `环比（与${periodLabel(p.previousPeriod)}相比）${changeWords(p.index, p.previousIndex)}，` +
        `同比（与${periodLabel(p.lastYearPeriod)}相比）${changeWords(p.index, p.lastYearIndex)}。`,
    );
  }
  const scored = p.dimensions.filter((d) => d.score !== null);
  if (scored.length >= 2) {
    const sorted = [...scored].sort((a, b) => (b.score ?? 0) - (a.score ?? 0));
    const best = sorted[0]!;
    const worst = sorted[sorted.length - 1]!;
    out.push(
      `四个维度中，${best.nameZh}得分最高（${formatScore(best.score)} 分），${worst.nameZh}得分最低（${formatScore(worst.score)} 分）。`,
    );
  }
  const c = p.statusCounts;
  const none = c.none > 0 ? `，${c.none} 项无数据` : "";
  out.push(
    `17 项指标中，${c.green} 项达到目标值（绿色），${c.amber} 项处于预警区间（黄色），${c.red} 项为红色${none}。`,
  );
  return out;
}

/** Two sentences on a dimension: its score and change, its strongest and weakest indicator. */
export function dimensionSentences(d: ReportDimension): string[] {
  const name = DIMENSION_DEFS[d.dimension].nameZh;
  const out: string[] = [];
  if (d.score === null) {
    out.push(`${name}维度可用指标的权重不足一半，本季度无维度得分。`);
  } else {
    out.push(
      `${name}维度得分 ${formatScore(d.score)} 分，环比${changeWords(d.score, d.previous)}，同比${changeWords(d.score, d.lastYear)}。`,
    );
  }
  const scored = d.indicators.filter((i) => i.score !== null);
  if (scored.length > 0) {
    const sorted = [...scored].sort((a, b) => (b.score ?? 0) - (a.score ?? 0));
    const best = sorted[0]!;
    const worst = sorted[sorted.length - 1]!;
    if (best === worst || best.score === worst.score) {
      out.push(`各项指标得分均为 ${formatScore(best.score)} 分。`);
    } else {
      out.push(
        `其中${best.nameZh}表现最好（${valueWords(best.code, best.value)}，得分 ${formatScore(best.score)}），` +
          `${worst.nameZh}最弱（${valueWords(worst.code, worst.value)}，目标值 ${targetWords(worst)}，得分 ${formatScore(worst.score)}）。`,
      );
    }
  }
  const missing = d.indicators.filter((i) => i.value === null).map((i) => i.nameZh);
  if (missing.length > 0) out.push(`${missing.join("、")}本季度无数据（分母为 0 或未填报）。`);
  return out;
}

/** A target with its unit ("95%"). */
export function targetWords(i: Pick<ReportIndicator, "code" | "target">): string {
  return formatWithUnit(i.code, i.target);
}

/** Sentences on the biggest movers among the children. */
export function moverSentences(
  improvements: readonly ReportMover[],
  declines: readonly ReportMover[],
  childLevelZh: string | null,
): string[] {
  const out: string[] = [];
  const level = childLevelZh ?? "下级单位";
  const list = (ms: readonly ReportMover[]) =>
    ms.map((m) => `${m.name}（${formatDelta(m.index, m.previousIndex, 1)} 分）`).join("、");
  if (improvements.length > 0)
    out.push(`与上季度相比，综合指数提升较多的${level}有：${list(improvements)}。`);
  if (declines.length > 0) out.push(`综合指数下降较多的${level}有：${list(declines)}。`);
  if (improvements.length === 0 && declines.length === 0) {
    out.push(`没有可与上季度比较的${level}综合指数。`);
  }
  return out;
}

/** Sentences on the satisfaction survey. */
export function surveySentences(rows: readonly ReportSurveyRow[]): string[] {
  const out: string[] = [];
  const own = rows[0];
  if (!own) return out;
  if (own.n === 0) {
    out.push(`本季度${own.name}没有有效的满意度问卷。`);
    return out;
  }
  const ci = own.scoreCi
    ? `（95% 置信区间 ${formatScore(own.scoreCi[0])}–${formatScore(own.scoreCi[1])}）`
    : "";
  const rate =
    own.satisfactionRate === null ? "" : `，满意率 ${formatNumber(own.satisfactionRate, 1)}%`;
  out.push(
    `本季度${own.name}共回收有效问卷 ${own.n} 份，满意度指数 ${formatScore(own.score)} 分${ci}${rate}。`,
  );
  if (own.insufficient) out.push("样本量不足 30 份，结果仅供参考。");
  const few = rows.slice(1).filter((r) => r.insufficient);
  if (few.length > 0) {
    out.push(
      `${few.length} 个下级单位的样本不足 30 份（${few
        .slice(0, 5)
        .map((r) => `${r.name} ${r.n} 份`)
        .join("、")}${few.length > 5 ? "等" : ""}），其结果仅供参考。`,
    );
  }
  return out;
}

/**
 * What to do about each indicator when it is red (templates by indicator, from the seed's
 * measures: 主动发现, 接诉即办, 一次办结, 资金绩效, 协商议事…).
 */
export const RECOMMENDATION_ZH: Readonly<Record<IndicatorCode, string>> = Object.freeze({
  G1: "加强网格员日常巡查和智能感知设备的布设与应用，提高问题主动发现比例",
  G2: "对超期工单逐件督办，完善分级派单和时限预警，压实办理单位责任",
  G3: "落实诉求“接诉即办”，设置响应时限预警，高峰时段加强坐席和值班力量",
  G4: "针对满意度较低的事项开展回访和问题复盘，改进服务态度、沟通透明和办理效果",
  S1: "梳理办理时长较长的服务事项，压缩审批环节，推行并联办理和容缺受理",
  S2: "分析退件、重派和重开原因，加强首问负责和一次性告知",
  S3: "对投诉集中的事项和单位开展专项治理，建立投诉原因分析和预防机制",
  S4: "扩大“一网通办”事项覆盖面，引导居民网上办理，为老年人提供代办帮办",
  S5: "对回访不满意的工单开展二次办理和复核，提高办理质量",
  R1: "加快预算执行，对执行进度滞后的项目逐项分析原因并制定支出计划",
  R2: "按常住人口配齐社区工作者，优先补充人员缺口较大的社区",
  R3: "加快编制内人员招录和调配，减少空编",
  R4: "加强经费使用绩效管理，压降单件办理成本，避免资金闲置与浪费",
  P1: "丰富居民议事、志愿服务等参与渠道，提升居民参与积极性",
  P2: "完善协商议事规则，跟踪协商事项落实，提高协商成果转化率",
  P3: "加强志愿者招募和“时间银行”激励，扩大注册志愿者队伍",
  P4: "推广居民端平台应用，开展线上服务宣传和使用培训",
});

/** The catalogue name of an indicator. */
export const nameOf = (code: IndicatorCode) => INDICATORS[code].nameZh;
