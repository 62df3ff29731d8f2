/**
 * Satisfaction survey maths: a response's 0–100 score (the input of G4), satisfaction, internal
 * consistency (Cronbach's alpha) and the per-sample summary the survey statistics show.
 *
 * Source: INDICATORS.md "Survey score" and "Indicators" (satisfaction rate, shown not scored);
 * seed 000 §六 6.1 群众满意度 and 6.2 定性评估 (问卷调查).
 */

import { meanWithInterval, wilsonInterval, Z95 } from "./intervals.ts";
import { mean, sampleVariance } from "./statistics.ts";

/**
 * The five-point items of the default satisfaction survey (answer names of survey `satisfaction`),
 * in questionnaire order.
 *
 * @example
 * ```ts
 * SURVEY_ITEMS.includes("attitude"); // true
 * ```
 */
export const SURVEY_ITEMS = [
  "overall",
  "timeliness",
  "effectiveness",
  "transparency",
  "attitude",
] as const;

/** One five-point item: overall 总体, timeliness 时效, effectiveness 解决效果, transparency 沟通透明, attitude 服务态度. */
export type SurveyItem = (typeof SURVEY_ITEMS)[number];

/** A response's answers: 1 (非常不满意) … 5 (非常满意); an unanswered item is absent or `null`. */
export type SurveyAnswers = { readonly [K in SurveyItem]?: number | null };

function answered(fn: string, answers: SurveyAnswers): number[] {
  const out: number[] = [];
  for (const item of SURVEY_ITEMS) {
    const a = answers[item];
    if (a === undefined || a === null) continue;
    if (!Number.isInteger(a) || a < 1 || a > 5) {
      throw new RangeError(`${fn}: ${item} must be an integer 1–5, got ${a}`);
    }
    out.push(a);
  }
  return out;
}

/**
 * A response's score: the mean of its answered five-point items mapped to 0–100,
 * `(mean - 1) / 4 × 100` (all 5 → 100, all 1 → 0, all 3 → 50).
 *
 * Source: INDICATORS.md "Survey score"; seed 000 §六 6.1 群众满意度.
 *
 * Degenerate cases: `null` when no item is answered (the response does not count). Throws
 * `RangeError` for an answer that is not an integer from 1 to 5 (answers are validated at ingest).
 *
 * @example
 * ```ts
 * responseScore({ overall: 5, timeliness: 4, attitude: 3 }); // 75  ((4 - 1) / 4 × 100)
 * responseScore({ overall: null }); // null
 * ```
 */
export function responseScore(answers: SurveyAnswers): number | null {
  const xs = answered("responseScore", answers);
  if (xs.length === 0) return null;
  return ((xs.reduce((a, b) => a + b, 0) / xs.length - 1) / 4) * 100;
}

/**
 * Whether a response counts as satisfied: its overall item is 4 (满意) or 5 (非常满意).
 *
 * Source: INDICATORS.md "Indicators" ("satisfaction rate (share of responses whose overall item is
 * 4 or 5 …)").
 *
 * Degenerate cases: `null` when the overall item is unanswered (neither satisfied nor not).
 * Throws `RangeError` for an answer that is not an integer from 1 to 5.
 *
 * @example
 * ```ts
 * isSatisfied({ overall: 4 }); // true
 * isSatisfied({ overall: 3, attitude: 5 }); // false
 * isSatisfied({ attitude: 5 }); // null
 * ```
 */
export function isSatisfied(answers: SurveyAnswers): boolean | null {
  const [overall] = answered("isSatisfied", { overall: answers.overall });
  return overall === undefined ? null : overall >= 4;
}

/**
 * Cronbach's alpha of a set of items: `α = k / (k - 1) × (1 - Σ sᵢ² / s_T²)`, `k` the number of
 * items (columns), `sᵢ²` each item's sample variance and `s_T²` the variance of the respondents'
 * total scores, over complete responses (rows with no `null`) only.
 *
 * Source: Cronbach (1951), Psychometrika 16:297; reported with the survey statistics as evidence
 * the questionnaire is consistent (seed 000 §六 6.2 定性评估).
 *
 * Degenerate cases: `null` with fewer than 2 items, fewer than 2 complete responses, or zero
 * total variance (everyone gave the same total). Alpha can be negative when items disagree. Throws
 * `RangeError` when rows differ in length, or for NaN or an infinite value.
 *
 * @example
 * ```ts
 * cronbachAlpha([[1, 1], [2, 2], [3, 3]]); // 1     (perfectly consistent)
 * cronbachAlpha([[1, 3], [2, 2], [3, 1]]); // null  (totals all 4: zero variance)
 * cronbachAlpha([[4, 5, 4], [2, 3, 3], [5, 5, 4], [3, 2, 2]]); // 0.9121…  (k 3, Σsᵢ² 4.833, s_T² 12.333)
 * ```
 */
