import type { Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { SurveyMessage } from "../../../web/components/survey-shell.tsx";
import {
  SurveyFormPage,
  type SurveyFormView,
  SurveyThanksPage,
} from "../../../web/pages/survey-form-page.tsx";
import { webEntry } from "../../assets/survey.ts";
import type { AppEnv } from "../../env.ts";
import { Invalid } from "../../errors.ts";
import { hostileValue } from "../../http/input-rules.ts";
import { cspNonce } from "../../middleware/security-headers.ts";
import type { CompiledSurvey } from "../definition.ts";
import { checkFormToken, formToken, sameOrigin } from "../form-token.ts";
import { submissionLimit } from "../limit.ts";
import { REQUIRED_MESSAGE } from "../public-rules.ts";
import type { SurveyUnit } from "../runtime.ts";
import { submitResponse } from "../submit.ts";
import { answersFromForm, type FormModel, formModel } from "./form-model.ts";

const CODE = /^[0-9A-Za-z_-]{1,32}$/;
const SURVEY = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A filled form is a few hundred bytes; a comment of 2,000 characters about 20 KB encoded. */
const FORM_LIMIT = 64 * 1024;

/** A localised SurveyJS string (`"…"` or `{default, "zh-cn"}`) as plain Chinese text. */
export function text(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (value && typeof value === "object") {
    const v = value as Record<string, unknown>;
    const s = v["zh-cn"] ?? v.default;
    return typeof s === "string" ? s : null;
  }
  return null;
}

interface Filled {
  values?: Record<string, string[]>;
  errors?: Record<string, string>;
  notice?: string;
  responseId?: string;
}

/**
 * The server-rendered public form of a unit (GET, and again after a refused POST with the
 * answers and the errors), or null when the definition needs SurveyJS (see form-model.ts).
 */
export async function publicFormPage(
  c: Context<AppEnv>,
  survey: CompiledSurvey,
  unit: SurveyUnit,
  large: boolean,
  filled: Filled = {},
  status: 200 | 422 = 200,
): Promise<Response | null> {
  const model = await formModel(survey);
  if (!model) return null;
  const deps = c.get("deps");
  const definition = survey.definition as Record<string, unknown>;
  const responseId = filled.responseId ?? crypto.randomUUID();
  const stamp = { surveyId: survey.id, version: survey.version, unit: unit.code, id: responseId };
  const view: SurveyFormView = {
    surveyId: survey.id,
    version: survey.version,
    title: text(definition.title) ?? survey.title,
    description: text(definition.description),
    unit: { code: unit.code, name: unit.name },
    large,
    action: `/s/${survey.id}/${unit.code}`,
    questions: model.questions,
    completeText: model.completeText,
    responseId,
    token: await formToken(deps.surveys.salt, stamp),
    values: filled.values ?? {},
    errors: filled.errors ?? {},
    notice: filled.notice ?? null,
    script: (await webEntry(deps, "surveyform"))?.js ?? null,
  };
  return c.html(<SurveyFormPage view={view} nonce={cspNonce(c)} />, status, {
    "cache-control": "no-store",
  });
}

/** Why a question was refused, in the words the form shows beside it. */
function fieldMessages(model: FormModel, err: Invalid): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of err.errors) {
    const name = e.path.replace(/^answers\./, "");
    const q = model.questions.find((x) => x.name === name);
    if (!q) continue;
    if (e.message === REQUIRED_MESSAGE || e.message === "required") {
      out[name] =
        q.kind === "text" || q.kind === "longtext" ? "必答题：请填写" : "必答题：请选择一项";
    } else if (q.kind === "text" || q.kind === "longtext") {
      out[name] = q.maxLength
        ? `内容过长：最多 ${q.maxLength} 个字`
        : "内容无法接收，请修改后再提交";
    } else {
      out[name] = "所选答案无效，请重新选择";
    }
  }
  return out;
}

function formFields(body: Record<string, string | File | (string | File)[]>) {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(body)) {
    const list = (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === "string");
    out[k] = list.length === 1 ? list[0]! : list;
  }
  return out;
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

