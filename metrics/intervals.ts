/**
 * 95% interval estimates shown beside survey figures: the normal interval of a mean (G4) and the
 * Wilson score interval of a proportion (satisfaction rate).
 *
 * Source: INDICATORS.md "Survey score" (G4's interval) and "Indicators" (satisfaction rate with a
 * Wilson 95% interval); seed 000 §六 6.2 (定性评估: 问卷调查).
 */

import { mean, sampleStandardDeviation } from "./statistics.ts";

/**
 * Two-sided 95% normal quantile used by both intervals (INDICATORS.md: "1.96").
 *
 * @example
 * ```ts
 * Z95; // 1.96
 * ```
 */
export const Z95 = 1.96;

/** A mean with its 95% interval; `interval` is `null` when it cannot be estimated (n = 1). */
export interface MeanEstimate {
  readonly n: number;
  readonly mean: number;
  readonly interval: readonly [number, number] | null;
}

/**
 * Mean with its 95% interval `x̄ ± 1.96 × s / √n`, `s` the sample standard deviation (n - 1).
 *
 * Source: INDICATORS.md "Survey score" ("G4's 95% interval is mean ± 1.96 × s / √n"). Callers flag
 * n < 30 as an insufficient sample; the formula is the same.
 *
 * Degenerate cases: `null` for an empty list; with one value the mean is that value and
 * `interval` is `null` (s needs two values); all-equal values give a zero-width interval. Throws
 * `RangeError` for NaN or an infinite value.
 *
 * @example
 * ```ts
 * meanWithInterval([50, 75, 100]);
 * // { n: 3, mean: 75, interval: [46.71…, 103.29…] }  (s = 25, 1.96 × 25 / √3 = 28.29…)
 * meanWithInterval([80]); // { n: 1, mean: 80, interval: null }
 * ```
 */
export function meanWithInterval(values: readonly number[]): MeanEstimate | null {
  const m = mean(values);
  if (m === null) return null;
  const n = values.length;
  const s = sampleStandardDeviation(values);
  if (s === null) return { n, mean: m, interval: null };
  const half = (Z95 * s) / Math.sqrt(n);
  return { n, mean: m, interval: [m - half, m + half] };
}

/**
 * Wilson score 95% interval for a proportion `p̂ = successes / n`, with z = 1.96:
 * `(p̂ + z²/2n ± z √(p̂(1 - p̂)/n + z²/4n²)) / (1 + z²/n)`. Unlike `p̂ ± z √(p̂(1-p̂)/n)` it stays
 * inside [0, 1] and is not zero-width at p̂ = 0 or 1, which matters for small survey samples.
 * Returned as proportions in [0, 1] (multiply by 100 for %).
 *
 * Source: INDICATORS.md "Indicators" ("satisfaction rate … with a Wilson 95% interval"); Wilson
 * (1927), JASA 22:209.
 *
 * Degenerate cases: `null` when n = 0. The lower end is exactly 0 when successes = 0 and the
 * upper exactly 1 when successes = n; the interval always contains p̂ (ends are clamped to p̂ and
 * to [0, 1] against rounding). Throws `RangeError` unless n and successes are integers with
 * 0 ≤ successes ≤ n.
 *
 * @example
 * ```ts
 * wilsonInterval(8, 10); // [0.4902…, 0.9433…]
 * wilsonInterval(0, 10); // [0, 0.2775…]
 * wilsonInterval(0, 0); // null
 * ```
 */
export function wilsonInterval(successes: number, n: number): readonly [number, number] | null {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`wilsonInterval: n must be a non-negative integer, got ${n}`);
  }
  if (!Number.isSafeInteger(successes) || successes < 0 || successes > n) {
    throw new RangeError(
      `wilsonInterval: successes must be an integer in [0, ${n}], got ${successes}`,
    );
  }
  if (n === 0) return null;
  const p = successes / n;
  const z2 = Z95 * Z95;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (Z95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  const lower = successes === 0 ? 0 : Math.min(Math.max(centre - half, 0), p);
  const upper = successes === n ? 1 : Math.max(Math.min(centre + half, 1), p);
  return [lower, upper];
}
