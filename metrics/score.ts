/**
 * Goalpost scoring of one indicator value, and the traffic-light status of a score.
 *
 * Source: INDICATORS.md "Scores, dimensions, index"; seed 000 §六 6.1–6.3 (a red indicator is
 * what starts the 收集-分析-整改-反馈 loop).
 */

import type { Direction } from "./catalogue.ts";

/** The goalposts of one indicator: value at which it scores 100 (`target`) and 0 (`floor`). */
export interface Goalposts {
  readonly target: number;
  readonly floor: number;
  readonly direction: Direction;
}

/**
 * Goalpost score of a value on 0–100.
 *
 * - ↑ (`up`): `clamp((v - floor) / (target - floor), 0, 1) × 100`
 * - ↓ (`down`): `clamp((floor - v) / (floor - target), 0, 1) × 100`
 *
 * At or beyond the target the score is exactly 100; at or beyond the floor it is 0.
 *
 * Source: INDICATORS.md "Scores, dimensions, index" ("Indicator score"), goalposts from the
 * "Indicators" table; seed 000 §六 6.1.
 *
 * Degenerate cases: `null` value → `null` score ("no value, no score"). Throws `RangeError` when the
 * value is NaN or infinite, or the goalposts are unusable: not finite, `target === floor` (division by
 * zero), or on the wrong side of each other for the direction (↑ needs `target > floor`, ↓ needs
 * `target < floor`; otherwise a better value would score lower).
 *
 * @example
 * ```ts
 * goalpostScore(40, { target: 60, floor: 20, direction: "up" }); // 50  (G1: (40-20)/(60-20))
 * goalpostScore(72, { target: 24, floor: 120, direction: "down" }); // 50  (S1: (120-72)/(120-24))
 * goalpostScore(99, { target: 95, floor: 70, direction: "up" }); // 100 (clamped)
 * goalpostScore(null, { target: 95, floor: 70, direction: "up" }); // null
 * ```
 */
export function goalpostScore(value: number | null, goalposts: Goalposts): number | null {
  const { target, floor, direction } = goalposts;
  if (!Number.isFinite(target) || !Number.isFinite(floor) || !Number.isFinite(target - floor)) {
    throw new RangeError(`goalpostScore: target and floor must be finite, got ${target}, ${floor}`);
  }
  if (direction === "up" ? !(target > floor) : !(target < floor)) {
    throw new RangeError(
      `goalpostScore: direction "${direction}" needs target ${direction === "up" ? ">" : "<"} floor, got target ${target}, floor ${floor}`,
    );
  }
  if (value === null) return null;
  if (!Number.isFinite(value)) {
    throw new RangeError(`goalpostScore: value must be finite, got ${value}`);
  }
  const share =
    direction === "up" ? (value - floor) / (target - floor) : (floor - value) / (floor - target);
  return Math.min(Math.max(share, 0), 1) * 100;
}

/** Traffic-light status of an indicator: target met, within reach, or needing rectification. */
export type Status = "green" | "amber" | "red";

/**
 * Status of an indicator score: `green` when the score is 100 (target met), `amber` when
 * 60 ≤ score < 100, `red` below 60. Uses the unrounded score, so 99.96 (shown as 100.0) is amber.
 *
 * Source: INDICATORS.md "Scores, dimensions, index" ("Status of an indicator").
 *
 * Degenerate cases: `null` score → `null` status. Throws `RangeError` for NaN or a score outside
 * [0, 100], which no scoring function produces.
 *
 * @example
 * ```ts
 * status(100); // "green"
 * status(60); // "amber"
 * status(59.99); // "red"
 * status(null); // null
 * ```
 */
export function status(score: number | null): Status | null {
  if (score === null) return null;
  if (!(score >= 0 && score <= 100)) {
    throw new RangeError(`status: score must lie in [0, 100], got ${score}`);
  }
  if (score === 100) return "green";
  return score >= 60 ? "amber" : "red";
}