/**
 * POST /s/{surveyId}/{code}: the plain form's submission (no script needed). Same origin and a
 * valid form token (form-token.ts), then the one submission path (submitResponse: the answers
 * must fit the definition, overall is required). Stored: 303 to the thank-you page. Refused:
 * the form again (422) with an error summary in Chinese, each question's message beside it and
 * the answers kept. Rate limited like the JSON endpoint.
 */
export function registerPublicForm(app: Hono<AppEnv>) {
  const limit = bodyLimit({
    maxSize: FORM_LIMIT,
    onError: (c) => c.text("提交内容过大。", 413),
  });
  app.post("/s/:surveyId/:code", limit, submissionLimit(), async (c) => {
    const { surveyId, code } = c.req.param();
    const rt = c.get("deps").surveys;
    const form = formFields(await c.req.parseBody({ all: true }));
    const version = Number(one(form._v));
    const survey = SURVEY.test(surveyId)
      ? await rt.survey(surveyId, Number.isInteger(version) && version > 0 ? version : undefined)
      : null;
    const unit = survey && CODE.test(code) ? await rt.unit(code) : null;
    const model = survey ? await formModel(survey) : null;
    if (!survey || !unit || !model) {
      return c.html(
        <SurveyMessage title="页面不存在" nonce={cspNonce(c)}>
          <p>没有找到这份问卷或这个社区，请重新扫描二维码。</p>
        </SurveyMessage>,
        404,
      );
    }
    const large = one(form._large) === "1";
    const id = one(form._id);
    const own = new URL(c.req.url).origin;
    const headers = { origin: c.req.header("origin"), site: c.req.header("sec-fetch-site") };
    const stamp = { surveyId: survey.id, version: survey.version, unit: unit.code, id };
    const token = UUID.test(id) ? await checkFormToken(rt.salt, stamp, one(form._token)) : "forged";
    if (!sameOrigin(headers, own) || token === "forged") {
      return c.html(
        <SurveyMessage title="无法提交" nonce={cspNonce(c)}>
          <p>这份问卷只能在本站的问卷页面上填写提交。</p>
          <p>
            <a href={`/s/${survey.id}/${unit.code}`}>打开“{unit.name}”的问卷</a>
          </p>
        </SurveyMessage>,
        403,
      );
    }
    const answers = answersFromForm(model, form);
    const values: Record<string, string[]> = {};
    for (const q of model.questions) {
      const v = form[q.name];
      if (v !== undefined) values[q.name] = Array.isArray(v) ? v : [v];
    }
    if (token === "expired") {
      // A genuine form left open for over a week: shown again with a fresh token, answers kept.
      const notice = "页面打开时间过长，请核对答案后再次提交。";
      return (await publicFormPage(
        c,
        survey,
        unit,
        large,
        { values, notice, responseId: id },
        422,
      ))!;
    }
    try {
      const hostile = hostileValue(answers, "answers");
      if (hostile) throw new Invalid("The answers do not fit the survey", [hostile]);
      await submitResponse(c, {
        id,
        surveyId: survey.id,
        surveyVersion: survey.version,
        orgUnit: unit.code,
        answers,
        mode: "self",
      });
    } catch (err) {
      if (!(err instanceof Invalid)) throw err;
      const errors = fieldMessages(model, err);
      if (Object.keys(errors).length === 0) throw err;
      return (await publicFormPage(
        c,
        survey,
        unit,
        large,
        { values, errors, responseId: id },
        422,
      ))!;
    }
    return c.redirect(`/s/${survey.id}/${unit.code}/thanks${large ? "?large=1" : ""}`, 303);
  });

  app.get("/s/:surveyId/:code/thanks", async (c) => {
    const { surveyId, code } = c.req.param();
    const rt = c.get("deps").surveys;
    const survey = SURVEY.test(surveyId) ? await rt.survey(surveyId) : null;
    const unit = survey && CODE.test(code) ? await rt.unit(code) : null;
    if (!survey || !unit) return c.notFound();
    const title = text((survey.definition as Record<string, unknown>).title) ?? survey.title;
    return c.html(
      <SurveyThanksPage
        title={title}
        unitName={unit.name}
        nonce={cspNonce(c)}
        large={c.req.query("large") === "1"}
      />,
    );
  });
}
