/**
 * Monte Carlo sensitivity of sibling rankings to the weights: how far a unit's rank moves when
 * every weight is perturbed by ±20%.
 *
 * Source: INDICATORS.md "Alternatives for what-if and sensitivity" ("1,000 Monte Carlo draws
 * (fixed seed), each weight (indicator and dimension) multiplied by an independent uniform factor
 * in [0.8, 1.2] and renormalised; report each unit's median rank and its 5th–95th percentile rank
 * interval"); seed 000 §六 6.2 第三方评估.
 */

import { DIMENSION_DEFS, DIMENSIONS, INDICATOR_CODES, type IndicatorCode } from "./catalogue.ts";
import { unitIndex } from "./evaluate.ts";
import { competitionRanks } from "./rank.ts";
import type { SchemeDefinition } from "./scheme.ts";
import { nearestRankQuantile } from "./statistics.ts";

/**
 * mulberry32, a 32-bit-state pseudo-random generator (Tommy Ettinger, public domain): returns a
 * function giving uniform numbers in [0, 1) with 2⁻³² resolution. Chosen over `Math.random` for
 * reproducibility (a published report must give the same intervals when re-run) and over larger
 * generators because 1,000 draws of 21 weights need nothing stronger.
 *
 * Source: INDICATORS.md "Alternatives for what-if and sensitivity" ("fixed seed").
 *
 * Degenerate cases: the seed is reduced to an unsigned 32-bit integer (`seed >>> 0`), so seeds
 * that agree modulo 2³² give the same stream. Throws `RangeError` for a seed that is not a safe
 * integer.
 *
 * @example
 * ```ts
 * const random = mulberry32(369);
 * random(); // the same number in [0, 1) on every run and platform
 * ```
 */
