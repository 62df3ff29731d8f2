/**
 * The methodology's sample-plan section (issue 22 point 5) from the source's sample plans: the
 * formula in words, the default standard deviation, and how many communities met their target.
 * Nothing is recomputed: the figures are the API's (GET /api/v1/surveys/{id}/sample-plans).
 */
import { formatNumber, periodLabel } from "../../shapes/format.ts";
import type { SamplePlans } from "../../shapes/sample-plans.ts";
import type { ReportSamplePlan } from "./quarterly-model.ts";

const SOURCE_ZH = {
  own: "按本社区（村）上季度标准差",
  pooled: "按上季度全部问卷的标准差",
  maximum: "按最大标准差 50",
} as const;

/**
 * The section's counts and paragraphs; null when the source has no plans (no survey).
 *
 * Source: issue 22 point 5; INDICATORS.md "Survey score".
 *
 * Degenerate cases: no community under the unit gives one sentence saying so; a pooled SD from
 * fewer than two responses is stated as absent (the maximum 50 applies).
 *
 * @example
 * ```ts
 * samplePlanPart(plans)?.sentences[2];
 * // "本季度纳入抽样的 3 个社区（村）中，2 个已达到目标样本量，1 个尚未达到；…"
 * ```
 */
export function samplePlanPart(plans: SamplePlans | null): ReportSamplePlan | null {
  if (!plans) return null;
  const m = plans.method;
  const s = plans.summary;
  const pooled =
    m.pooled.sd === null
      ? `上季度全部有效问卷不足 2 份，取 0–100 分可能的最大标准差 ${m.maximumSd}`
      : `上季度全部 ${m.pooled.n} 份有效问卷得分的标准差为 ${formatNumber(m.pooled.sd, 2)}`;
  const sentences = [
    `各社区（村）每季度的目标样本量，按满意度指数（0–100 分）在 95% 置信水平下误差不超过 ±${m.margin} 分确定：n0 = (${m.z} × s ÷ ${m.margin})²，其中 s 为该社区（村）上一季度（${periodLabel(plans.basePeriod)}）有效问卷得分的样本标准差；上一季度有效问卷不足 2 份的，取上一季度全部有效问卷得分的标准差，仍不足 2 份的取 0–100 分可能的最大标准差 ${m.maximumSd}（本季度：${pooled}）。`,
    `再按该社区（村）当年常住人口 N（当年未登记的取此前最近一年）作有限总体校正：n = n0 ÷ [1 + (n0 - 1) ÷ N]，向上取整，不少于 ${m.minimum} 份，且不超过 N；未登记常住人口的不作校正。有效问卷指至少回答一道五级题的问卷，其得分为已答题平均分换算的 0–100 分。`,
  ];
  if (s.communities === 0) {
    sentences.push("本单位下没有社区（村），本季度未制定抽样方案。");
  } else {
    const bySource = (["own", "pooled", "maximum"] as const)
      .map((k) => [k, plans.plans.filter((p) => p.sdSource === k).length] as const)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${n} 个${SOURCE_ZH[k]}`)
      .join("、");
    const notMet = s.communities - s.met;
    sentences.push(
      `本季度纳入抽样的 ${s.communities} 个社区（村）中，${s.met} 个已达到目标样本量${notMet > 0 ? `，${notMet} 个尚未达到` : ""}；合计已收有效问卷 ${s.collected} 份，目标合计 ${s.target} 份。其中 ${bySource}确定目标样本量。`,
    );
  }
  return {
    communities: s.communities,
    met: s.met,
    collected: s.collected,
    target: s.target,
    sentences,
  };
}
