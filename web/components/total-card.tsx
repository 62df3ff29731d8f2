/**
 * The total (综合得分) and its parts on the dashboard, with a short legend of what each means
 * (INDICATORS.md "Scores, dimensions, index"), and the same legend on the scoring page.
 */
import { raw } from "hono/html";
import { formatScore, NO_VALUE } from "../../shapes/format.ts";
import type { TotalView } from "../pages/overview-model.ts";
import { ASSESSMENT_CSS } from "./assessment-css.ts";
import { rawValue } from "./dashboard-panels.tsx";

/** `+2.0`, `−1.5`, `0.0`. */
export function signedPoints(v: number): string {
  const s = formatScore(Math.abs(v));
  return v > 0 ? `+${s}` : v < 0 ? `−${s}` : s;
}

export function TotalLegend(props: { assessorWeight: number; adjustmentCap: number }) {
  const w = props.assessorWeight;
  return (
    <ul class="total-legend" data-testid="total-legend">
      <li>
        <strong>综合得分</strong>：
        {w > 0
          ? `(1 − ${w}) × 综合指数 + ${w} × 评估得分 + 加减分，限定在 0–100 分；等级和排名按综合得分。`
          : "综合指数 + 加减分，限定在 0–100 分；等级和排名按综合得分。"}
      </li>
      <li>
        <strong>综合指数</strong>：平台数据算出的四类指标加权得分（治理、服务、资源、参与）。
      </li>
      <li>
        <strong>评估得分</strong>
        ：第三方评估人员现场核查、访谈、查阅台账后对各评估项目的加权打分（0–100）。
      </li>
      <li>
        <strong>加减分</strong>：创新做法加分、严重问题减分，合计不超过 ±{props.adjustmentCap} 分。
      </li>
      <li>
        <strong>暂定</strong>：评估尚未签署，结果可能变化。
      </li>
    </ul>
  );
}

/** The dashboard's total card. */
export function TotalCard(props: { total: TotalView }) {
  const t = props.total;
  return (
    <section class="card" aria-labelledby="total-h" data-testid="total-card">
      <style>{raw(ASSESSMENT_CSS)}</style>
      <h2 id="total-h">综合得分</h2>
      <div style="display:flex;align-items:baseline;gap:10px;flex-wrap:wrap">
        <span class="total-big" data-testid="overall-total" data-value={rawValue(t.total)}>
          {t.total === null ? NO_VALUE : formatScore(t.total)}
        </span>
        {t.provisional ? (
          <span class="pill st-amber" data-testid="total-provisional">
            暂定
          </span>
        ) : null}
        {t.stateLabel ? <span class="small muted">评估：{t.stateLabel}</span> : null}
      </div>
      <dl class="assess-totals">
        <dt>综合指数</dt>
        <dd data-testid="total-index" data-value={rawValue(t.index)}>
          {formatScore(t.index)}
        </dd>
        <dt>评估得分</dt>
        <dd data-testid="total-assessor" data-value={rawValue(t.assessorScore)}>
          {formatScore(t.assessorScore)}
        </dd>
        <dt>加减分</dt>
        <dd data-testid="total-adjustment" data-value={String(t.adjustment)}>
          {signedPoints(t.adjustment)}
        </dd>
      </dl>
      <TotalLegend assessorWeight={t.assessorWeight} adjustmentCap={t.adjustmentCap} />
      {t.scoringHref ? (
        <p class="small">
          <a href={t.scoringHref}>评估打分</a>
        </p>
      ) : null}
    </section>
  );
}
