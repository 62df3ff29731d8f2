/**
 * A scheme applied to units: indicator values → indicator scores (goalposts, or min-max / z-score
 * across siblings) → dimension scores → overall index, grade and rank. Composition only; each step
 * is defined in its own module.
 *
 * Source: INDICATORS.md "Scores, dimensions, index" and "Alternatives for what-if and
 * sensitivity"; seed 000 §六 6.1–6.2.
 */

import { type Aggregate, grade, overallIndex, renormalisedMean } from "./aggregate.ts";
import {
  DIMENSION_DEFS,
  DIMENSIONS,
  type Dimension,
  INDICATOR_CODES,
  type IndicatorCode,
} from "./catalogue.ts";
import { minMaxScores, zScoreScores } from "./normalise.ts";
import { competitionRanks } from "./rank.ts";
import { type Grade, goalpostsFor, type SchemeDefinition, type UnitProfile } from "./scheme.ts";
import { goalpostScore } from "./score.ts";
import { type AssessmentInput, type TotalResult, totalOf } from "./total.ts";

/** Indicator values of one unit by code; an absent code or `null` is "no value". */
export type IndicatorValues = Partial<Record<IndicatorCode, number | null>>;

/** Indicator scores (0–100) of one unit by code; `null` is "no score". */
export type IndicatorScores = Record<IndicatorCode, number | null>;

/**
 * Scores every indicator of a set of sibling units under a scheme's normalisation:
 * `goalposts` scores each value against the scheme's target and floor (`goalpostScore`);
 * `minmax` and `zscore` score each indicator relative to the same indicator of the other units
 * in the list (`minMaxScores`, `zScoreScores`), ignoring target and floor.
 *
 * Source: INDICATORS.md "Scores, dimensions, index" and "Alternatives for what-if and sensitivity".
 *
 * With `profiles` (each unit's level and urban flag, same order), goalposts are the unit's own
 * ({@link goalpostsFor}: the scheme's `targetOverrides`); without, the indicator's.
 *
 * Degenerate cases: an absent or `null` value scores `null`; an empty list gives an empty list.
 * With `minmax`/`zscore` the result depends on which siblings are passed: a single unit scores 100
 * (min-max) or 50 (z-score) on every indicator with a value. Throws `RangeError` as the scoring
 * function does (NaN value, unusable goalposts).
 *
 * @example
 * ```ts
 * const scheme = defaultSchemeDefinition();
 * scoreIndicators([{ G1: 40, S1: 72 }], scheme)[0]; // { G1: 50, S1: 50, G2: null, ... }
 * ```
 */
export function scoreIndicators(
  units: readonly IndicatorValues[],
  scheme: SchemeDefinition,
  profiles?: readonly (UnitProfile | undefined)[],
): IndicatorScores[] {
  const out = units.map(() => ({}) as IndicatorScores);
  for (const code of INDICATOR_CODES) {
    const setting = scheme.indicators[code];
    const values = units.map((u) => u[code] ?? null);
    const scores =
      scheme.method.normalisation === "goalposts"
        ? values.map((v, i) => goalpostScore(v, goalpostsFor(scheme, code, profiles?.[i])))
        : scheme.method.normalisation === "minmax"
          ? minMaxScores(values, setting.direction)
          : zScoreScores(values, setting.direction);
    scores.forEach((s, i) => {
      out[i]![code] = s;
    });
  }
  return out;
}

/** A unit's dimension scores, index and grade, with what is missing. */
export interface UnitEvaluation {
  readonly dimensions: Readonly<Record<Dimension, Aggregate<IndicatorCode>>>;
  readonly index: number | null;
  readonly grade: Grade | null;
  /** True when the unit has an index (every dimension has a score). */
  readonly complete: boolean;
  /** Indicators without a score, in catalogue order. */
  readonly missing: IndicatorCode[];
  /** Dimensions without a score (the reason a unit has no index). */
  readonly missingDimensions: Dimension[];
}

/**
 * Aggregates one unit's indicator scores: each dimension is the renormalised weighted mean of its
 * indicators' scores (no score when less than half the dimension's weight is available), the index
 * the scheme's arithmetic or geometric weighted mean of the four dimensions (no index when any is
 * missing), and the grade of the index.
 *
 * Source: INDICATORS.md "Scores, dimensions, index"; seed 000 §六 6.1.
 *
 * Degenerate cases: absent codes count as `null`; a unit with no scores at all has every dimension
 * `null`, no index, no grade and `complete: false`. Throws `RangeError` for a negative weight or
 * a NaN score.
 *
 * @example
 * ```ts
 * const e = evaluateUnit({ G1: 50, G2: 100, S1: 80, S2: 60, R1: 100, R3: 50, P1: 70, P2: 90 },
 *   defaultSchemeDefinition());
 * e.dimensions.governance.score; // 75   (G1, G2: 25 + 25 of 100, exactly half)
 * e.dimensions.resources.score; // 81.81…  ((100·35 + 50·20) / 55; 55 of 100 available)
 * e.dimensions.service.score; // null (S1, S2: 20 + 25 = 45 of 100, less than half)
 * e.index; // null, e.missingDimensions: ["service"]
 * ```
 */
