import { raw } from "hono/html";
import { formatInstant, periodLabel } from "../../shapes/format.ts";
import { DashboardShell } from "../components/dashboard-shell.tsx";
import { SETUP_CSS, SetupHead } from "../components/setup-head.tsx";
import type { ReportsView } from "./admin-setup-model.ts";
import type { ScriptFiles } from "./dashboard-model.ts";

/** /admin/reports: when scheduled drafts are made, a cron trial, and the report jobs in scope. */
export function ReportsSetupPage(props: { view: ReportsView; scripts: ScriptFiles }) {
  const v = props.view;
  const sc = v.schedule;
  return (
    <DashboardShell title="报告计划与任务" nav={v.nav} scripts={[props.scripts.dashboard]}>
      <style>{raw(SETUP_CSS)}</style>
      <SetupHead section="reports" title="报告计划与任务" scopeName={v.scopeName} />
      <section class="card" aria-labelledby="schedule-h" data-testid="schedule">
        <h2 id="schedule-h">定时生成计划</h2>
        {sc.off ? (
          <p data-testid="schedule-off">定时生成已关闭（REPORT_CRON=off）。</p>
        ) : (
          <>
            <p>
              计划（cron，{sc.timeZone} 时间）：<code data-testid="schedule-cron">{sc.cron}</code>
            </p>
            <p class="small">每季度结束后为上一季度生成报告草稿：{sc.drafts.join("；")}。</p>
            <p class="small">接下来的运行时间：</p>
            <ul class="small" data-testid="schedule-next">
              {sc.nextRuns.map((r) => (
                <li data-at={r}>{formatInstant(r)}（北京时间）</li>
              ))}
            </ul>
          </>
        )}
        <p class="small muted">
          计划在服务启动时由环境变量 REPORT_CRON 设定，修改后需重启服务。可先在下面试算新的表达式。
        </p>
        <form class="setup-form" method="get" action="/admin/reports" data-testid="cron-trial">
          <label>
            试算 cron 表达式（分 时 日 月 周）
            <input
              type="text"
              name="cron"
              value={v.trial?.cron ?? sc.cron}
              maxlength={200}
              spellcheck={false}
            />
          </label>
          <div class="buttons">
            <button type="submit">试算运行时间</button>
          </div>
        </form>
        {v.trial ? (
          <div data-testid="cron-trial-result">
            {v.trial.problem ? (
              <p class="msg err">{v.trial.problem}</p>
            ) : (
              <ul class="small">
                {v.trial.nextRuns.map((r) => (
                  <li data-at={r}>{formatInstant(r)}（北京时间）</li>
                ))}
              </ul>
            )}
          </div>
        ) : null}
      </section>
      <section class="card" aria-labelledby="jobs-h">
        <h2 id="jobs-h">报告任务</h2>
        <p class="small" data-testid="job-counts">
          排队中 {v.counts.queued} · 生成中 {v.counts.running} · 已完成 {v.counts.done} · 失败{" "}
          {v.counts.failed}（最近 {v.jobs.length} 项如下）
        </p>
        {v.jobs.length === 0 ? (
          <p class="small muted">暂无报告任务。</p>
        ) : (
          <div class="tablewrap">
            <table class="setup-table stack" data-testid="jobs">
              <thead>
                <tr>
                  <th scope="col">单位</th>
                  <th scope="col">季度</th>
                  <th scope="col">版本</th>
                  <th scope="col">状态</th>
                  <th scope="col">发起</th>
                  <th scope="col">时间</th>
                </tr>
              </thead>
              <tbody>
                {v.jobs.map((j) => (
                  <tr data-testid="job" data-id={j.id} data-status={j.status}>
                    <td>
                      {j.unitName} <span class="small muted">{j.unitCode}</span>
                    </td>
                    <td data-label="季度">{periodLabel(j.period)}</td>
                    <td data-label="版本">{j.editionLabel}</td>
                    <td data-label="状态">
                      <span class={`pill ${j.status}`}>{j.statusLabel}</span>
                      {j.status === "running" ? ` ${Math.round(j.progress * 100)}%` : ""}
                      {j.published ? <span class="small"> · {j.published}</span> : null}
                      {j.error ? (
                        <div class="small msg err">
                          第 {j.attempts}/{j.maxAttempts} 次尝试失败：{j.error}
                        </div>
                      ) : null}
                      {j.htmlHref ? (
                        <div class="small">
                          <a href={j.htmlHref}>查看报告</a>
                        </div>
                      ) : null}
                    </td>
                    <td data-label="发起">{j.createdBy}</td>
                    <td data-label="时间">
                      {formatInstant(j.createdAt)}
                      {j.finishedAt ? ` → ${formatInstant(j.finishedAt)}` : ""}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </DashboardShell>
  );
}
