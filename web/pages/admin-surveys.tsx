import { raw } from "hono/html";
import { formatInstant } from "../../shapes/format.ts";
import { DashboardShell } from "../components/dashboard-shell.tsx";
import { SETUP_CSS, SetupHead } from "../components/setup-head.tsx";
import type { SurveysView } from "./admin-setup-model.ts";
import type { ScriptFiles } from "./dashboard-model.ts";

/** /admin/surveys: the survey definitions, their versions and a read-only preview of one. */
export function SurveysSetupPage(props: { view: SurveysView; scripts: ScriptFiles }) {
  const v = props.view;
  const s = v.selected;
  return (
    <DashboardShell title="问卷" nav={v.nav} scripts={[props.scripts.dashboard]}>
      <style>{raw(SETUP_CSS)}</style>
      <SetupHead section="surveys" title="问卷" scopeName={v.scopeName} />
      <section class="card" aria-labelledby="surveys-h">
        <h2 id="surveys-h">问卷定义</h2>
        <table class="setup-table stack" data-testid="surveys">
          <thead>
            <tr>
              <th scope="col">问卷</th>
              <th scope="col">编号</th>
              <th scope="col" class="num">
                当前版本
              </th>
              <th scope="col" class="num">
                版本数
              </th>
            </tr>
          </thead>
          <tbody>
            {v.surveys.map((x) => (
              <tr data-id={x.id}>
                <td>
                  <a href={x.href}>{x.title}</a>
                </td>
                <td data-label="编号">{x.id}</td>
                <td class="num" data-label="当前版本">
                  第 {x.version} 版
                </td>
                <td class="num" data-label="版本数">
                  {x.versions}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p class="small muted">
          问卷由全部单位共用，新版本通过接口 POST /api/v1/surveys
          提交（只有全市管理员可以提交，服务器会检查定义的安全性）；已收到的答卷保留其回答时的版本。
        </p>
      </section>
      {s ? (
        <section
          class="card"
          aria-labelledby="preview-h"
          data-testid="survey-preview"
          data-id={s.id}
          data-version={s.version}
        >
          <h2 id="preview-h">
            预览：{s.title} · 第 {s.version} 版
          </h2>
          <p class="small">
            {s.createdBy ?? "系统"} 于 {formatInstant(s.createdAt)} 创建。只读预览，不会提交答卷。
          </p>
          <p class="small">
            版本：
            {s.versions.map((x) => (
              <>
                {" "}
                {x.version === s.version ? (
                  <strong>第 {x.version} 版</strong>
                ) : (
                  <a href={x.href} data-testid="survey-version-link">
                    第 {x.version} 版
                  </a>
                )}
              </>
            ))}
          </p>
          {s.pages.map((p) => (
            <>
              {s.pages.length > 1 ? <h3>{p.title}</h3> : null}
              <ol class="questions">
                {p.questions.map((q) => (
                  <li data-testid="question" data-name={q.name}>
                    <strong>{q.title}</strong>{" "}
                    <span class="small muted">
                      （{q.typeLabel}
                      {q.required ? "，必答" : "，选答"}；答案名 {q.name}）
                    </span>
                    {q.options.length > 0 ? (
                      <ul class="opts">
                        {q.options.map((o) => (
                          <li>{o}</li>
                        ))}
                      </ul>
                    ) : null}
                  </li>
                ))}
              </ol>
            </>
          ))}
        </section>
      ) : null}
    </DashboardShell>
  );
}