export function mulberry32(seed: number): () => number {
  if (!Number.isSafeInteger(seed)) {
    throw new RangeError(`mulberry32: seed must be a safe integer, got ${seed}`);
  }
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Scales `perturbed` so that it sums to what `original` sums to; all-zero sets stay zero.
function rescale(perturbed: number[], original: number[]): number[] {
  const sum = perturbed.reduce((a, b) => a + b, 0);
  const total = original.reduce((a, b) => a + b, 0);
  return sum === 0 ? perturbed : perturbed.map((w) => (w * total) / sum);
}

/**
 * A copy of `scheme` with every indicator weight and every dimension weight multiplied by an
 * independent factor `U[1 - spread, 1 + spread]`, then renormalised: indicator weights so that
 * each dimension's set keeps its original total, dimension weights so that they keep theirs.
 * Renormalising does not change any score (the means are scale-free); it keeps the weights
 * readable. Factors are drawn in catalogue order (G1 … P4), then governance, service, resources,
 * participation: 21 numbers per call.
 *
 * Source: INDICATORS.md "Alternatives for what-if and sensitivity".
 *
 * Degenerate cases: a set whose weights are all 0 stays 0. Goalposts, directions and method are
 * copied unchanged. Throws `RangeError` for `spread` outside [0, 1).
 *
 * @example
 * ```ts
 * perturbedScheme(defaultSchemeDefinition(), mulberry32(1), 0.2).dimensions.governance.weight;
 * // a number near 30; the four dimension weights still sum to 100
 * ```
 */
export function perturbedScheme(
  scheme: SchemeDefinition,
  random: () => number,
  spread: number,
): SchemeDefinition {
  if (!(spread >= 0 && spread < 1)) {
    throw new RangeError(`perturbedScheme: spread must lie in [0, 1), got ${spread}`);
  }
  const factor = () => 1 - spread + 2 * spread * random();
  const indicatorFactors = Object.fromEntries(INDICATOR_CODES.map((c) => [c, factor()]));
  const dimensionFactors = DIMENSIONS.map(() => factor());
  const indicators = { ...scheme.indicators };
  for (const d of DIMENSIONS) {
    const codes = DIMENSION_DEFS[d].indicators;
    const original = codes.map((c) => scheme.indicators[c].weight);
    const scaled = rescale(
      codes.map((c, j) => original[j]! * indicatorFactors[c]!),
      original,
    );
    codes.forEach((c, j) => {
      indicators[c] = { ...scheme.indicators[c], weight: scaled[j]! };
    });
  }
  const original = DIMENSIONS.map((d) => scheme.dimensions[d].weight);
  const scaled = rescale(
    original.map((w, j) => w * dimensionFactors[j]!),
    original,
  );
  const dimensions = { ...scheme.dimensions };
  DIMENSIONS.forEach((d, j) => {
    dimensions[d] = { weight: scaled[j]! };
  });
  return { ...scheme, method: { ...scheme.method }, indicators, dimensions };
}

/** Options of {@link rankSensitivity}; defaults in {@link DEFAULT_SENSITIVITY}. */
export interface SensitivityOptions {
  /** Number of Monte Carlo draws, a positive integer. */
  readonly draws?: number;
  /** Seed of {@link mulberry32}. */
  readonly seed?: number;
  /** Half-width of the uniform weight factor: 0.2 gives U[0.8, 1.2]. */
  readonly spread?: number;
}

/**
 * INDICATORS.md's setting: 1,000 draws, factors in [0.8, 1.2], and a fixed seed. The seed value
 * (369) is arbitrary; it only has to stay the same so that a report can be reproduced.
 *
 * @example
 * ```ts
 * DEFAULT_SENSITIVITY; // { draws: 1000, seed: 369, spread: 0.2 }
 * ```
 */
export const DEFAULT_SENSITIVITY: Readonly<Required<SensitivityOptions>> = Object.freeze({
  draws: 1000,
  seed: 369,
  spread: 0.2,
});

/** How one unit's rank behaves under perturbed weights. */
export interface RankSensitivity {
  /** Rank under the unperturbed scheme; `null` when the unit has no index. */
  readonly rank: number | null;
  /** Nearest-rank median of the unit's rank over the draws in which it was ranked. */
  readonly medianRank: number | null;
  /** Nearest-rank 5th percentile: the better end of the 90% rank interval. */
  readonly p5Rank: number | null;
  /** Nearest-rank 95th percentile: the worse end of the 90% rank interval. */
  readonly p95Rank: number | null;
  /** Draws in which the unit had an index (and so a rank). */
  readonly rankedDraws: number;
}

function ranksUnder(
  units: readonly Partial<Record<IndicatorCode, number | null>>[],
  scheme: SchemeDefinition,
): (number | null)[] {
  return competitionRanks(units.map((u) => unitIndex(u, scheme)));
}

/**
 * Rank sensitivity of sibling units to the weights. For each of `draws` draws, every indicator and
 * dimension weight is perturbed ({@link perturbedScheme}); each unit's dimension scores (with the
 * half-weight rule), index (the scheme's aggregation) and competition rank among the units are
 * recomputed from its fixed indicator scores. Reports per unit, in input order, the base rank and
 * the median, 5th and 95th percentile of its draws' ranks, by the nearest-rank method (⌈p·N⌉-th
 * smallest of N ranks, see `nearestRankQuantile`), so each figure is a rank that actually occurred.
 *
 * Source: INDICATORS.md "Alternatives for what-if and sensitivity"; "Rank" for the ranks.
 *
 * Degenerate cases: an empty list gives an empty list. Percentiles are taken over the draws in
 * which the unit had an index (`rankedDraws`); a weight perturbation can move a dimension across
 * the half-weight line, so a unit may be ranked in some draws only. A unit never ranked has `null`
 * median and percentiles. Deterministic for a given seed. Throws `RangeError` for `draws` not a
 * positive integer, a bad seed or spread, or invalid scores or weights.
 *
 * @example
 * ```ts
 * rankSensitivity([scoresA, scoresB, scoresC], defaultSchemeDefinition());
 * // [{ rank: 1, medianRank: 1, p5Rank: 1, p95Rank: 2, rankedDraws: 1000 }, ...]
 * ```
 */
export function rankSensitivity(
  units: readonly Partial<Record<IndicatorCode, number | null>>[],
  scheme: SchemeDefinition,
  options: SensitivityOptions = {},
): RankSensitivity[] {
  const draws = options.draws ?? DEFAULT_SENSITIVITY.draws;
  const seed = options.seed ?? DEFAULT_SENSITIVITY.seed;
  const spread = options.spread ?? DEFAULT_SENSITIVITY.spread;
  if (!Number.isSafeInteger(draws) || draws < 1) {
    throw new RangeError(`rankSensitivity: draws must be a positive integer, got ${draws}`);
  }
  if (!(spread >= 0 && spread < 1)) {
    throw new RangeError(`rankSensitivity: spread must lie in [0, 1), got ${spread}`);
  }
  const random = mulberry32(seed);
  const base = ranksUnder(units, scheme);
  if (units.length === 0) return [];
  const drawn: number[][] = units.map(() => []);
  for (let k = 0; k < draws; k++) {
    ranksUnder(units, perturbedScheme(scheme, random, spread)).forEach((r, i) => {
      if (r !== null) drawn[i]!.push(r);
    });
  }
  return units.map((_, i) => {
    // Sorted once here; the three quantile calls then sort an already sorted array (linear).
    const ranks = drawn[i]!.sort((a, b) => a - b);
    return {
      rank: base[i] ?? null,
      medianRank: nearestRankQuantile(ranks, 0.5),
      p5Rank: nearestRankQuantile(ranks, 0.05),
      p95Rank: nearestRankQuantile(ranks, 0.95),
      rankedDraws: ranks.length,
    };
  });
}
