/**
 * UnitResults (CONTRACT.md) from subtree figures and a scheme: values, scores, statuses,
 * dimensions, index, grade, rank among siblings, plus the shown-but-not-scored figures. Scoring is
 * metrics' `evaluateSiblings`; nothing here re-implements a formula of INDICATORS.md.
 */
import {
  DIMENSIONS,
  type Dimension,
  evaluateSiblings,
  GRADE_THRESHOLDS,
  INDICATOR_CODES,
  type IndicatorCode,
  type SchemeDefinition,
  type SiblingEvaluation,
  status,
  surveyStatsFromSums,
} from "../../metrics/index.ts";
import type { CaseChannel, CaseKind } from "../db/tables/case-record.ts";
import type { OrgLevel } from "../db/tables/org-unit.ts";
import type { UnitRef } from "../org-tree/queries.ts";
import type { HandlingHours } from "./engine.ts";
import {
  figuresOf,
  type IndicatorFigures,
  indicatorFigures,
  type QuarterFigures,
  type UnitFigures,
  valuesOf,
} from "./values.ts";

export interface IndicatorResult {
  code: IndicatorCode;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  score: number | null;
  status: "green" | "amber" | "red" | null;
  target: number;
  floor: number;
  /** The previous quarter's value (环比). */
  previous: number | null;
  /** The same quarter's value a year earlier (同比). */
  lastYear: number | null;
}

export interface SurveyResult {
  n: number;
  insufficient: boolean;
  score: number | null;
  scoreCi: [number, number] | null;
  satisfactionRate: number | null;
  satisfactionCi: [number, number] | null;
}

export interface UnitResult {
  code: string;
  name: string;
  level: OrgLevel;
  index: number | null;
  grade: GradeLabel | null;
  rank: number | null;
  complete: boolean;
  /** Dimensions without a score: why there is no index. */
  missing: Dimension[];
  /** Indicators without a value or score. */
  missingIndicators: IndicatorCode[];
  dimensions: Record<Dimension, { score: number | null }>;
  indicators: IndicatorResult[];
  survey: SurveyResult;
  handlingHours: HandlingHours;
  counts: { byKind: Record<CaseKind, number>; byChannel: Record<CaseChannel, number> };
}

/** Figures of one period for every unit the answer needs. */
export interface PeriodFigures {
  current: QuarterFigures;
  previous: QuarterFigures;
  lastYear: QuarterFigures;
}

/** A grade as the API shows it (INDICATORS.md: ≥ 90 优秀, ≥ 80 良好, ≥ 60 合格, < 60 不合格). */
export type GradeLabel = "优秀" | "良好" | "合格" | "不合格";

// metrics names grades in English ("excellent"…); the API and pages show the Chinese labels.
const GRADE_LABEL = new Map(GRADE_THRESHOLDS.map((t) => [t.grade, t.labelZh as GradeLabel]));

/**
 * G4's figures from survey sums: mean score with `mean ± 1.96 s / √n` (s from Σx and Σx²), the
 * satisfaction rate with its Wilson interval in %, and the n < 30 flag (INDICATORS.md "Survey
 * score"). The interval needs n ≥ 2; the rate needs a response that answered the overall item.
 */
export function surveyResult(f: UnitFigures): SurveyResult {
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

/** Evaluates sibling units under a scheme (their scores may depend on each other: min-max, z). */
export function evaluateUnits(
  units: readonly UnitRef[],
  figures: QuarterFigures,
  scheme: SchemeDefinition,
): { figures: IndicatorFigures[]; evaluations: SiblingEvaluation[] } {
  const all = units.map((u) => indicatorFigures(figuresOf(figures, u.id), figures.quarter.quarter));
  return { figures: all, evaluations: evaluateSiblings(all.map(valuesOf), scheme) };
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
  const indicators = INDICATOR_CODES.map((code): IndicatorResult => {
    const score = evaluation.scores[code];
    return {
      code,
      value: figures[code].value,
      numerator: figures[code].numerator,
      denominator: figures[code].denominator,
      score,
      status: status(score),
      target: scheme.indicators[code].target,
      floor: scheme.indicators[code].floor,
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
  };
}
