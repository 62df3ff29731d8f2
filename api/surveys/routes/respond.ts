import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { rateLimiter } from "hono-rate-limiter";
import type { AppEnv } from "../../env.ts";
import { Forbidden, Invalid, NotFound, TooMany } from "../../errors.ts";
import { jsonBody, jsonResponse, problems, type Router } from "../../http/router.ts";
import { authorize } from "../../middleware/authorize.ts";
import { isInSubtree } from "../../org-tree/queries.ts";
import { checkAnswers } from "../definition.ts";
import { toWrite } from "../prepare.ts";
import { clientHash } from "../privacy.ts";
import { NO_RATED_ITEM, ratedItemErrors } from "../rated.ts";
import { NewSurveyResponse, SurveyResponseAck } from "../schema.ts";

/** A form kept offline may be sent up to a week later and still count when it was filled. */
const MAX_DELAY_MS = 7 * 86_400_000;
const MAX_SKEW_MS = 5 * 60_000;

/**
 * Per-client limit on public submissions (SURVEY_RATE_LIMIT a minute; 0 = off). Anonymous
 * clients are counted by address, signed-in clerks by account. The memory store lives with
 * this router, i.e. per app instance.
 */
function submissionLimit() {
  return rateLimiter<AppEnv>({
    windowMs: 60_000,
    limit: (c) => c.get("deps").config.SURVEY_RATE_LIMIT,
    skip: (c) => c.get("deps").config.SURVEY_RATE_LIMIT === 0,
    standardHeaders: "draft-6",
    keyGenerator: (c) => {
      const p = c.get("principal");
      return p ? `${p.kind}:${p.id}` : `ip:${c.get("deps").clientIp(c) ?? "unknown"}`;
    },
    handler: (c) => {
      const info = (c as unknown as Context).get("rateLimit") as { resetTime?: Date } | undefined;
      const wait = info?.resetTime ? (info.resetTime.getTime() - Date.now()) / 1000 : 60;
      throw new TooMany("本设备提交问卷过于频繁，请稍后再试", wait);
    },
  });
}

function receivedAt(claimed: string | undefined): Date {
  const now = Date.now();
  if (claimed === undefined) return new Date(now);
  const t = Date.parse(claimed);
  return t <= now + MAX_SKEW_MS && t >= now - MAX_DELAY_MS
    ? new Date(Math.min(t, now))
    : new Date(now);
}

export function registerRespond(app: Router) {
  const route = createRoute({
    method: "post",
    path: "/survey-responses",
    tags: ["surveys"],
    summary: "Submit a survey response (public, no sign-in)",
    description:
      "Anonymous: no address or device id is stored, only a salted hash; phone and ID numbers in free text are masked. Answers are checked against the stored SurveyJS definition. A re-send with the same `id` stores nothing new and answers 200. `mode: assisted` needs a signed-in clerk or assessor whose scope holds the unit; it records who entered it. Rate limited per client (429 with Retry-After).",
    security: [],
    middleware: [submissionLimit()] as const,
    request: { body: jsonBody(NewSurveyResponse) },
    responses: {
      201: jsonResponse(SurveyResponseAck, "Stored"),
      200: jsonResponse(SurveyResponseAck, "Already stored (a re-send); nothing new"),
      ...problems(400, 401, 403, 404, 413, 415, 422, 429),
    },
  });

  app.openapi(route, async (c) => {
    const body = c.req.valid("json");
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
    // Not audited one by one (app.ts skips this path): an assisted row names its clerk in entered_by.
    return c.json({ id }, inserted ? 201 : 200);
  });
}
