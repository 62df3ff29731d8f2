import { raw } from "hono/html";
import { STATUS_LABELS } from "../../shapes/labels.ts";
import { APPEALS_CSS } from "../components/appeals-css.ts";
import { ASSESSMENT_CSS } from "../components/assessment-css.ts";
import { DashboardShell, PageHead } from "../components/dashboard-shell.tsx";
import { TotalLegend } from "../components/total-card.tsx";
import type { AssessmentPageView } from "./assessment-model.ts";
import type { ScriptFiles } from "./dashboard-model.ts";

function IndicatorTable(props: { v: AssessmentPageView }) {
  return (
    <section class="card" aria-labelledby="ass-ind-h">
      <h2 id="ass-ind-h">本单位平台指标</h2>
      <div class="scroll">
        <table class="assess-ind" data-testid="assessment-indicators">
          <thead>
            <tr>
              <th>指标</th>
              <th class="num">指标值</th>
              <th class="num">目标值</th>
              <th class="num">得分</th>
              <th>状态</th>
            </tr>
          </thead>
          <tbody>
            {props.v.indicators.map((i) => (
              <tr>
                <td>
                  {i.code} {i.name}
                </td>
                <td class="num">{i.valueText}</td>
                <td class="num">{i.targetText}</td>
                <td class="num">{i.scoreText}</td>
                <td>
                  {i.status ? (
                    <span class={`pill st-${i.status}`}>{STATUS_LABELS[i.status]}</span>
                  ) : (
                    <span class="muted">无数据</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function ScoringForm(props: { v: AssessmentPageView }) {
  const v = props.v;
  const locked = v.signed || !v.canWrite;
  return (
    <form
      class="card appeal-form assess-form"
      id="assessment-form"
      data-testid="assessment-form"
      data-api={v.apiPath}
    >
      <fieldset>
        <legend>评估打分项目（每项 0–100 分）</legend>
        {v.items.length === 0 ? <p class="muted">本方案没有评估打分项目。</p> : null}
        {v.items.map((i) => (
          <div class="assess-item">
            <label for={`score-${i.code}`}>
              {i.code} {i.name}
              <span class="muted small">（权重 {i.weight}）</span>
            </label>
            <input
              id={`score-${i.code}`}
              type="number"
              inputmode="decimal"
              min="0"
              max="100"
              step="0.1"
              data-item={i.code}
              value={i.score === null ? "" : String(i.score)}
              disabled={locked}
            />
            <textarea
              rows={2}
              maxlength={2000}
              placeholder="评语"
              aria-label={`${i.name} 评语`}
              data-comment={i.code}
              disabled={locked}
            >
              {i.comment}
            </textarea>
          </div>
        ))}
      </fieldset>
      <fieldset>
        <legend>加减分项目（合计不超过 ±{v.adjustmentCap} 分）</legend>
        {v.adjustments.length === 0 ? <p class="muted">本方案没有加减分项目。</p> : null}
        {v.adjustments.map((a) => (
          <div class="assess-item">
            <label for={`points-${a.code}`}>
              {a.code} {a.name}
              <span class={`pill ${a.kind === "bonus" ? "st-green" : "st-red"}`}>
                {a.kindLabel}
              </span>
              <span class="muted small">（最多 {a.maxPoints} 分）</span>
            </label>
            <input
              id={`points-${a.code}`}
              type="number"
              inputmode="decimal"
              min="0"
              max={String(a.maxPoints)}
              step="0.5"
              data-adjustment={a.code}
              value={a.points === null ? "" : String(a.points)}
              disabled={locked}
            />
            <textarea
              rows={2}
              maxlength={2000}
              placeholder="理由（必填）"
              aria-label={`${a.name} 理由`}
              data-reason={a.code}
              disabled={locked}
            >
              {a.reason}
            </textarea>
          </div>
        ))}
      </fieldset>
      {v.readOnlyReason ? <p class="muted small">{v.readOnlyReason}</p> : null}
      <div class="buttons">
        {!locked ? (
          <>
            <button type="button" class="btn big" data-action="save" data-testid="assessment-save">
              保存草稿
            </button>
            <button
              type="button"
              class="btn primary big"
              data-action="sign"
              data-testid="assessment-sign"
            >
              签署确认
            </button>
          </>
        ) : null}
        {v.signed && v.canReopen ? (
          <button type="button" class="btn danger big" data-action="reopen">
            重新开放
          </button>
        ) : null}
        <a class="btn big" href={v.overviewHref}>
          返回驾驶舱
        </a>
      </div>
      <p class="status-msg" role="status" aria-live="polite" data-testid="assessment-status" />
    </form>
  );
}

/** The assessor's scoring page of a unit and quarter: /dashboard/{code}/assessment. */
export function AssessmentPage(props: { view: AssessmentPageView; scripts: ScriptFiles }) {
  const v = props.view;
  const path = `/dashboard/${encodeURIComponent(v.unit.code)}/assessment`;
  return (
    <DashboardShell
      title={`评估打分 · ${v.unit.name}`}
      nav={v.nav}
      scripts={[props.scripts.dashboard]}
    >
      <style>{raw(APPEALS_CSS + ASSESSMENT_CSS)}</style>
      <PageHead ctx={v} title={`评估打分 · ${v.unit.name} · ${v.periodLabel}`} path={path} />
      <section class="card assess-head" data-testid="assessment-head">
        <div class="assess-state">
          <span class={`pill ${v.signed ? "st-green" : "st-amber"}`} data-testid="assessment-state">
            {v.stateLabel}
          </span>
          {v.signedText ? <span class="small muted">{v.signedText}</span> : null}
        </div>
        <dl class="assess-totals">
          <dt>综合得分</dt>
          <dd data-testid="assessment-total">
            {v.totalText}
            {v.provisional ? <span class="pill st-amber">暂定</span> : null}
          </dd>
          <dt>综合指数</dt>
          <dd>{v.indexText}</dd>
          <dt>评估得分</dt>
          <dd data-testid="assessment-score">{v.assessorScoreText}</dd>
          <dt>加减分</dt>
          <dd data-testid="assessment-adjustment">{v.adjustmentText}</dd>
        </dl>
        <TotalLegend assessorWeight={v.assessorWeight} adjustmentCap={v.adjustmentCap} />
      </section>
      <div class="assess-grid">
        <IndicatorTable v={v} />
        <ScoringForm v={v} />
      </div>
    </DashboardShell>
  );
}