export function evaluateUnit(
  scores: Partial<Record<IndicatorCode, number | null>>,
  scheme: SchemeDefinition,
): UnitEvaluation {
  const dims = DIMENSIONS.map((d) => dimensionScore(scores, d, scheme));
  const index = indexOf(dims, scheme);
  return {
    dimensions: Object.fromEntries(DIMENSIONS.map((d, i) => [d, dims[i]!])) as Record<
      Dimension,
      Aggregate<IndicatorCode>
    >,
    index: index.score,
    grade: grade(index.score),
    complete: index.score !== null,
    missing: INDICATOR_CODES.filter((code) => (scores[code] ?? null) === null),
    missingDimensions: index.missing,
  };
}

function dimensionScore(
  scores: Partial<Record<IndicatorCode, number | null>>,
  dimension: Dimension,
  scheme: SchemeDefinition,
): Aggregate<IndicatorCode> {
  return renormalisedMean(
    DIMENSION_DEFS[dimension].indicators.map((code) => ({
      key: code,
      score: scores[code] ?? null,
      weight: scheme.indicators[code].weight,
    })),
  );
}

function indexOf(dims: readonly Aggregate<IndicatorCode>[], scheme: SchemeDefinition) {
  return overallIndex(
    DIMENSIONS.map((d, i) => ({
      key: d,
      score: dims[i]!.score,
      weight: scheme.dimensions[d].weight,
    })),
    scheme.method.aggregation,
  );
}

/**
 * A unit's overall index alone: what {@link evaluateUnit} gives as `index`, without building the
 * rest of the evaluation. For loops that only need the index (the 1,000 draws of the sensitivity
 * analysis).
 *
 * Source: INDICATORS.md "Scores, dimensions, index".
 *
 * Degenerate cases: as {@link evaluateUnit}: `null` when any dimension has no score.
 *
 * @example
 * ```ts
 * unitIndex({ G1: 100, G2: 100, S1: 100, S2: 100, S3: 100, R1: 100, R2: 100, P1: 100, P2: 100 },
 *   defaultSchemeDefinition()); // 100
 * ```
 */
export function unitIndex(
  scores: Partial<Record<IndicatorCode, number | null>>,
  scheme: SchemeDefinition,
): number | null {
  return indexOf(
    DIMENSIONS.map((d) => dimensionScore(scores, d, scheme)),
    scheme,
  ).score;
}

/**
 * One sibling's scores, evaluation, total (with its assessor score and adjustment) and rank among
 * the siblings passed together. `grade` is the grade of the total; `indexGrade` that of the index.
 */
export interface SiblingEvaluation extends UnitEvaluation, TotalResult {
  readonly scores: IndicatorScores;
  readonly rank: number | null;
  readonly indexGrade: Grade | null;
}

/** What {@link evaluateSiblings} may know about each unit besides its values (same order). */
export interface SiblingOptions {
  /** Level and urban flag: the goalposts of `targetOverrides`. */
  readonly profiles?: readonly (UnitProfile | undefined)[];
  /** The assessor's scores and points: the total. */
  readonly assessments?: readonly (AssessmentInput | undefined)[];
}

/**
 * Evaluates a set of sibling units under a scheme: `scoreIndicators` across the set, then
 * `evaluateUnit` for each, then `totalOf` (index, assessor score, adjustment), then
 * `competitionRanks` of their totals (ties share a rank, units with no total are unranked) and
 * the grade of the total. The what-if and the ranking tables are this call. Under the default
 * scheme (w = 0, no items) and without assessments, the total is the index.
 *
 * Source: INDICATORS.md "Scores, dimensions, index" ("Total", "Grade", "Rank": among siblings by
 * total).
 *
 * Degenerate cases: as the three steps; an empty list gives an empty list, a single complete unit
 * ranks 1.
 *
 * @example
 * ```ts
 * evaluateSiblings([a, b, c], defaultSchemeDefinition()).map((e) => e.rank); // e.g. [2, 1, null]
 * ```
 */
export function evaluateSiblings(
  units: readonly IndicatorValues[],
  scheme: SchemeDefinition,
  options: SiblingOptions = {},
): SiblingEvaluation[] {
  const scores = scoreIndicators(units, scheme, options.profiles);
  const evaluations = scores.map((s, i) => {
    const e = evaluateUnit(s, scheme);
    return { ...e, ...totalOf(e.index, scheme, options.assessments?.[i]) };
  });
  const ranks = competitionRanks(evaluations.map((e) => e.total));
  return evaluations.map((e, i) => ({
    ...e,
    grade: grade(e.total),
    indexGrade: e.grade,
    scores: scores[i]!,
    rank: ranks[i] ?? null,
  }));
}
