import { formatDelta, formatScore, NO_VALUE, periodLabel, trendOf } from "../../shapes/format.ts";
import { GRADE_LABELS } from "../../shapes/labels.ts";
import { SERIES_COLOURS } from "../../shapes/theme.ts";
import type { DimensionView, SummaryView, TrendPoint } from "../pages/overview-model.ts";

/** `data-value` of a raw number: the full-precision value, or empty for none. */
export const rawValue = (v: number | null | undefined) =>
  v === null || v === undefined ? "" : String(v);

/** A change with its arrow and improvement colour; "—" when not comparable. */
export function Delta(props: {
  current: number | null;
  previous: number | null;
  decimals: number;
  direction?: "up" | "down";
  testid?: string;
}) {
  const text = formatDelta(props.current, props.previous, props.decimals);
  // Arrow and colour follow the change as shown: a change that rounds to 0.0 is neutral, not ↓0.0.
  const shown = text.startsWith("+") ? 1 : text.startsWith("−") ? -1 : 0;
  const trend =
    text === NO_VALUE
      ? null
      : shown === 0
        ? "same"
        : trendOf(props.current, props.previous, props.direction ?? "up");
  const arrow = shown > 0 ? "↑" : shown < 0 ? "↓" : "";
  return (
    <span class={trend ?? "same"} data-testid={props.testid}>
      {arrow}
      {text}
    </span>
  );
}

/** Overall index, grade, rank, completeness and the comparisons with 环比 and 同比 quarters. */
export function SummaryCard(props: {
  summary: SummaryView;
  dimensions: DimensionView[];
  childLevel: string | null;
  levelLabel: string;
  /** The scheme scores (total ≠ index): grade and rank follow the total, so say so. */
  scored?: boolean;
}) {
  const s = props.summary;
  const gradeKey = s.grade ?? "none";
  return (
    <section class="card" aria-labelledby="summary-h">
      <h2 id="summary-h">综合指数</h2>
      <div style="display:flex;align-items:baseline;gap:12px;flex-wrap:wrap">
        <span class="bigindex" data-testid="overall-index" data-value={rawValue(s.index)}>
          {s.index === null ? NO_VALUE : formatScore(s.index)}
        </span>
        <span
          class={`grade gr-${gradeKey}`}
          data-testid="overall-grade"
          data-value={s.grade ?? ""}
          title={props.scored ? "等级按综合得分评定" : undefined}
        >
          {props.scored ? "综合得分等级 " : ""}
          {s.grade ? GRADE_LABELS[s.grade] : "无等级"}
        </span>
        {!s.complete && (
          <span class="flag" data-testid="incomplete" title={`缺少：${s.missingLabels.join("、")}`}>
            数据不全
          </span>
        )}
      </div>
      {!s.complete && (
        <p class="small muted" style="margin:4px 0">
          {s.missingLabels.join("、")} 无得分，不计算综合指数。
        </p>
      )}
      <p
        class="small"
        style="margin:4px 0"
        data-testid="overall-rank"
        data-value={rawValue(s.rank)}
      >
        {s.rank !== null && s.siblings !== null
          ? `在 ${s.siblings} 个同级${props.levelLabel}中排第 ${s.rank} 名${props.scored ? "（按综合得分）" : ""}`
          : s.siblings === null
            ? "最高层级，不参与排名"
            : "未排名"}
      </p>
      <div class="cmp">
        <span class="muted">环比（{periodLabel(s.previousPeriod)}）</span>
        <span>
          {formatScore(s.previousIndex)}{" "}
          <Delta current={s.index} previous={s.previousIndex} decimals={1} testid="index-qoq" />
        </span>
        <span class="muted">同比（{periodLabel(s.lastYearPeriod)}）</span>
        <span>
          {formatScore(s.lastYearIndex)}{" "}
          <Delta current={s.index} previous={s.lastYearIndex} decimals={1} testid="index-yoy" />
        </span>
      </div>
      <ul class="dims" aria-label="四类指标得分">
        {props.dimensions.map((d) => (
          <li>
            <span class="muted">{d.label}</span>{" "}
            <strong data-testid={`dimension-${d.key}`} data-value={rawValue(d.score)}>
              {formatScore(d.score)}
            </strong>{" "}
            <Delta current={d.score} previous={d.previous} decimals={1} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A chart container the browser bundle draws into; its label describes the chart for readers. */
export function ChartBox(props: { id: string; label: string; height?: number; on: boolean }) {
  const style = props.height ? `height:${props.height}px` : undefined;
  return (
    <div
      id={`chart-${props.id}`}
      class={props.on ? "chart" : "chart chart-off"}
      data-chart={props.id}
      role="img"
      aria-label={props.label}
      style={style}
    >
      {props.on ? null : <span>图表已关闭</span>}
    </div>
  );
}

/** The four dimension scores against the previous quarter, with an HTML legend. */
export function RadarCard(props: {
  dimensions: DimensionView[];
  charts: boolean;
  previousPeriod: string;
}) {
  const label = `四类指标得分雷达图，与${periodLabel(props.previousPeriod)}对比：${props.dimensions
    .map((d) => `${d.label} ${formatScore(d.score)}（上季度 ${formatScore(d.previous)}）`)
    .join("；")}`;
  return (
    <section class="card" aria-labelledby="radar-h">
      <h2 id="radar-h">四类指标得分（与上季度对比）</h2>
      <div class="legend small" aria-hidden="true">
        <span>
          <span class="dot" style={`background:${SERIES_COLOURS[0]}`} />
          本季度
        </span>
        <span>
          <span class="dot" style={`background:${SERIES_COLOURS[1]}`} />
          上季度（{periodLabel(props.previousPeriod)}，虚线）
        </span>
      </div>
      <ChartBox id="radar" label={label} on={props.charts} />
    </section>
  );
}

/** The index over every quarter with data; the page's quarter is the larger point. */
export function TrendCard(props: { trend: TrendPoint[]; charts: boolean }) {
  const label = `综合指数趋势：${props.trend.map((p) => `${p.period} ${formatScore(p.index)}`).join("，")}`;
  return (
    <section class="card" aria-labelledby="trend-h">
      <h2 id="trend-h">综合指数趋势</h2>
      <ChartBox id="trend" label={label} on={props.charts} />
    </section>
  );
}
