import { raw } from "hono/html";
import { SURVEY_FORM_CSS } from "../components/survey-form-css.ts";
import { SurveyShell } from "../components/survey-shell.tsx";

/** One question of the native form (built from the definition by the survey-pages route). */
export interface FormQuestionView {
  name: string;
  kind: "scale" | "choice" | "multi" | "text" | "longtext";
  title: string;
  description: string | null;
  required: boolean;
  options: { key: string; value: unknown; text: string }[];
  maxLength: number | null;
}

/** What the server-rendered public form shows: the questions, what was sent back, the errors. */
export interface SurveyFormView {
  surveyId: string;
  version: number;
  title: string;
  description: string | null;
  unit: { code: string; name: string };
  large: boolean;
  /** Where the form posts (this page's own address). */
  action: string;
  questions: FormQuestionView[];
  completeText: string;
  /** The response id and the signed token of this form (api/surveys/form-token.ts). */
  responseId: string;
  token: string;
  /** Answers sent back after a refused POST, by question name (option keys or text). */
  values: Record<string, string[]>;
  /** Chinese message per question name, after a refused POST. */
  errors: Record<string, string>;
  /** A message about the whole form (a page left open too long). */
  notice: string | null;
  /** The enhancing script (web/client/surveyform.ts), null when not built. */
  script: string | null;
}

/** JSON inside <script>: `<` escaped so no text in a definition can close the element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** "非常不满意" as 非常|不满意: with `word-break: keep-all` a five-point label breaks in two words. */
function label(text: string) {
  if ([...text].length <= 3) return text;
  const chars = [...text];
  return (
    <>
      {chars.slice(0, 2).join("")}
      <wbr />
      {chars.slice(2).join("")}
    </>
  );
}

function Question(props: { q: FormQuestionView; values: string[]; error: string | undefined }) {
  const { q, error } = props;
  const id = `q-${q.name}`;
  const chosen = new Set(props.values);
  const picked = q.options.filter((o) => chosen.has(o.key)).map((o) => o.text);
  const type = q.kind === "multi" ? "checkbox" : "radio";
  return (
    <fieldset
      class={error ? "q card invalid" : "q card"}
      id={id}
      data-name={q.name}
      data-kind={q.kind}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend class="q-title" id={`${id}-title`} tabindex={-1}>
        {q.title}
        {q.required ? <span class="req">（必答）</span> : null}
      </legend>
      {q.description ? <p class="q-desc">{q.description}</p> : null}
      {error ? (
        <p class="q-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      {q.kind === "text" || q.kind === "longtext" ? (
        q.kind === "text" ? (
          <input
            type="text"
            name={q.name}
            aria-labelledby={`${id}-title`}
            value={props.values[0] ?? ""}
            maxlength={q.maxLength ?? undefined}
          />
        ) : (
          <textarea
            name={q.name}
            rows={4}
            aria-labelledby={`${id}-title`}
            maxlength={q.maxLength ?? undefined}
          >
            {props.values[0] ?? ""}
          </textarea>
        )
      ) : (
        <div class={`opts ${q.kind}`}>
          {q.options.map((o) => (
            <label class="opt">
              <input type={type} name={q.name} value={o.key} checked={chosen.has(o.key)} />
              <span>{q.kind === "scale" ? label(o.text) : o.text}</span>
            </label>
          ))}
        </div>
      )}
      <div class="q-foot">
        <p class="picked" aria-live="polite" hidden={picked.length === 0}>
          {picked.length > 0 ? `已选：${picked.join("、")}` : ""}
        </p>
      </div>
    </fieldset>
  );
}

/**
 * The public satisfaction form as plain HTML: every question a fieldset of big buttons (native
 * radios), posted to this page's own address, so it works on a slow line, an old phone or with
 * script blocked. web/client/surveyform.ts then adds the large-type steps, read-aloud and the
 * offline queue; the same server rules check what either sends.
 */
