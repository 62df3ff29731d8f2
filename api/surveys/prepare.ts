import { responseScore, SURVEY_ITEMS, type SurveyAnswers } from "../../metrics/index.ts";
import { quarterOf } from "../../shapes/periods.ts";
import type { SurveyMode } from "../db/tables/survey.ts";
import type { CompiledSurvey } from "./definition.ts";
import { maskPersonalNumbers } from "./privacy.ts";
import type { ResponseWrite } from "./queries.ts";

/** A response whose answers passed `checkAnswers`, with its unit resolved. */
export interface CheckedResponse {
  id: string;
  orgUnitId: number;
  submittedAt: Date;
  answers: Record<string, unknown>;
  mode: SurveyMode;
  clientHash: string | null;
  enteredBy: string | null;
}

const isFivePoint = (v: unknown): v is number =>
  typeof v === "number" && Number.isInteger(v) && v >= 1 && v <= 5;

/**
 * The row to store: free text masked (phone and ID numbers), the response score (metrics
 * `responseScore`: the mean of the answered five-point items on 0–100, null when none), the
 * overall item, the age band and the comment in their own columns for the statistics.
 */
export function toWrite(survey: CompiledSurvey, r: CheckedResponse): ResponseWrite {
  const answers: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(r.answers)) {
    if (value === null || value === undefined) continue;
    const free = survey.fields.get(key)?.freeText === true && typeof value === "string";
    answers[key] = free ? maskPersonalNumbers(value) : value;
  }
  const items: Record<string, number> = {};
  for (const item of SURVEY_ITEMS) {
    const v = answers[item];
    if (isFivePoint(v)) items[item] = v;
  }
  const comment = survey.commentField ? answers[survey.commentField] : undefined;
  const ageBand = answers.ageBand;
  return {
    id: r.id,
    surveyId: survey.id,
    surveyVersion: survey.version,
    orgUnitId: r.orgUnitId,
    submittedAt: r.submittedAt,
    mode: r.mode,
    answers,
    score: responseScore(items as SurveyAnswers),
    overall: isFivePoint(answers.overall) ? answers.overall : null,
    ageBand: typeof ageBand === "string" ? ageBand : null,
    comment: typeof comment === "string" && comment.trim() !== "" ? comment : null,
    clientHash: r.clientHash,
    enteredBy: r.enteredBy,
    quarter: quarterOf(r.submittedAt),
  };
}