export function cronbachAlpha(matrix: readonly (readonly (number | null)[])[]): number | null {
  const k = matrix[0]?.length ?? 0;
  matrix.forEach((row, r) => {
    if (row.length !== k) {
      throw new RangeError(`cronbachAlpha: row ${r} has ${row.length} items, row 0 has ${k}`);
    }
    row.forEach((x, c) => {
      if (x !== null && !Number.isFinite(x)) {
        throw new RangeError(
          `cronbachAlpha: value at [${r}][${c}] must be finite or null, got ${x}`,
        );
      }
    });
  });
  const complete = matrix.filter((row) => row.every((x) => x !== null)) as (readonly number[])[];
  if (k < 2 || complete.length < 2) return null;
  const totalVariance = sampleVariance(complete.map((row) => row.reduce((a, b) => a + b, 0)));
  if (totalVariance === null || totalVariance === 0) return null;
  let itemVariances = 0;
  for (let c = 0; c < k; c++) itemVariances += sampleVariance(complete.map((row) => row[c]!)) ?? 0;
  return (k / (k - 1)) * (1 - itemVariances / totalVariance);
}

/** Statistics of one sample of survey responses (one unit and quarter, or one group of them). */
export interface SurveySummary {
  /** Responses that count (at least one item answered). */
  readonly n: number;
  /** G4: mean response score, 0–100. */
  readonly score: number | null;
  /** 95% interval of `score`; `null` when n < 2. */
  readonly scoreCi: readonly [number, number] | null;
  /** Satisfied share in %, 0–100, of the responses that answered the overall item. */
  readonly satisfactionRate: number | null;
  /** Wilson 95% interval of `satisfactionRate`, in % (0–100). */
  readonly satisfactionCi: readonly [number, number] | null;
  /** n < 30: shown, but flagged as an insufficient sample. */
  readonly insufficient: boolean;
  /** Per item: how many answered it and the mean answer on the 1–5 scale. */
  readonly items: Readonly<
    Record<SurveyItem, { readonly n: number; readonly mean: number | null }>
  >;
  /** Cronbach's alpha over the five items, complete responses only. */
  readonly alpha: number | null;
}

/**
 * Below this many responses a survey figure is flagged as an insufficient sample
 * (INDICATORS.md "Survey score": "With n < 30 the value is shown but flagged").
 *
 * @example
 * ```ts
 * 29 < MIN_SURVEY_SAMPLE; // true: insufficient
 * ```
 */
export const MIN_SURVEY_SAMPLE = 30;

/** A sample of responses kept as sums (per unit and quarter in the database). */
export interface SurveySums {
  /** Responses with a score. */
  readonly n: number;
  /** Σ score. */
  readonly scoreSum: number;
  /** Σ score². */
  readonly scoreSquares: number;
  /** Responses that answered the overall item. */
  readonly overallN: number;
  /** Of those, the satisfied ones (overall 4 or 5). */
  readonly satisfied: number;
}

/** G4's sample statistics (see {@link surveyStatsFromSums}). */
export interface SurveySampleStats {
  readonly n: number;
  /** Mean response score Σx / n. */
  readonly score: number | null;
  /** Sample standard deviation √((Σx² − n·x̄²) / (n − 1)). */
  readonly sd: number | null;
  /** `score ± 1.96 s / √n`. */
  readonly scoreCi: [number, number] | null;
  /** Satisfied share in % of the responses that answered the overall item. */
  readonly satisfactionRate: number | null;
  /** Wilson 95% interval of `satisfactionRate`, in %. */
  readonly satisfactionCi: [number, number] | null;
  /** n < 30. */
  readonly insufficient: boolean;
}

