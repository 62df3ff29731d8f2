/**
 * Sample plans of the satisfaction survey (issue 22 point 5): how many responses a community
 * should collect in a quarter so that its satisfaction index (G4, the mean response score 0–100)
 * has a 95% margin of error of ±5 points, and how far it has got.
 *
 * Source: INDICATORS.md "Survey score" (the response score, G4's interval `mean ± 1.96 · s / √n`,
 * n < 30 insufficient); issue 22 point 5.
 */

/** The plan's constants: z for 95%, the margin in points, the floor, the default SD. */
export const SAMPLE_PLAN = Object.freeze({
  /** Two-sided 95% normal quantile, as G4's interval uses. */
  z: 1.96,
  /** Half-width of the interval the plan aims at, in points of the 0–100 score. */
  margin: 5,
  /** No plan asks for fewer (INDICATORS.md: n < 30 is an insufficient sample). */
  minimum: 30,
  /**
   * The SD assumed when neither the community nor the whole city has two responses last quarter:
   * the largest standard deviation a population of scores in [0, 100] can have (half at 0, half
   * at 100), so the plan is never too small for lack of data.
   */
  maximumSd: 50,
});

/** Where a plan's standard deviation came from. */
export type SampleSdSource = "own" | "pooled" | "maximum";

function check(fn: string, name: string, v: number, min: number): void {
  if (!Number.isFinite(v) || v < min) {
    throw new RangeError(`${fn}: ${name} must be a finite number ≥ ${min}, got ${v}`);
  }
}

/**
 * Sample size for a mean without the finite-population correction:
 * `n₀ = (z · s / e)²`, s the standard deviation, e the margin (both in score points).
 *
 * Source: issue 22 point 5 (±5 points at 95% on the 0–100 score); INDICATORS.md "Survey score".
 *
 * Degenerate cases: `s = 0` gives 0 (the floor of 30 applies later). Throws `RangeError` for a
 * negative or non-finite `s`, or a margin or z that is not positive.
 *
 * @example
 * ```ts
 * initialSampleSize(20); // 61.4656  ((1.96 · 20 / 5)² = 7.84²)
 * initialSampleSize(50); // 384.16
 * ```
 */
export function initialSampleSize(
  sd: number,
  margin: number = SAMPLE_PLAN.margin,
  z: number = SAMPLE_PLAN.z,
): number {
  check("initialSampleSize", "sd", sd, 0);
  if (!(margin > 0) || !(z > 0) || !Number.isFinite(margin) || !Number.isFinite(z)) {
    throw new RangeError(`initialSampleSize: margin and z must be positive, got ${margin}, ${z}`);
  }
  return ((z * sd) / margin) ** 2;
}

/**
 * The finite-population correction of a sample size: `n = n₀ / (1 + (n₀ − 1) / N)`.
 *
 * Source: Cochran, Sampling Techniques (1977), eq. 4.2 for a mean; issue 22 point 5.
 *
 * Degenerate cases: `N = 1` gives 1 (everyone); `n₀ ≤ 1` is returned unchanged in effect (the
 * correction only shrinks a sample above one). Throws `RangeError` for a negative `n₀` or a
 * population below 1 or not an integer.
 *
 * @example
 * ```ts
 * finitePopulationCorrection(61.4656, 5000); // 60.7312…  (61.4656 / 1.01209312)
 * ```
 */
export function finitePopulationCorrection(n0: number, population: number): number {
  check("finitePopulationCorrection", "n0", n0, 0);
  check("finitePopulationCorrection", "population", population, 1);
  if (!Number.isInteger(population)) {
    throw new RangeError(
      `finitePopulationCorrection: population must be an integer, got ${population}`,
    );
  }
  return n0 / (1 + (n0 - 1) / population);
}

/**
 * A community's target sample for a quarter: `n₀ = (1.96 · s / 5)²`, corrected for its population
 * N (`n₀ / (1 + (n₀ − 1) / N)`), rounded up, at least 30 and at most N.
 *
 * Source: issue 22 point 5; INDICATORS.md "Survey score".
 *
 * Degenerate cases: an unknown population (`null`) skips the correction and the cap; a population
 * of 0 gives `null` (no one to ask). A population under 30 gives N (ask everyone). Rounding up
 * ignores a floating-point excess below 1e-9, so an n of exactly 96 is not taken for 96.000…01.
 * Throws `RangeError` for a negative or non-finite `sd` or a negative or fractional population.
 *
 * @example
 * ```ts
 * targetSampleSize(20, 5000); // 61   (n₀ 61.4656 → 60.73 → 61)
 * targetSampleSize(20, null); // 62   (no correction: ⌈61.4656⌉)
 * targetSampleSize(10, 5000); // 30   (n₀ 15.37, raised to the minimum)
 * targetSampleSize(25, 20);   // 20   (n₀ 96.04 → 16.70 → 17 → 30, at most N = 20)
 * targetSampleSize(20, 0);    // null
 * ```
 */
