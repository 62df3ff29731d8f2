/**
 * Descriptive statistics used by the metrics: mean, sample variance and standard deviation,
 * quantiles. Shown-but-not-scored figures (median and 90th-percentile handling hours) and the
 * interval estimates build on these.
 *
 * Source: INDICATORS.md "Indicators" (shown but not scored) and "Survey score"; seed 000 §六 6.2.
 */

function finite(fn: string, values: readonly number[]): void {
  values.forEach((v, at) => {
    if (!Number.isFinite(v)) {
      throw new RangeError(`${fn}: value at ${at} must be finite, got ${v}`);
    }
  });
}

function checkP(fn: string, p: number): void {
  if (!(p >= 0 && p <= 1)) {
    throw new RangeError(`${fn}: p must lie in [0, 1], got ${p}`);
  }
}

function sorted(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/**
 * Arithmetic mean `Σ xᵢ / n`.
 *
 * Source: INDICATORS.md "Survey score" (G4 is the mean of response scores).
 *
 * Degenerate cases: `null` for an empty list. Throws `RangeError` for NaN or an infinite value.
 *
 * @example
 * ```ts
 * mean([1, 2, 3, 4]); // 2.5
 * mean([]); // null
 * ```
 */
export function mean(values: readonly number[]): number | null {
  finite("mean", values);
  if (values.length === 0) return null;
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/**
 * Sample variance `Σ (xᵢ - x̄)² / (n - 1)` (Bessel's correction, as R's `var`).
 *
 * Source: INDICATORS.md "Survey score" (s in G4's interval); Cronbach's alpha.
 *
 * Degenerate cases: `null` with fewer than two values (undefined with n - 1 = 0); exactly 0 when
 * all values are equal (tested directly, since their computed mean can be an ulp off). Throws
 * `RangeError` for NaN or an infinite value.
 *
 * @example
 * ```ts
 * sampleVariance([2, 4, 4, 4, 5, 5, 7, 9]); // 4.571428…  (32 / 7)
 * sampleVariance([3]); // null
 * ```
 */
export function sampleVariance(values: readonly number[]): number | null {
  finite("sampleVariance", values);
  const n = values.length;
  if (n < 2) return null;
  if (values.every((v) => v === values[0])) return 0;
  const m = values.reduce((a, b) => a + b, 0) / n;
  return values.reduce((a, x) => a + (x - m) ** 2, 0) / (n - 1);
}

/**
 * Sample standard deviation `√(Σ (xᵢ - x̄)² / (n - 1))`, as R's `sd`.
 *
 * Source: INDICATORS.md "Survey score" ("s the sample standard deviation").
 *
 * Degenerate cases: `null` with fewer than two values; 0 when all values are equal. Throws
 * `RangeError` for NaN or an infinite value.
 *
 * @example
 * ```ts
 * sampleStandardDeviation([2, 4, 4, 4, 5, 5, 7, 9]); // 2.138…  (√(32 / 7))
 * ```
 */
export function sampleStandardDeviation(values: readonly number[]): number | null {
  const v = sampleVariance(values);
  return v === null ? null : Math.sqrt(v);
}

/**
 * Quantile by linear interpolation between order statistics, Hyndman–Fan type 7 (R's default
 * `quantile`, PostgreSQL's `percentile_cont`, Excel's `PERCENTILE.INC`): with the values sorted
 * `x₁ ≤ … ≤ xₙ`, `h = (n - 1) p + 1`, `Q(p) = x⌊h⌋ + (h - ⌊h⌋)(x⌊h⌋₊₁ - x⌊h⌋)`.
 *
 * Source: INDICATORS.md "Indicators" (median and 90th-percentile handling hours, shown not scored).
 *
 * Degenerate cases: `null` for an empty list; a single value is every quantile of itself. Throws
 * `RangeError` for `p` outside [0, 1], NaN, or an infinite value.
 *
 * @example
 * ```ts
 * quantile([1, 2, 3, 4], 0.5); // 2.5
 * quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9); // 9.1  (h = 9.1: 9 + 0.1 × (10 - 9))
 * ```
 */
export function quantile(values: readonly number[], p: number): number | null {
  checkP("quantile", p);
  finite("quantile", values);
  if (values.length === 0) return null;
  const xs = sorted(values);
  const h = (xs.length - 1) * p;
  const lo = Math.floor(h);
  const below = xs[lo]!;
  const above = xs[Math.min(lo + 1, xs.length - 1)]!;
  return below === above ? below : below + (h - lo) * (above - below);
}

/**
 * Median: the type-7 quantile at p = 0.5 (the mean of the two middle values for even n).
 *
 * Source: INDICATORS.md "Indicators" (median handling hours of S1, shown not scored).
 *
 * Degenerate cases: as {@link quantile}: `null` for an empty list.
 *
 * @example
 * ```ts
 * median([5, 1, 3]); // 3
 * median([4, 1, 3, 2]); // 2.5
 * ```
 */
export function median(values: readonly number[]): number | null {
  return quantile(values, 0.5);
}

/**
 * Nearest-rank percentile: the ⌈p·n⌉-th smallest value (the smallest when p = 0). Always one of
 * the values, never an interpolation, which is what a rank interval ("5th–95th percentile rank 3–7")
 * needs.
 *
 * Source: INDICATORS.md "Alternatives for what-if and sensitivity" (median rank and 5th–95th
 * percentile rank interval).
 *
 * Degenerate cases: `null` for an empty list. `p·n` is taken with a 1e-9 tolerance before the
 * ceiling, because binary products such as 0.07 × 100 = 7.000000000000001 would otherwise skip a
 * rank. Throws `RangeError` for `p` outside [0, 1], NaN, or an infinite value.
 *
 * @example
 * ```ts
 * nearestRankQuantile([1, 2, 3, 4], 0.5); // 2   (⌈2⌉-th smallest)
 * nearestRankQuantile([15, 20, 35, 40, 50], 0.05); // 15
 * nearestRankQuantile([15, 20, 35, 40, 50], 0.95); // 50
 * ```
 */
export function nearestRankQuantile(values: readonly number[], p: number): number | null {
  checkP("nearestRankQuantile", p);
  finite("nearestRankQuantile", values);
  if (values.length === 0) return null;
  const xs = sorted(values);
  const k = Math.max(1, Math.ceil(p * xs.length - 1e-9));
  return xs[Math.min(k, xs.length) - 1]!;
}
