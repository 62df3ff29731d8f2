/**
 * UnitResults (CONTRACT.md) from subtree figures and a scheme: values, scores, statuses,
 * dimensions, index, grade, rank among siblings, plus the shown-but-not-scored figures. Scoring is
 * metrics' `evaluateSiblings`; nothing here re-implements a formula of INDICATORS.md.
 */
import {
  type AssessmentInput,
  DIMENSIONS,
  type Dimension,
  evaluateSiblings,
  GRADE_THRESHOLDS,
  goalpostsFor,
  INDICATOR_CODES,
  type SchemeDefinition,
  type SiblingEvaluation,
  status,
  surveyStatsFromSums,
  type UnitProfile,
} from "../../metrics/index.ts";
import { isUrbanUnit } from "../../shapes/org-levels.ts";
import type { SurveySampleSummary } from "../../shapes/survey-stats.ts";
import type {
  GradeLabel,
  HandlingHours,
  IndicatorResult,
  UnitResult,
} from "../../shapes/unit-result.ts";
import type { UnitRef } from "../org-tree/queries.ts";
import {
  figuresOf,
  type IndicatorFigures,
  indicatorFigures,
  type QuarterFigures,
  type UnitFigures,
  valuesOf,
} from "./values.ts";

/** Figures of one period for every unit the answer needs. */
export interface PeriodFigures {
  current: QuarterFigures;
  previous: QuarterFigures;
  lastYear: QuarterFigures;
}

// metrics names grades in English ("excellent"…); the API and pages show the Chinese labels.
const GRADE_LABEL = new Map<string, GradeLabel>(GRADE_THRESHOLDS.map((t) => [t.grade, t.labelZh]));

/**
 * G4's figures from survey sums: mean score with `mean ± 1.96 s / √n` (s from Σx and Σx²), the
 * satisfaction rate with its Wilson interval in %, and the n < 30 flag (INDICATORS.md "Survey
 * score"). The interval needs n ≥ 2; the rate needs a response that answered the overall item.
 */
export function surveyResult(f: UnitFigures): SurveySampleSummary {
  const st = surveyStatsFromSums(f.survey);
  return {
    n: st.n,
    insufficient: st.insufficient,
    score: st.score,
    scoreCi: st.scoreCi,
    satisfactionRate: st.satisfactionRate,
    satisfactionCi: st.satisfactionCi,
  };
}

/** What the goalposts of a unit depend on: its level and urban flag (see `isUrbanUnit`). */
export function profileOf(unit: Pick<UnitRef, "level" | "urban">): UnitProfile {
  return { level: unit.level, urban: isUrbanUnit(unit.level, unit.urban) };
}

/**
 * Evaluates sibling units under a scheme (their scores may depend on each other: min-max, z):
 * each with its own goalposts (the scheme's `targetOverrides` by level and urban/rural) and, when
 * `assessments` (by unit id) are given, its total from the assessor's scores and points; ranked
 * by total.
 */
export function evaluateUnits(
  units: readonly UnitRef[],
  figures: QuarterFigures,
  scheme: SchemeDefinition,
  assessments?: ReadonlyMap<number, AssessmentInput>,
): { figures: IndicatorFigures[]; evaluations: SiblingEvaluation[] } {
  const all = units.map((u) => indicatorFigures(figuresOf(figures, u.id), figures.quarter.quarter));
  return {
    figures: all,
    evaluations: evaluateSiblings(all.map(valuesOf), scheme, {
      profiles: units.map(profileOf),
      assessments: units.map((u) => assessments?.get(u.id)),
    }),
  };
}

/** One UnitResult from its evaluation among its siblings. */
export function unitResult(
  unit: UnitRef,
  figures: IndicatorFigures,
  evaluation: SiblingEvaluation,
  period: PeriodFigures,
  scheme: SchemeDefinition,
  hours: HandlingHours,
): UnitResult {
  const f = figuresOf(period.current, unit.id);
  const previous = indicatorFigures(
    figuresOf(period.previous, unit.id),
    period.previous.quarter.quarter,
  );
  const lastYear = indicatorFigures(
    figuresOf(period.lastYear, unit.id),
    period.lastYear.quarter.quarter,
  );
  const profile = profileOf(unit);
  const indicators = INDICATOR_CODES.map((code): IndicatorResult => {
    const score = evaluation.scores[code];
    const goalposts = goalpostsFor(scheme, code, profile);
    return {
      code,
      value: figures[code].value,
      numerator: figures[code].numerator,
      denominator: figures[code].denominator,
      score,
      status: status(score),
      target: goalposts.target,
      floor: goalposts.floor,
      previous: previous[code].value,
      lastYear: lastYear[code].value,
    };
  });
  const dimensions = Object.fromEntries(
    DIMENSIONS.map((d) => [d, { score: evaluation.dimensions[d].score }]),
  ) as Record<Dimension, { score: number | null }>;
  return {
    code: unit.code,
    name: unit.name,
    level: unit.level,
    index: evaluation.index,
    grade: evaluation.grade === null ? null : (GRADE_LABEL.get(evaluation.grade) ?? null),
    rank: evaluation.rank,
    complete: evaluation.complete,
    missing: [...evaluation.missingDimensions],
    missingIndicators: INDICATOR_CODES.filter((c) => evaluation.scores[c] === null),
    dimensions,
    indicators,
    survey: surveyResult(f),
    handlingHours: hours,
    counts: { byKind: { ...f.cases.byKind }, byChannel: { ...f.cases.byChannel } },
    assessorScore: evaluation.assessorScore,
    adjustment: evaluation.adjustment,
    total: evaluation.total,
    provisional: evaluation.provisional,
  };
}
