import { raw } from "hono/html";
import { SurveyShell } from "../components/survey-shell.tsx";

/** What the survey page shows; built by the survey-pages route, never by querying here. */
export interface SurveyPageView {
  surveyId: string;
  version: number;
  title: string;
  description: string | null;
  definition: unknown;
  unit: { code: string; name: string };
  mode: "self" | "assisted";
  large: boolean;
  /** Built bundle files under /assets/web/ (null when `npm run build:web` has not run). */
  assets: { js: string; css: string | null } | null;
  /** Assisted entry: who is entering the responses. */
  enteredBy?: string;
}

/** JSON inside <script>: `<` escaped so no text in a definition can close the element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/**
 * The public satisfaction form of one unit, or its assisted-entry variant. The server renders
 * the header, the thank-you screen (hidden) and the definition; the bundle renders the form.
 */
export function SurveyPage(props: { view: SurveyPageView; nonce: string }) {
  const v = props.view;
  const config = {
    surveyId: v.surveyId,
    version: v.version,
    definition: v.definition,
    orgUnit: v.unit.code,
    mode: v.mode,
    large: v.large,
    endpoint: "/api/v1/survey-responses",
  };
  const assisted = v.mode === "assisted";
  return (
    <SurveyShell
      title={`${v.title} · ${v.unit.name}`}
      nonce={props.nonce}
      large={v.large}
      head={
        v.assets ? (
          <>
            <link rel="modulepreload" href={`/assets/web/${v.assets.js}`} />
            {/* Not render-blocking: the header and "loading" paint at once on a slow line;
                the bundle waits for this sheet, then turns it on (media="all"). */}
            {v.assets.css ? (
              <link
                rel="stylesheet"
                id="survey-css"
                href={`/assets/web/${v.assets.css}`}
                media="print"
              />
            ) : null}
          </>
        ) : undefined
      }
    >
      <header class="top">
        <div class="bar">
          <p class="unit">{assisted ? `代填录入 · ${v.unit.name}` : v.unit.name}</p>
          <button
            type="button"
            id="large-toggle"
            class="toggle"
            aria-pressed={v.large ? "true" : "false"}
          >
            {v.large ? "标准模式" : "大字模式"}
          </button>
        </div>
        <h1>{v.title}</h1>
      </header>
      <main>
        {assisted ? (
          <p class="notice">
            录入人：<strong>{v.enteredBy}</strong>
            。请按居民本人的回答逐题录入，每份提交后可继续录入下一份。{" "}
            <button type="button" id="logout" class="link">
              退出登录
            </button>
          </p>
        ) : v.description ? (
          <p class="lead">{v.description}</p>
        ) : null}
        <p id="progress" class="progress" hidden aria-live="polite" />
        <div id="survey">
          <p class="loading">
            {v.assets ? "正在加载问卷…" : "问卷页面资源缺失（请先运行 npm run build:web）。"}
          </p>
        </div>
        <noscript>
          <p class="notice">请开启浏览器的 JavaScript 后填写，或到社区服务站请工作人员代填。</p>
        </noscript>
        <section id="thanks" class="card thanks" hidden aria-live="polite">
          <div class="mark" aria-hidden="true">
            ✓
          </div>
          <h2 id="thanks-title" tabindex={-1}>
            {assisted ? "已录入" : "感谢您的参与！"}
          </h2>
          <p id="thanks-status" class="status" />
          {assisted ? (
            <>
              <p>
                本次已录入 <strong id="entered-count">0</strong> 份。
              </p>
              <button type="button" id="next-entry" class="btn">
                录入下一份
              </button>
            </>
          ) : (
            <p class="lead">您的评价将用于改进社区服务。</p>
          )}
        </section>
      </main>
      <script type="application/json" id="survey-config">
        {raw(scriptJson(config))}
      </script>
      {v.assets ? <script type="module" src={`/assets/web/${v.assets.js}`} /> : null}
    </SurveyShell>
  );
}
