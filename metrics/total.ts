/**
 * The assessor's part of a unit's result: assessor score, adjustment (加减分) and the total
 * (综合得分) that grades and ranks follow.
 *
 * Source: INDICATORS.md "Scores, dimensions, index" ("Assessor score", "Adjustment", "Total").
 */

import type { SchemeDefinition } from "./scheme.ts";

/** What an assessor entered for one unit and quarter (api/assessments stores it). */
export interface AssessmentInput {
  readonly items: readonly { readonly code: string; readonly score: number | null }[];
  readonly adjustments: readonly { readonly code: string; readonly points: number }[];
  /** Signed off (frozen) by the assessor. */
  readonly signedOff: boolean;
}

/** A unit's assessor score, adjustment, total and whether the total is provisional (暂定). */
export interface TotalResult {
  readonly assessorScore: number | null;
  readonly adjustment: number;
  readonly total: number | null;
  readonly provisional: boolean;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/**
 * Weighted mean of the scored assessor items, weights renormalised over the items scored; `null`
 * when no item of the scheme is scored. Scores of codes the scheme does not list are ignored.
 *
 * @example
 * ```ts
 * // items A (weight 2), B (weight 1): A 90, B unscored → 90; A 90, B 60 → 80
 * ```
 */
export function assessorScoreOf(
  scheme: Pick<SchemeDefinition, "assessorItems">,
  assessment: AssessmentInput | undefined,
): number | null {
  if (!assessment) return null;
  let sum = 0;
  let weights = 0;
  for (const item of scheme.assessorItems) {
    const entry = assessment.items.find((i) => i.code === item.code);
    if (!entry || entry.score === null) continue;
    sum += item.weight * entry.score;
    weights += item.weight;
  }
  return weights > 0 ? sum / weights : null;
}

/**
 * Σ bonus points − Σ penalty points, each item's points taken as a magnitude limited to its
 * `maxPoints`, the sum clamped to [−cap, +cap]; 0 when none.
 *
 * @example
 * ```ts
 * // bonus I1 (max 3): 3, penalty D1 (max 10): 2, cap 5 → 1; bonus 3 + bonus 3 → 5 (cap)
 * ```
 */
export function adjustmentOf(
  scheme: Pick<SchemeDefinition, "adjustmentItems" | "adjustmentCap">,
  assessment: AssessmentInput | undefined,
): number {
  if (!assessment) return 0;
  let sum = 0;
  for (const item of scheme.adjustmentItems) {
    for (const a of assessment.adjustments) {
      if (a.code !== item.code) continue;
      const points = Math.min(Math.abs(a.points), item.maxPoints);
      sum += item.kind === "bonus" ? points : -points;
    }
  }
  const cap = scheme.adjustmentCap;
  // `+ 0` turns the −0 of a clamped zero into 0 (JSON and equality alike).
  return clamp(sum, -cap, cap) + 0;
}

/**
 * The total of a unit from its index and its assessment: with w = 0, `clamp(index + adjustment,
 * 0, 100)`; with w > 0 and an assessor score, `clamp((1 − w) × index + w × assessorScore +
 * adjustment, 0, 100)`; with w > 0 and no assessor score, `clamp(index + adjustment, 0, 100)`,
 * provisional. No index, no total. Provisional while the scheme has assessor items and the unit's
 * assessment is not signed off.
 *
 * @example
 * ```ts
 * // w 0.3, index 80, assessor 90, adjustment +2 → 0.7·80 + 0.3·90 + 2 = 85
 * // default scheme (w 0, no items), index 73.5 → total 73.5, not provisional
 * ```
 */
export function totalOf(
  index: number | null,
  scheme: Pick<
    SchemeDefinition,
    "assessorItems" | "adjustmentItems" | "assessorWeight" | "adjustmentCap"
  >,
  assessment: AssessmentInput | undefined,
): TotalResult {
  const assessorScore = assessorScoreOf(scheme, assessment);
  const adjustment = adjustmentOf(scheme, assessment);
  const w = scheme.assessorWeight;
  const needsSignOff = scheme.assessorItems.length > 0;
  let provisional = needsSignOff && !(assessment?.signedOff ?? false);
  let total: number | null = null;
  if (index !== null) {
    if (w > 0 && assessorScore !== null) {
      total = clamp((1 - w) * index + w * assessorScore + adjustment, 0, 100);
    } else {
      total = clamp(index + adjustment, 0, 100);
      if (w > 0) provisional = true;
    }
  }
  return { assessorScore, adjustment, total, provisional };
}
