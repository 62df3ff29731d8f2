import {
  formatInstant,
  formatNumber,
  formatScore,
  formatWithUnit,
  NO_VALUE,
} from "../../shapes/format.ts";
import { STATUS_LABELS } from "../../shapes/labels.ts";
import type { FreshnessView, SurveyPanelView } from "../pages/overview-model.ts";
import type { RedItemView, RedSummaryView } from "../pages/red-items-model.ts";
import { rawValue } from "./dashboard-panels.tsx";

/** "连续 3 个季度" / "本季度新增". */
export function runningText(item: RedItemView): string {
  return item.newlyRed ? "本季度新转红" : `连续 ${item.runningQuarters} 个季度`;
}

/**
 * A red item's unit: a link, after its street (and community, for a grid) when it is not the
 * page's own unit, with its code when place and name still repeat another unit's.
 */
export function UnitName(props: { item: RedItemView; self: string }) {
  const i = props.item;
  return (
    <>
      {i.place && i.unitCode !== props.self ? (
        <span class="small muted" data-testid="unit-place">
          {i.place} ›{" "}
        </span>
      ) : null}
      <a href={i.href}>{i.unitName}</a>
      {i.showCode ? (
        <span class="small muted" data-testid="unit-code">
          {" "}
          {i.unitCode}
        </span>
      ) : null}{" "}
      <span class="small muted">{i.unitLevelLabel}</span>
    </>
  );
}

/** The red items of the subtree: count, the newly red, and the most severe few. */
export function RedPanel(props: { red: RedSummaryView; self: string }) {
  const { red } = props;
  return (
    <section class="card" aria-labelledby="red-h">
      <h2 id="red-h">红色指标</h2>
      <p style="margin:0 0 6px">
        本单位及下级共{" "}
        <strong data-testid="red-count" data-value={String(red.count)}>
          {red.count}
        </strong>{" "}
        项红色指标，其中本季度新转红{" "}
        <strong data-testid="newly-red-count">{red.newlyRedCount}</strong> 项。
      </p>
      {red.top.length > 0 ? (
        <ul class="feed">
          {red.top.map((i) => (
            <li>
              <UnitName item={i} self={props.self} /> · {i.code} {i.name}{" "}
              <strong class="st-red pill">{formatWithUnit(i.code, i.value)}</strong>{" "}
              <span class="small muted">
                目标 {formatWithUnit(i.code, i.target)}，{runningText(i)}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">本季度没有红色指标。</p>
      )}
      <p style="margin:8px 0 0">
        <a href={red.href} data-testid="red-items-link">
          查看全部红色指标与预警 ›
        </a>
      </p>
    </section>
  );
}

/** Satisfaction survey: score with its interval, sample size, by age band, latest comments. */
export function SurveyPanel(props: { survey: SurveyPanelView }) {
  const s = props.survey;
  if (!s.available) {
    return (
      <section class="card" aria-labelledby="survey-h">
        <h2 id="survey-h">满意度调查</h2>
        <div class="slot" data-testid="survey-slot">
          满意度调查统计暂不可用：{s.reason}
        </div>
      </section>
    );
  }
  const ci = s.scoreCi
    ? `95% 置信区间 ${formatScore(s.scoreCi[0])}–${formatScore(s.scoreCi[1])}`
    : "样本过少，无区间";
  return (
    <section class="card" aria-labelledby="survey-h">
      <h2 id="survey-h">满意度调查</h2>
      <p style="margin:0">
        满意度指数{" "}
        <strong style="font-size:22px" data-testid="survey-score" data-value={rawValue(s.score)}>
          {formatScore(s.score)}
        </strong>{" "}
        <span class="small muted">{ci}</span>
        {s.insufficient && <span class="flag">样本不足</span>}
      </p>
      <p class="small" style="margin:2px 0 6px">
        样本量 <strong data-testid="survey-n">{s.n}</strong> 份；满意率{" "}
        {s.satisfactionRate === null ? NO_VALUE : `${formatNumber(s.satisfactionRate, 1)}%`}
        {s.satisfactionCi
          ? `（${formatNumber(s.satisfactionCi[0], 1)}%–${formatNumber(s.satisfactionCi[1], 1)}%）`
          : ""}
      </p>
      {s.byAgeBand.length > 0 && (
        <table class="list">
          <caption class="small muted" style="text-align:left">
            按年龄段
          </caption>
          <thead>
            <tr>
              <th scope="col">年龄段</th>
              <th scope="col">样本</th>
              <th scope="col">指数</th>
            </tr>
          </thead>
          <tbody>
            {s.byAgeBand.map((b) => (
              <tr>
                <td>{b.band}</td>
                <td>{b.n}</td>
                <td>
                  {formatScore(b.score)}
                  {b.insufficient && <span class="flag">样本不足</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {s.comments === null ? null : s.comments.length === 0 ? (
        <p class="small muted">本季度暂无留言。</p>
      ) : (
        <>
          <h3 style="margin-top:8px">最新留言（已脱敏）</h3>
          <ul class="feed small" data-testid="survey-comments">
            {s.comments.map((c) => (
              <li>
                {c.text} <span class="muted">{c.at ? formatInstant(c.at) : ""}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** Data as of, per source; missing quarterly returns; data-quality findings. */
export function FreshnessPanel(props: { freshness: FreshnessView }) {
  const f = props.freshness;
  return (
    <section class="card" aria-labelledby="fresh-h">
      <h2 id="fresh-h">数据时效与质量</h2>
      {f.dataAsOf && (
        <p class="small" style="margin:0 0 4px" data-testid="data-as-of">
          数据截至 {formatInstant(f.dataAsOf)}
        </p>
      )}
      <table class="list">
        <thead>
          <tr>
            <th scope="col">数据来源</th>
            <th scope="col">最近接收</th>
          </tr>
        </thead>
        <tbody>
          {f.sources.length === 0 ? (
            <tr>
              <td colspan={2} class="muted">
                尚未接收数据
              </td>
            </tr>
          ) : (
            f.sources.map((s) => (
              <tr>
                <td>{s.label}</td>
                <td
                  title={s.maxReportedAt ? `最新事件 ${formatInstant(s.maxReportedAt)}` : undefined}
                >
                  {formatInstant(s.lastReceivedAt)}
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
      <p
        class="small"
        style="margin:8px 0 0"
        data-testid="missing-returns"
        data-value={String(f.missingReturns.count)}
      >
        季度报表：{f.missingReturns.total} 个{f.missingReturns.label}中{" "}
        {f.missingReturns.count === 0 ? "全部已报送" : `${f.missingReturns.count} 个未报送`}
      </p>
      {f.missingReturns.units.length > 0 && (
        <details class="small">
          <summary>未报送名单</summary>
          {f.missingReturns.units.map((u) => u.name).join("、")}
        </details>
      )}
      <p class="small" style="margin:6px 0 0" data-testid="findings">
        数据质量问题：
        {f.findings.count === null ? (
          "暂不可用"
        ) : f.findings.href ? (
          <a href={f.findings.href}>{f.findings.count} 项 ›</a>
        ) : (
          `${f.findings.count} 项`
        )}
      </p>
    </section>
  );
}

/** Status label of the quarter before a red item. */
export function previousStatusText(item: RedItemView): string {
  return item.previousStatus ? STATUS_LABELS[item.previousStatus] : "无数据";
}
