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

/** A qualitative item the assessor scores 0–100 (制度建设, 台账规范, 群众评议…); `weight` > 0. */
export interface AssessorItem {
  code: string;
  name: string;
  weight: number;
}

/** A bonus (加分) or penalty (减分) item: at most `maxPoints` (> 0) points each quarter. */
export interface AdjustmentItem {
  code: string;
  name: string;
  kind: "bonus" | "penalty";
  maxPoints: number;
}

/**
 * Goalposts of one indicator for the units that match: `level` (an org level) and/or `urban`
 * (true urban, false rural); an override naming neither applies to every unit.
 */
export interface TargetOverride {
  indicator: IndicatorCode;
  level?: string;
  urban?: boolean;
  target: number;
  floor: number;
}

/**
 * A complete, plain-data scoring scheme (serialisable; what the schemes table stores).
 *
 * - `responseSlaMinutes`: G3's response time limit.
 * - `method.normalisation`: `goalposts` (INDICATORS.md default), or `minmax` / `zscore` across
 *   sibling units (what-if); `method.aggregation`: arithmetic or geometric mean of dimensions.
 * - `dimensions[d].weight`: weight in the overall index; `indicators[c]`: see {@link IndicatorSetting}.
 * - `assessorItems`, `adjustmentItems`, `assessorWeight` (w, 0–0.5), `adjustmentCap` (points):
 *   the assessor's part of the total (INDICATORS.md "Assessor score", "Adjustment", "Total").
 * - `targetOverrides`: goalposts by level and urban/rural ({@link goalpostsFor}).
 * - `returnsDueDay`, `appealsDueDay`, `rectificationDays`: the cycle's days (CYCLE.md timeline).
 */
export interface SchemeDefinition {
  responseSlaMinutes: number;
  method: { normalisation: Normalisation; aggregation: Aggregation };
  dimensions: Record<Dimension, { weight: number }>;
  indicators: Record<IndicatorCode, IndicatorSetting>;
  assessorItems: AssessorItem[];
  adjustmentItems: AdjustmentItem[];
  assessorWeight: number;
  adjustmentCap: number;
  targetOverrides: TargetOverride[];
  returnsDueDay: number;
  appealsDueDay: number;
  rectificationDays: number;
}

/**
 * The assessment and cycle fields of the "369-default" scheme: no assessor or adjustment items,
 * w = 0, cap 5 points, no overrides, days 10 / 15 / 30 (CYCLE.md "Assessor scores"). A stored
 * definition written before these fields existed reads as these values.
 */
export const DEFAULT_CYCLE_FIELDS = Object.freeze({
  assessorWeight: 0,
  adjustmentCap: 5,
  returnsDueDay: 10,
  appealsDueDay: 15,
  rectificationDays: 30,
});

/** What an indicator's goalposts depend on about a unit: its level and urban (true) or rural. */
export interface UnitProfile {
  readonly level: string;
  readonly urban: boolean | null;
}

/**
 * The goalposts of indicator `code` for a unit: the most specific of the scheme's
 * `targetOverrides` that matches the unit (level and urban, then level, then urban, then an
 * override naming neither), else the indicator's own. An override naming `urban` never matches a
 * unit whose urban flag is unknown (`null`).
 *
 * Source: INDICATORS.md "Scores, dimensions, index" ("Targets and floors may differ by level and
 * by urban/rural").
 *
 * @example
 * ```ts
 * // overrides R2 {level: "village", target: 12, floor: 5}, R2 {urban: false, target: 14, floor: 6}
 * goalpostsFor(s, "R2", { level: "village", urban: false }); // target 12, floor 5
 * goalpostsFor(s, "R2", { level: "community", urban: false }); // target 14, floor 6
 * goalpostsFor(s, "R2", { level: "community", urban: true }); // target 18, floor 8 (own)
 * ```
 */
export function goalpostsFor(
  scheme: Pick<SchemeDefinition, "indicators" | "targetOverrides">,
  code: IndicatorCode,
  unit: UnitProfile | undefined,
): IndicatorSetting {
  const own = scheme.indicators[code];
  const overrides = scheme.targetOverrides ?? [];
  if (unit === undefined || overrides.length === 0) return own;
  let best: TargetOverride | null = null;
  let bestRank = -1;
  for (const o of overrides) {
    if (o.indicator !== code) continue;
    if (o.level !== undefined && o.level !== unit.level) continue;
    if (o.urban !== undefined && o.urban !== unit.urban) continue;
    const rank = (o.level !== undefined ? 2 : 0) + (o.urban !== undefined ? 1 : 0);
    if (rank > bestRank) {
      best = o;
      bestRank = rank;
    }
  }
  return best === null ? own : { ...own, target: best.target, floor: best.floor };
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
    assessorItems: [],
    adjustmentItems: [],
    targetOverrides: [],
    ...DEFAULT_CYCLE_FIELDS,
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
