/**
 * Findings and recommendations of the quarterly report, derived by fixed rules from the figures
 * (issue 9): every indicator below its floor, red indicators, units red on the same indicator two
 * quarters running, units graded 不合格 or without an index, falling indices, thin survey samples
 * and data-quality problems. Each rule reads the model's figures and words them from a template;
 * none computes a figure of its own.
 */
import { formatScore } from "../../shapes/format.ts";
import type {
  ReportFinding,
  ReportIndicator,
  ReportRankRow,
  ReportRedItem,
  ReportSurveyRow,
} from "./quarterly-model.ts";
import { changeWords, RECOMMENDATION_ZH, targetWords, valueWords } from "./quarterly-text.ts";

/** An index fall of at least this many points against the previous quarter is a finding. */
export const INDEX_DECLINE_POINTS = 5;

export interface FindingInput {
  unitName: string;
  /** The unit's own indicators. */
  indicators: readonly ReportIndicator[];
  /** Whether each of the unit's indicators was red last quarter. */
  unitRedLastQuarter: ReadonlySet<string>;
  index: number | null;
  previousIndex: number | null;
  childLevelZh: string | null;
  ranking: readonly ReportRankRow[];
  redItems: readonly ReportRedItem[];
  survey: readonly ReportSurveyRow[];
  /** Data-quality findings by severity. */
  dataQuality: { high: number; medium: number; low: number };
}

const names = (xs: readonly { name: string }[], max = 6) =>
  xs
    .slice(0, max)
    .map((x) => x.name)
    .join("、") + (xs.length > max ? `等 ${xs.length} 个单位` : "");

/**
 * The findings, most severe first (within a severity, in rule order).
 *
 * @example
 * ```ts
 * // G2 at 65% with floor 70 → { severity: "high", rule: "below_floor",
 * //   text: "按期办结率为 65.0%，低于底线值 70.0%（目标值 95.0%），得分为 0。" }
 * ```
 */
