/**
 * Relative normalisations across sibling units, the what-if alternatives to goalpost scoring.
 * Each maps one indicator's values for a set of siblings to 0–100 scores usable wherever a goalpost
 * score is (dimension means, index, sensitivity).
 *
 * Source: INDICATORS.md "Alternatives for what-if and sensitivity" ("Normalisation across sibling
 * units: min-max … and z-score"); seed 000 §六 6.2 评估方法.
 */

import type { Direction } from "./catalogue.ts";

interface Present {
  readonly xs: number[];
  readonly min: number;
  readonly max: number;
}

function present(fn: string, values: readonly (number | null)[]): Present {
  const xs: number[] = [];
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  values.forEach((v, at) => {
    if (v === null) return;
    if (!Number.isFinite(v)) {
      throw new RangeError(`${fn}: value at ${at} must be finite or null, got ${v}`);
    }
    xs.push(v);
    min = Math.min(min, v);
    max = Math.max(max, v);
  });
  return { xs, min, max };
}

/**
 * Min-max scores across siblings: ↑ `(v - min) / (max - min) × 100`, ↓ `(max - v) / (max - min) ×
 * 100`, with min and max over the non-null values. The best sibling scores 100, the worst 0.
 *
 * Source: INDICATORS.md "Alternatives for what-if and sensitivity".
 *
 * Degenerate cases: `null` values stay `null` and do not enter min or max; an empty list gives an
 * empty list. When all non-null values are equal (including a single value) every one scores 100:
 * no sibling falls short of another, and 100 rather than 0 or 50 keeps a unit that matches its
 * siblings from being marked red. Throws `RangeError` for NaN or an infinite value.
 *
 * @example
 * ```ts
 * minMaxScores([20, 40, null, 60], "up"); // [0, 50, null, 100]
 * minMaxScores([20, 40, 60], "down"); // [100, 50, 0]
 * minMaxScores([7, 7], "up"); // [100, 100]
 * ```
 */
export function minMaxScores(
  values: readonly (number | null)[],
  direction: Direction,
): (number | null)[] {
  const { min, max } = present("minMaxScores", values);
  return values.map((v) => {
    if (v === null) return null;
    if (max === min) return 100;
    const share = direction === "up" ? (v - min) / (max - min) : (max - v) / (max - min);
    // Guards against max - min overflowing to Infinity for extreme inputs.
    return Math.min(Math.max(share, 0), 1) * 100;
  });
}

/**
 * Z-score scores across siblings, on the T-score scale: `clamp(50 + 10 z, 0, 100)` with
 * `z = (v - mean) / s` (↑) or `(mean - v) / s` (↓), `s` the sample standard deviation (n - 1, as R's
 * `scale()`). The sibling average scores 50, one standard deviation better 60; the clamp only bites
 * beyond 5 standard deviations. Scores are relative: 50 means "average", not "half-way to target".
 *
 * Source: INDICATORS.md "Alternatives for what-if and sensitivity".
 *
 * Degenerate cases: `null` values stay `null` and do not enter mean or s; an empty list gives an
 * empty list. With fewer than two non-null values, or all equal (s = 0), every value is the mean
 * and scores 50 (z = 0). Throws `RangeError` for NaN or an infinite value.
 *
 * @example
 * ```ts
 * zScoreScores([10, 20, 30], "up"); // [40, 50, 60]   (mean 20, s 10)
 * zScoreScores([10, 20, 30], "down"); // [60, 50, 40]
 * zScoreScores([5, null], "up"); // [50, null]
 * ```
 */
export function zScoreScores(
  values: readonly (number | null)[],
  direction: Direction,
): (number | null)[] {
  const { xs, min, max } = present("zScoreScores", values);
  const n = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const s = n < 2 ? 0 : Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1));
  // Equal values are tested directly: their computed mean can be off by an ulp, which would give a
  // tiny s and turn rounding noise into z = ±1.
  const flat = min === max || !(s > 0) || !Number.isFinite(s);
  return values.map((v) => {
    if (v === null) return null;
    if (flat) return 50;
    const z = (direction === "up" ? v - mean : mean - v) / s;
    return Math.min(Math.max(50 + 10 * z, 0), 100);
  });
}
