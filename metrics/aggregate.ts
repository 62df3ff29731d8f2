/**
 * Weighted aggregation: indicator scores into a dimension score (renormalised over what is
 * available, with the half-weight rule), dimension scores into the overall index, and its grade.
 *
 * Source: INDICATORS.md "Scores, dimensions, index" and "Alternatives for what-if and
 * sensitivity" (geometric aggregation); seed 000 §六 6.1–6.2.
 */

import { type Aggregation, GRADE_THRESHOLDS, type Grade } from "./scheme.ts";

/** One score to aggregate, with its weight and a key naming it (an indicator code, a dimension). */
export interface WeightedScore<K extends string = string> {
  readonly key: K;
  readonly score: number | null;
  readonly weight: number;
}

/**
 * Result of an aggregation: the score (`null` when not computable), the keys whose score was
 * `null` in input order, and the weight that was available against the set's total weight.
 */
export interface Aggregate<K extends string = string> {
  readonly score: number | null;
  readonly missing: K[];
  readonly availableWeight: number;
  readonly totalWeight: number;
}

// Weights such as 0.25 + 0.25 of 0.25 + 0.25 + 0.2 + 0.3 should count as exactly half although
// their binary sums differ in the last bit; 1e-12 is far below any meaningful weight difference.
const HALF_TOLERANCE = 1e-12;

interface Tally<K extends string> {
  readonly missing: K[];
  readonly available: number;
  readonly total: number;
}

// One pass that validates the items and tallies weights and missing keys.
function tally<K extends string>(
  fn: string,
  items: readonly WeightedScore<K>[],
  geometric: boolean,
): Tally<K> {
  const missing: K[] = [];
  let available = 0;
  let total = 0;
  for (const { key, score, weight } of items) {
    if (!Number.isFinite(weight) || weight < 0) {
      throw new RangeError(
        `${fn}: weight of ${key} must be finite and non-negative, got ${weight}`,
      );
    }
    total += weight;
    if (score === null) {
      missing.push(key);
      continue;
    }
    if (!Number.isFinite(score) || (geometric && score < 0)) {
      const need = geometric ? "finite and non-negative" : "finite";
      throw new RangeError(`${fn}: score of ${key} must be ${need} or null, got ${score}`);
    }
    available += weight;
  }
  return { missing, available, total };
}

/**
 * Weighted mean over the items that have a score, weights renormalised to the available ones,
 * arithmetic (`Σ wᵢsᵢ / Σ wᵢ`) or geometric (`exp(Σ wᵢ ln sᵢ / Σ wᵢ)`, any zero score makes it 0).
 * The result is clamped to the range of the averaged scores, so that rounding cannot turn a mean of
 * equal scores (say all 90) into 89.999… and drop it a grade.
 */
function weightedMean(items: readonly WeightedScore[], aggregation: Aggregation): number | null {
  let sumW = 0;
  let sum = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const { score, weight } of items) {
    if (score === null || weight === 0) continue;
    if (aggregation === "geometric" && score === 0) return 0;
    sumW += weight;
    sum += weight * (aggregation === "geometric" ? Math.log(score) : score);
    min = Math.min(min, score);
    max = Math.max(max, score);
  }
  if (sumW === 0) return null;
  const mean = aggregation === "geometric" ? Math.exp(sum / sumW) : sum / sumW;
  return Math.min(Math.max(mean, min), max);
}