export function SurveyFormPage(props: { view: SurveyFormView; nonce: string }) {
  const v = props.view;
  const errors = Object.entries(v.errors);
  const config = {
    surveyId: v.surveyId,
    version: v.version,
    orgUnit: v.unit.code,
    endpoint: "/api/v1/survey-responses",
    values: Object.fromEntries(
      v.questions.map((q) => [q.name, Object.fromEntries(q.options.map((o) => [o.key, o.value]))]),
    ),
  };
  const title = (name: string) => v.questions.find((q) => q.name === name)?.title ?? name;
  return (
    <SurveyShell
      title={`${errors.length > 0 || v.notice ? "提交未成功 · " : ""}${v.title} · ${v.unit.name}`}
      nonce={props.nonce}
      large={v.large}
      lateFonts
      head={<style>{raw(SURVEY_FORM_CSS)}</style>}
    >
      <header class="top">
        <div class="bar">
          <p class="unit">{v.unit.name}</p>
          <a id="large-toggle" class="toggle" href={v.large ? "?large=0" : "?large=1"}>
            {v.large ? "标准模式" : "大字模式"}
          </a>
        </div>
        <h1>{v.title}</h1>
      </header>
      <main>
        {v.description ? <p class="lead">{v.description}</p> : null}
        <div
          id="error-summary"
          class="error-summary"
          role="alert"
          tabindex={-1}
          hidden={errors.length === 0 && !v.notice}
        >
          <h2>提交未成功，请检查：</h2>
          <ul>
            {v.notice ? <li>{v.notice}</li> : null}
            {errors.map(([name, message]) => (
              <li>
                <a href={`#q-${name}`}>
                  {title(name)}：{message}
                </a>
              </li>
            ))}
          </ul>
        </div>
        <p id="progress" class="progress" hidden aria-live="polite" />
        <form id="survey-form" method="post" action={v.action} novalidate>
          <input type="hidden" name="_id" value={v.responseId} />
          <input type="hidden" name="_token" value={v.token} />
          <input type="hidden" name="_v" value={String(v.version)} />
          {v.large ? <input type="hidden" name="_large" value="1" /> : null}
          {v.questions.map((q) => (
            <Question q={q} values={v.values[q.name] ?? []} error={v.errors[q.name]} />
          ))}
          <div class="actions">
            <button type="button" id="prev" class="btn ghost" hidden>
              上一题
            </button>
            <button type="button" id="next" class="btn" hidden>
              下一题
            </button>
            <button type="submit" id="submit" class="btn">
              {v.completeText}
            </button>
          </div>
        </form>
        <section id="thanks" class="card thanks" hidden aria-live="polite">
          <div class="mark" aria-hidden="true">
            ✓
          </div>
          <h2 id="thanks-title" tabindex={-1}>
            感谢您的参与！
          </h2>
          <p id="thanks-status" class="status" />
          <p class="lead">您的评价将用于改进社区服务。</p>
        </section>
      </main>
      <script type="application/json" id="survey-config">
        {raw(scriptJson(config))}
      </script>
      {v.script ? <script type="module" src={`/assets/web/${v.script}`} /> : null}
    </SurveyShell>
  );
}

/** The page a plain form POST lands on (303 after storing): the same thanks, server-rendered. */
export function SurveyThanksPage(props: {
  title: string;
  unitName: string;
  nonce: string;
  large: boolean;
}) {
  return (
    <SurveyShell
      title={`感谢您的参与 · ${props.title}`}
      nonce={props.nonce}
      large={props.large}
      lateFonts
    >
      <header class="top">
        <p class="unit">{props.unitName}</p>
        <h1>{props.title}</h1>
      </header>
      <main>
        <section id="thanks" class="card thanks">
          <div class="mark" aria-hidden="true">
            ✓
          </div>
          <h2 id="thanks-title">感谢您的参与！</h2>
          <p id="thanks-status" class="status" data-state="sent">
            您的意见已提交成功。
          </p>
          <p class="lead">您的评价将用于改进社区服务。</p>
        </section>
      </main>
    </SurveyShell>
  );
}