export function deriveFindings(p: FindingInput): ReportFinding[] {
  const out: ReportFinding[] = [];
  const level = p.childLevelZh ?? "下级单位";
  for (const i of p.indicators) {
    if (i.belowFloor) {
      out.push({
        severity: "high",
        rule: "below_floor",
        text: `${i.nameZh}为 ${valueWords(i.code, i.value)}，低于底线值 ${valueWords(i.code, i.floor)}（目标值 ${targetWords(i)}），得分为 0。`,
      });
    } else if (i.status === "red") {
      out.push({
        severity: "medium",
        rule: "red_indicator",
        text: `${i.nameZh}为 ${valueWords(i.code, i.value)}，得分 ${formatScore(i.score)}，处于红色区间（目标值 ${targetWords(i)}）。`,
      });
    }
    if (i.status === "red" && p.unitRedLastQuarter.has(i.code)) {
      out.push({
        severity: "high",
        rule: "red_two_quarters",
        text: `${p.unitName}的${i.nameZh}连续两个季度为红色（本季度 ${valueWords(i.code, i.value)}，上季度 ${valueWords(i.code, i.previous)}）。`,
      });
    }
  }
  // Children red on the same indicator this quarter and last: one finding, grouped by indicator.
  const twice = p.redItems
    .map((item) => ({ item, units: item.units.filter((u) => u.redLastQuarter) }))
    .filter((x) => x.units.length > 0);
  if (twice.length > 0) {
    out.push({
      severity: "high",
      rule: "red_two_quarters",
      text: `以下指标在部分${level}连续两个季度为红色：${twice
        .map((x) => `${x.item.nameZh}（${names(x.units, 4)}）`)
        .join("；")}。`,
    });
  }
  const failing = p.ranking.filter((r) => r.grade === "不合格");
  if (failing.length > 0) {
    out.push({
      severity: "high",
      rule: "grade_fail",
      text: `${names(failing)}综合指数低于 60 分，等级为“不合格”。`,
    });
  }
  const incomplete = p.ranking.filter((r) => r.index === null);
  if (incomplete.length > 0) {
    out.push({
      severity: "medium",
      rule: "incomplete",
      text: `${incomplete.length} 个${level}未形成综合指数（${incomplete
        .slice(0, 4)
        .map((r) => `${r.name}缺少${r.missingZh.join("、") || "数据"}`)
        .join("；")}${incomplete.length > 4 ? "等" : ""}）。`,
    });
  }
  if (
    p.index !== null &&
    p.previousIndex !== null &&
    p.previousIndex - p.index >= INDEX_DECLINE_POINTS
  ) {
    out.push({
      severity: "medium",
      rule: "index_decline",
      text: `${p.unitName}综合指数环比${changeWords(p.index, p.previousIndex)}。`,
    });
  }
  const falling = p.ranking.filter((r) => r.change !== null && r.change <= -INDEX_DECLINE_POINTS);
  if (falling.length > 0) {
    out.push({
      severity: "medium",
      rule: "index_decline",
      text: `${names(falling)}综合指数环比下降 ${INDEX_DECLINE_POINTS} 分以上。`,
    });
  }
  const thin = p.survey.filter((s) => s.insufficient);
  if (thin.length > 0) {
    out.push({
      severity: "low",
      rule: "survey_insufficient",
      text: `${names(thin)}满意度调查有效样本不足 30 份，满意度结果仅供参考。`,
    });
  }
  const dq = p.dataQuality;
  if (dq.high + dq.medium + dq.low > 0) {
    out.push({
      severity: dq.high > 0 ? "medium" : "low",
      rule: "data_quality",
      text: `数据质量检查发现问题 ${dq.high + dq.medium + dq.low} 项（高 ${dq.high} 项、中 ${dq.medium} 项、低 ${dq.low} 项），相关指标应结合数据核实情况解读。`,
    });
  }
  const order = { high: 0, medium: 1, low: 2 } as const;
  return out
    .map((f, i) => ({ f, i }))
    .sort((a, b) => order[a.f.severity] - order[b.f.severity] || a.i - b.i)
    .map(({ f }) => f);
}

/**
 * Recommendations: one per red indicator (the unit's own or its children's), naming the units
 * behind it, then the cross-cutting ones the findings call for.
 */
export function deriveRecommendations(
  p: FindingInput,
  findings: readonly ReportFinding[],
): string[] {
  const out: string[] = [];
  for (const item of p.redItems) {
    const who =
      item.units.length > 0
        ? `（${names(item.units, 4)}${item.units.length > 4 ? "" : "为红色"}）`
        : "";
    out.push(`${item.nameZh}${who}：${RECOMMENDATION_ZH[item.code]}。`);
  }
  const rules = new Set(findings.map((f) => f.rule));
  if (rules.has("red_two_quarters")) {
    out.push(
      "对连续两个季度为红色的指标和单位，列入重点整改清单，明确责任单位、整改措施和完成时限，在下季度报告中跟踪复核。",
    );
  }
  if (rules.has("grade_fail")) {
    out.push("对等级为“不合格”的单位开展约谈和专项督导，制定整改方案并按月报告进展。");
  }
  if (rules.has("incomplete")) {
    out.push("督促未按时填报季度数据的单位补报，确保资源利用和群众参与维度完整可比。");
  }
  if (rules.has("survey_insufficient")) {
    out.push(
      "扩大满意度调查覆盖面，每个单位每季度有效问卷不少于 30 份，必要时设置代办点协助老年居民填写。",
    );
  }
  if (rules.has("data_quality")) {
    out.push("对数据质量检查发现的问题逐项核实，数据源中断或异常的及时与平台对接修复。");
  }
  if (out.length === 0) {
    out.push("各项指标总体达到预期，建议保持现有工作机制，继续关注黄色预警指标的变化。");
  }
  return out;
}