/**
 * Dimension score: weighted arithmetic mean of the available scores with the weights renormalised,
 * `Σ_{available} wᵢ sᵢ / Σ_{available} wᵢ`, or `null` when less than half of the set's total weight
 * is available (`Σ_{available} wᵢ < ½ Σ wᵢ`). Exactly half is enough.
 *
 * Source: INDICATORS.md "Scores, dimensions, index" ("Dimension score"); seed 000 §六 6.1.
 *
 * Degenerate cases: `score` is `null` for an empty list, when the total weight is 0, or when less
 * than half the weight is available; `missing` lists the keys with a `null` score either way.
 * Zero-weight items do not move the mean. Throws `RangeError` for a negative, NaN or infinite
 * weight, or a NaN or infinite score.
 *
 * @example
 * ```ts
 * // governance with G3 and G4 missing: 25 + 25 of 100 is exactly half, so it scores
 * renormalisedMean([
 *   { key: "G1", score: 50, weight: 25 },
 *   { key: "G2", score: 100, weight: 25 },
 *   { key: "G3", score: null, weight: 20 },
 *   { key: "G4", score: null, weight: 30 },
 * ]); // { score: 75, missing: ["G3", "G4"], availableWeight: 50, totalWeight: 100 }
 * ```
 */
export function renormalisedMean<K extends string>(
  items: readonly WeightedScore<K>[],
): Aggregate<K> {
  const { missing, available, total } = tally("renormalisedMean", items, false);
  const enough = available >= (total / 2) * (1 - HALF_TOLERANCE);
  const score = enough ? weightedMean(items, "arithmetic") : null;
  return { score, missing, availableWeight: available, totalWeight: total };
}

/**
 * Overall index: weighted mean of the dimension scores, arithmetic `Σ wᵢ sᵢ / Σ wᵢ` (default) or
 * geometric `Π sᵢ^(wᵢ / Σ wᵢ)` (what-if alternative; any zero score makes the index 0). Unlike a
 * dimension, the index needs every item: no index when any dimension has no score.
 *
 * Source: INDICATORS.md "Scores, dimensions, index" ("Overall index", weights governance 30,
 * service 30, resources 20, participation 20) and "Alternatives" (geometric mean); seed 000 §六 6.2.
 *
 * Degenerate cases: `score` is `null` when any item's score is `null` (listed in `missing`, the
 * unit is incomplete), for an empty list, or when the total weight is 0. Throws `RangeError` for a
 * negative, NaN or infinite weight or score (a geometric mean has no meaning for negative scores).
 *
 * @example
 * ```ts
 * const dims = [
 *   { key: "governance", score: 80, weight: 30 },
 *   { key: "service", score: 90, weight: 30 },
 *   { key: "resources", score: 70, weight: 20 },
 *   { key: "participation", score: 60, weight: 20 },
 * ];
 * overallIndex(dims).score; // 77   ((80·30 + 90·30 + 70·20 + 60·20) / 100)
 * overallIndex(dims, "geometric").score; // 76.18…  (80^0.3 · 90^0.3 · 70^0.2 · 60^0.2)
 * ```
 */
export function overallIndex<K extends string>(
  items: readonly WeightedScore<K>[],
  aggregation: Aggregation = "arithmetic",
): Aggregate<K> {
  const { missing, available, total } = tally("overallIndex", items, true);
  const score = missing.length > 0 ? null : weightedMean(items, aggregation);
  return { score, missing, availableWeight: available, totalWeight: total };
}

/**
 * Grade of an overall index: ≥ 90 `excellent` 优秀, ≥ 80 `good` 良好, ≥ 60 `pass` 合格, otherwise
 * `fail` 不合格 (labels in `GRADE_THRESHOLDS`). Compares the unrounded index.
 *
 * Source: INDICATORS.md "Scores, dimensions, index" ("Grade") and "Rounding".
 *
 * Degenerate cases: `null` index → `null` grade. Throws `RangeError` for NaN or an index outside
 * [0, 100].
 *
 * @example
 * ```ts
 * grade(90); // "excellent"
 * grade(89.99); // "good"
 * grade(59.9); // "fail"
 * grade(null); // null
 * ```
 */
export function grade(index: number | null): Grade | null {
  if (index === null) return null;
  if (!(index >= 0 && index <= 100)) {
    throw new RangeError(`grade: index must lie in [0, 100], got ${index}`);
  }
  for (const t of GRADE_THRESHOLDS) if (index >= t.min) return t.grade;
  return "fail";
}