/**
 * The same statistics as {@link surveySummary}'s, from sums instead of responses: what the API,
 * the reports and the workbook show for a unit.
 *
 * Source: INDICATORS.md "Survey score".
 *
 * Degenerate cases: n 0 gives no score; n 1 no s and no interval (s needs two values); no answer
 * to the overall item gives no rate. s² is clamped at 0: Σx² − n·x̄² can come out a hair below
 * zero when every score is equal.
 *
 * @example
 * ```ts
 * // scores 50, 75, 100: Σx 225, Σx² 18125
 * surveyStatsFromSums({ n: 3, scoreSum: 225, scoreSquares: 18125, overallN: 3, satisfied: 2 });
 * // { score: 75, sd: 25, scoreCi: [46.71…, 103.29…], satisfactionRate: 66.67…, ... }
 * ```
 */
export function surveyStatsFromSums(s: SurveySums): SurveySampleStats {
  const { n, scoreSum, scoreSquares, overallN, satisfied } = s;
  const score = n > 0 ? scoreSum / n : null;
  let sd: number | null = null;
  let scoreCi: [number, number] | null = null;
  if (score !== null && n >= 2) {
    // Σx² − n·x̄² cancels: n equal scores a float cannot hold (50/3) leave ~1e-13, not 0, which
    // would give a spread of ~2e-7 to a sample without one. Any real spread of response scores
    // (multiples of 25/6) is at least 8.6 here, so a residue below 1e-12 of Σx² is rounding.
    const squares = scoreSquares - n * score * score;
    sd = squares > 1e-12 * scoreSquares ? Math.sqrt(squares / (n - 1)) : 0;
    const half = (Z95 * sd) / Math.sqrt(n);
    scoreCi = [score - half, score + half];
  }
  const wilson = wilsonInterval(satisfied, overallN);
  return {
    n,
    score,
    sd,
    scoreCi,
    satisfactionRate: overallN > 0 ? (satisfied / overallN) * 100 : null,
    satisfactionCi: wilson === null ? null : [wilson[0] * 100, wilson[1] * 100],
    insufficient: n < MIN_SURVEY_SAMPLE,
  };
}

/**
 * Summary of a sample of responses: n, G4 score (mean response score) with its interval
 * `mean ± 1.96 s / √n`, satisfaction rate (overall 4 or 5) with its Wilson interval, the n < 30
 * flag, per-item means and Cronbach's alpha.
 *
 * Source: INDICATORS.md "Survey score" and "Indicators" (shown but not scored: satisfaction rate
 * with a Wilson 95% interval, survey sample size).
 *
 * Degenerate cases: responses with no answered item are ignored. The satisfaction rate's
 * denominator is the responses that answered the overall item (a skipped overall item is neither
 * satisfied nor dissatisfied); `null` when none did. Empty input gives n 0, `null` figures and
 * `insufficient: true`. Throws `RangeError` for an answer that is not an integer from 1 to 5.
 *
 * @example
 * ```ts
 * surveySummary([{ overall: 5, attitude: 5 }, { overall: 3 }, { timeliness: 1 }]);
 * // { n: 3, score: 50, satisfactionRate: 50, insufficient: true, ... }
 * //   scores 100, 50, 0; satisfied 1 of the 2 that answered overall
 * ```
 */
export function surveySummary(responses: readonly SurveyAnswers[]): SurveySummary {
  const scores: number[] = [];
  let overallAnswered = 0;
  let satisfied = 0;
  for (const answers of responses) {
    const score = responseScore(answers);
    if (score === null) continue;
    scores.push(score);
    const s = isSatisfied(answers);
    if (s !== null) overallAnswered += 1;
    if (s === true) satisfied += 1;
  }
  const estimate = meanWithInterval(scores);
  const wilson = wilsonInterval(satisfied, overallAnswered);
  const items = Object.fromEntries(
    SURVEY_ITEMS.map((item) => {
      const xs = responses.flatMap((r) => {
        const a = r[item];
        return a === undefined || a === null ? [] : [a];
      });
      return [item, { n: xs.length, mean: mean(xs) }];
    }),
  ) as Record<SurveyItem, { n: number; mean: number | null }>;
  const matrix = responses.map((r) => SURVEY_ITEMS.map((item) => r[item] ?? null));
  return {
    n: scores.length,
    score: estimate?.mean ?? null,
    scoreCi: estimate?.interval ?? null,
    satisfactionRate: overallAnswered === 0 ? null : (satisfied / overallAnswered) * 100,
    satisfactionCi: wilson === null ? null : [wilson[0] * 100, wilson[1] * 100],
    insufficient: scores.length < MIN_SURVEY_SAMPLE,
    items,
    alpha: cronbachAlpha(matrix),
  };
}
