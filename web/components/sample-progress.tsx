/**
 * Sample-plan progress (issue 22 point 5): 已收 x / 目标 n with a bar, for one community (the
 * clerk's page) or the communities of a leader's unit (the dashboard). Inline styles only, so the
 * parts sit on any page without its stylesheet knowing them.
 */
import { STATUS_COLOURS } from "../../shapes/theme.ts";

/** One community's progress, as the card lists it. */
export interface SampleProgressRow {
  code: string;
  name: string;
  collected: number;
  /** null: no target (a population of 0). */
  target: number | null;
  /** min(collected / target, 1); null without a target. */
  share: number | null;
  met: boolean;
}

/** The card's view model (api/surveys/sample-plan-view.ts builds it). */
export interface SamplePlanView {
  /** `2026年第三季度`. */
  periodLabel: string;
  communities: number;
  met: number;
  collected: number;
  target: number;
  /** Communities shown, least progress first; every one for a community's own page. */
  rows: SampleProgressRow[];
  /** Communities not shown. */
  more: number;
}

const pct = (share: number | null) => `${Math.round((share ?? 0) * 1000) / 10}%`;

/** 已收 x / 目标 n 份 and a bar; green once met. */
export function SampleProgressBar(props: { row: SampleProgressRow; label?: string }) {
  const r = props.row;
  const colour = r.met ? STATUS_COLOURS.green.solid : STATUS_COLOURS.amber.solid;
  const text =
    r.target === null
      ? `已收 ${r.collected} 份（无目标）`
      : `已收 ${r.collected} / 目标 ${r.target} 份`;
  return (
    <div
      data-testid="sample-progress"
      data-unit={r.code}
      data-collected={String(r.collected)}
      data-target={r.target === null ? "" : String(r.target)}
      style="margin:4px 0 8px"
    >
      <div style="display:flex;justify-content:space-between;gap:8px;flex-wrap:wrap;font-size:13px">
        <span>{props.label ?? r.name}</span>
        <span>
          {text}
          {r.met ? (
            <strong style={`color:${STATUS_COLOURS.green.text};margin-left:4px`}>已达标</strong>
          ) : null}
        </span>
      </div>
      <div
        role="progressbar"
        aria-label={`${r.name}抽样进度`}
        aria-valuemin={0}
        aria-valuemax={r.target ?? 0}
        aria-valuenow={Math.min(r.collected, r.target ?? r.collected)}
        aria-valuetext={text}
        style="height:8px;border-radius:4px;background:#e4e7eb;overflow:hidden;margin-top:3px"
      >
        <div style={`width:${pct(r.share)};height:100%;background:${colour}`} />
      </div>
    </div>
  );
}

/** The dashboard's 抽样进度 card; for a community, its own bar. */
export function SamplePlanCard(props: { view: SamplePlanView }) {
  const v = props.view;
  return (
    <section
      class="card"
      aria-labelledby="sample-h"
      data-testid="sample-plan"
      data-communities={String(v.communities)}
      data-met={String(v.met)}
      data-collected={String(v.collected)}
      data-target={String(v.target)}
    >
      <h2 id="sample-h">抽样进度 · {v.periodLabel}</h2>
      {v.communities === 0 ? (
        <p class="muted">本单位下没有社区（村），无抽样计划。</p>
      ) : (
        <>
          {v.communities > 1 ? (
            <p style="margin:0 0 6px" data-testid="sample-summary">
              {v.communities} 个社区（村）中 <strong>{v.met}</strong> 个已达目标样本量；合计已收{" "}
              <strong>{v.collected}</strong> / 目标 {v.target} 份
            </p>
          ) : null}
          {v.rows.map((r) => (
            <SampleProgressBar row={r} />
          ))}
          {v.more > 0 ? <p class="small muted">另有 {v.more} 个社区（村）未列出。</p> : null}
        </>
      )}
      <p class="small muted" style="margin:6px 0 0">
        目标样本量按上季度问卷得分的标准差计算，使满意度指数误差不超过 ±5 分（95%
        置信），并按常住人口校正，每个社区至少 30 份。
      </p>
    </section>
  );
}