export function targetSampleSize(sd: number, population: number | null): number | null {
  const n0 = initialSampleSize(sd);
  if (population !== null) {
    check("targetSampleSize", "population", population, 0);
    if (!Number.isInteger(population)) {
      throw new RangeError(`targetSampleSize: population must be an integer, got ${population}`);
    }
    if (population === 0) return null;
  }
  const n = population === null ? n0 : finitePopulationCorrection(n0, population);
  const rounded = Math.max(Math.ceil(n - 1e-9), SAMPLE_PLAN.minimum);
  return population === null ? rounded : Math.min(rounded, population);
}

/** A sample's count and standard deviation (`sd` null when it has fewer than two values). */
export interface SampleSpread {
  n: number;
  sd: number | null;
}

/**
 * The standard deviation a plan uses: the community's own last quarter when it had at least two
 * responses, else the pooled one of all the city's responses last quarter, else
 * {@link SAMPLE_PLAN}.maximumSd (50, the largest a 0–100 score can have).
 *
 * Source: issue 22 point 5 ("using last quarter's standard deviation").
 *
 * Degenerate cases: an own SD of 0 (every response the same) is used as it is; the floor of 30
 * keeps the plan honest. Throws `RangeError` for a negative or non-finite SD given with n ≥ 2.
 *
 * @example
 * ```ts
 * planSd({ n: 3, sd: 25 }, { n: 40, sd: 18 }); // { sd: 25, source: "own" }
 * planSd({ n: 1, sd: null }, { n: 40, sd: 18 }); // { sd: 18, source: "pooled" }
 * planSd({ n: 0, sd: null }, { n: 1, sd: null }); // { sd: 50, source: "maximum" }
 * ```
 */
export function planSd(
  own: SampleSpread,
  pooled: SampleSpread,
): { sd: number; source: SampleSdSource } {
  for (const [name, s] of [
    ["own", own],
    ["pooled", pooled],
  ] as const) {
    if (s.n >= 2 && s.sd !== null) check("planSd", `${name}.sd`, s.sd, 0);
  }
  if (own.n >= 2 && own.sd !== null) return { sd: own.sd, source: "own" };
  if (pooled.n >= 2 && pooled.sd !== null) return { sd: pooled.sd, source: "pooled" };
  return { sd: SAMPLE_PLAN.maximumSd, source: "maximum" };
}

/** How far a community is: collected, still to collect, share of the target (0–1), met. */
export interface SampleProgress {
  collected: number;
  target: number | null;
  remaining: number | null;
  share: number | null;
  met: boolean;
}

/**
 * Progress towards a target: `remaining = max(target − collected, 0)`, `share = min(collected /
 * target, 1)`, met when `collected ≥ target`.
 *
 * Source: issue 22 point 5.
 *
 * Degenerate cases: no target (`null`) gives `remaining` and `share` null and `met` false. Throws
 * `RangeError` for a negative or fractional count, or a target below 1.
 *
 * @example
 * ```ts
 * sampleProgress(45, 60); // { collected: 45, target: 60, remaining: 15, share: 0.75, met: false }
 * sampleProgress(70, 60); // { collected: 70, target: 60, remaining: 0, share: 1, met: true }
 * ```
 */
export function sampleProgress(collected: number, target: number | null): SampleProgress {
  check("sampleProgress", "collected", collected, 0);
  if (!Number.isInteger(collected)) {
    throw new RangeError(`sampleProgress: collected must be an integer, got ${collected}`);
  }
  if (target === null) return { collected, target, remaining: null, share: null, met: false };
  check("sampleProgress", "target", target, 1);
  return {
    collected,
    target,
    remaining: Math.max(target - collected, 0),
    share: Math.min(collected / target, 1),
    met: collected >= target,
  };
}
