import type { Context } from "hono";
import type { SurveyMode } from "../db/tables/survey.ts";
import type { AppEnv } from "../env.ts";
import { Forbidden, Invalid, NotFound } from "../errors.ts";
import { authorize } from "../middleware/authorize.ts";
import { isInSubtree } from "../org-tree/queries.ts";
import { checkAnswers } from "./definition.ts";
import { toWrite } from "./prepare.ts";
import { clientHash } from "./privacy.ts";
import { requireOverall } from "./public-rules.ts";
import { NO_RATED_ITEM, ratedItemErrors } from "./rated.ts";

/** A form kept offline may be sent up to a week later and still count when it was filled. */
const MAX_DELAY_MS = 7 * 86_400_000;
const MAX_SKEW_MS = 5 * 60_000;

/** One response as the JSON endpoint and the server-rendered form both hand it in. */
export interface Submission {
  id?: string | undefined;
  surveyId: string;
  surveyVersion?: number | undefined;
  orgUnit: string;
  answers: Record<string, unknown>;
  mode: SurveyMode;
  submittedAt?: string | undefined;
}

function receivedAt(claimed: string | undefined): Date {
  const now = Date.now();
  if (claimed === undefined) return new Date(now);
  const t = Date.parse(claimed);
  return t <= now + MAX_SKEW_MS && t >= now - MAX_DELAY_MS
    ? new Date(Math.min(t, now))
    : new Date(now);
}

/**
 * Stores one response: the survey version and the unit must exist, assisted entry needs a
 * signed-in clerk or volunteer whose scope holds the unit, the answers must fit the definition, a
 * resident's own response must answer the overall item and an assisted one rate at least one. The one path of POST
 * /api/v1/survey-responses and of the public page's plain form POST. `inserted` is false for a
 * re-send of a stored id.
 */
export async function submitResponse(
  c: Context<AppEnv>,
  body: Submission,
): Promise<{ id: string; inserted: boolean }> {
  const deps = c.get("deps");
  const rt = deps.surveys;
  const survey = await rt.survey(body.surveyId, body.surveyVersion);
  if (!survey) {
    const v = body.surveyVersion === undefined ? "" : ` 第 ${body.surveyVersion} 版`;
    throw new NotFound(`没有问卷 ${body.surveyId}${v}`);
  }
  let enteredBy: string | null = null;
  if (body.mode === "assisted") {
    await authorize("surveyResponses.assisted")(c, async () => {});
    enteredBy = c.get("principal")!.name;
  }
  const unit = await rt.unit(body.orgUnit);
  if (!unit) {
    throw new Invalid("单位不存在", [
      { path: "orgUnit", message: `没有编码为 ${body.orgUnit} 的单位` },
    ]);
  }
  const principal = c.get("principal");
  if (
    body.mode === "assisted" &&
    principal?.scopeUnitId != null &&
    !(await isInSubtree(deps.store.db, principal.scopeUnitId, unit.id))
  ) {
    throw new Forbidden(`单位 ${unit.code} 不在您的管辖范围内`);
  }
  const errors = checkAnswers(survey, body.answers);
  if (errors.length > 0) throw new Invalid("答卷与问卷不符，见 errors 中各字段", errors);
  if (body.mode === "self") requireOverall(survey, body.answers);
  // Assisted entry (a respondent may skip the overall item) needs at least one rated item.
  const unrated = body.mode === "assisted" ? ratedItemErrors(body.answers, "answers") : [];
  if (unrated.length > 0) throw new Invalid(NO_RATED_ITEM, unrated);
  const id = body.id ?? crypto.randomUUID();
  const row = toWrite(survey, {
    id,
    orgUnitId: unit.id,
    submittedAt: receivedAt(body.submittedAt),
    answers: body.answers,
    mode: body.mode,
    clientHash: await clientHash(rt.salt, deps.clientIp(c), c.req.header("user-agent") ?? null),
    enteredBy,
  });
  const inserted = await rt.writer.submit(row);
  return { id, inserted };
}
