/**
 * Scoring schemes: which goalposts, weights and method turn indicator values into scores.
 *
 * Source: INDICATORS.md "Scores, dimensions, index" and "Alternatives for what-if and
 * sensitivity"; seed 000 §六 6.2 评估方法 and 6.3 动态调整 (a new scheme is a new version, never an
 * edit of last year's). The catalogue (`catalogue.ts`) holds the 369-default values this file packs
 * into a {@link SchemeDefinition}.
 */

import {
  DIMENSION_DEFS,
  DIMENSIONS,
  type Dimension,
  type Direction,
  INDICATOR_CODES,
  INDICATORS,
  type IndicatorCode,
} from "./catalogue.ts";

/** How values become 0–100 scores: against goalposts, or relative to sibling units. */
export type Normalisation = "goalposts" | "minmax" | "zscore";

/** How the four dimension scores combine into the overall index. */
export type Aggregation = "arithmetic" | "geometric";

/** One indicator's goalposts, weight within its dimension and direction. */
export interface IndicatorSetting {
  target: number;
  floor: number;
  weight: number;
  direction: Direction;
}

/**
 * A complete, plain-data scoring scheme (serialisable; what the schemes table stores).
 *
 * - `responseSlaMinutes`: G3's response time limit.
 * - `method.normalisation`: `goalposts` (INDICATORS.md default), or `minmax` / `zscore` across
 *   sibling units (what-if); `method.aggregation`: arithmetic or geometric mean of dimensions.
 * - `dimensions[d].weight`: weight in the overall index; `indicators[c]`: see {@link IndicatorSetting}.
 */
export interface SchemeDefinition {
  responseSlaMinutes: number;
  method: { normalisation: Normalisation; aggregation: Aggregation };
  dimensions: Record<Dimension, { weight: number }>;
  indicators: Record<IndicatorCode, IndicatorSetting>;
}

/**
 * The "369-default" scheme: G3 limit 60 minutes, goalpost scoring, arithmetic index, dimension
 * weights governance 30 / service 30 / resources 20 / participation 20, and each indicator's
 * target, floor, weight and direction from the INDICATORS.md table.
 *
 * Source: INDICATORS.md "Indicators" and "Scores, dimensions, index".
 *
 * Degenerate cases: none; returns a fresh mutable object on every call, so a what-if may edit its
 * copy without touching the catalogue.
 *
 * @example
 * ```ts
 * const s = defaultSchemeDefinition();
 * s.indicators.G1; // { target: 60, floor: 20, weight: 25, direction: "up" }
 * s.dimensions.resources.weight; // 20
 * ```
 */
export function defaultSchemeDefinition(): SchemeDefinition {
  const dimensions = Object.fromEntries(
    DIMENSIONS.map((d) => [d, { weight: DIMENSION_DEFS[d].weight }]),
  ) as Record<Dimension, { weight: number }>;
  const indicators = Object.fromEntries(
    INDICATOR_CODES.map((code) => {
      const { target, floor, weight, direction } = INDICATORS[code];
      return [code, { target, floor, weight, direction }];
    }),
  ) as Record<IndicatorCode, IndicatorSetting>;
  return {
    responseSlaMinutes: 60,
    method: { normalisation: "goalposts", aggregation: "arithmetic" },
    dimensions,
    indicators,
  };
}

/** Overall grade of an index. */
export type Grade = "excellent" | "good" | "pass" | "fail";

/**
 * Grade thresholds, highest first: ≥ 90 优秀, ≥ 80 良好, ≥ 60 合格, otherwise 不合格. Compared
 * with the unrounded index (INDICATORS.md "Rounding"), so 89.96 is 良好 even though it shows as 90.0.
 *
 * Source: INDICATORS.md "Scores, dimensions, index".
 *
 * @example
 * ```ts
 * GRADE_THRESHOLDS[0]; // { grade: "excellent", labelZh: "优秀", min: 90 }
 * ```
 */
export const GRADE_THRESHOLDS: readonly {
  readonly grade: Grade;
  readonly labelZh: string;
  readonly min: number;
}[] = Object.freeze([
  Object.freeze({ grade: "excellent", labelZh: "优秀", min: 90 } as const),
  Object.freeze({ grade: "good", labelZh: "良好", min: 80 } as const),
  Object.freeze({ grade: "pass", labelZh: "合格", min: 60 } as const),
  Object.freeze({ grade: "fail", labelZh: "不合格", min: Number.NEGATIVE_INFINITY } as const),
]);
