import { DIMENSION_DEFS, INDICATORS } from "../../metrics/catalogue.ts";
import {
  formatIndicator,
  formatNumber,
  formatScore,
  formatWithUnit,
  NO_VALUE,
  unitText,
} from "../../shapes/format.ts";
import { STATUS_LABELS } from "../../shapes/labels.ts";
import type { DimensionView, IndicatorView } from "../pages/overview-model.ts";
import { Delta, rawValue } from "./dashboard-panels.tsx";
import { Sparkline } from "./sparkline.tsx";

/** Formats a numerator or denominator (they may carry fractions: hours, score sums). */
function formatPart(v: number | null): string {
  if (v === null) return NO_VALUE;
  return formatNumber(v, Number.isInteger(v) ? 0 : 2);
}

/** The hover text of a value: its numerator and denominator. */
export function fractionTitle(
  name: string,
  numerator: number | null,
  denominator: number | null,
): string {
  return `${name}：分子 ${formatPart(numerator)} / 分母 ${formatPart(denominator)}`;
}

/** One indicator card: value, unit, target, status colour and label, 环比/同比, sparkline. */
export function IndicatorCard(props: { ind: IndicatorView }) {
  const i = props.ind;
  const def = INDICATORS[i.code];
  const st = i.status ?? "none";
  return (
    <article
      class={`card ind st-${st}`}
      data-testid={`indicator-${i.code}`}
      data-value={rawValue(i.value)}
      data-status={i.status ?? ""}
      title={fractionTitle(i.name, i.numerator, i.denominator)}
    >
      <div class="name">
        <span>
          {i.code} {i.name}
        </span>
        <span class={`pill st-${st}`}>{i.status ? STATUS_LABELS[i.status] : "无数据"}</span>
      </div>
      <div class="val">
        {formatIndicator(i.code, i.value)}
        {i.value !== null && <small class="small"> {unitText(i.code)}</small>}
        {i.insufficientSample && (
          <span class="flag" title={`样本量 ${formatPart(i.denominator)}，少于 30`}>
            样本不足
          </span>
        )}
      </div>
      <div class="meta">
        <span>
          目标 {def.direction === "up" ? "≥" : "≤"} {formatWithUnit(i.code, i.target)}
        </span>
        <span>
          环比{" "}
          <Delta
            current={i.value}
            previous={i.previous}
            decimals={def.decimals}
            direction={i.direction}
          />
        </span>
        <span>
          同比{" "}
          <Delta
            current={i.value}
            previous={i.lastYear}
            decimals={def.decimals}
            direction={i.direction}
          />
        </span>
      </div>
      {/* Hover shows the title; a tap (phones have no hover) opens this. */}
      <details class="frac small" data-testid={`fraction-${i.code}`}>
        <summary>分子/分母</summary>
        分子 {formatPart(i.numerator)} / 分母 {formatPart(i.denominator)}
      </details>
      <Sparkline values={i.sparkline} label={`${i.name}各季度走势`} />
    </article>
  );
}

/** The 17 cards grouped by dimension. */
export function IndicatorGroups(props: {
  indicators: IndicatorView[];
  dimensions: DimensionView[];
}) {
  return (
    <section class="card" aria-labelledby="ind-h">
      <h2 id="ind-h">指标详情</h2>
      <div class="legend small" aria-hidden="true">
        <span>
          <span class="dot dot-green" />
          达标（得分 100）
        </span>
        <span>
          <span class="dot dot-amber" />
          预警（60–99.9）
        </span>
        <span>
          <span class="dot dot-red" />
          红色（低于 60）
        </span>
        <span>
          <span class="dot dot-none" />
          无数据
        </span>
        <span class="muted">悬停或点按“分子/分母”查看分子、分母</span>
      </div>
      {props.dimensions.map((d) => (
        <div class="dimgroup">
          <h3>
            {DIMENSION_DEFS[d.key].nameZh}{" "}
            <span class="muted small">得分 {formatScore(d.score)}</span>
          </h3>
          <div class="cards">
            {props.indicators
              .filter((i) => i.dimension === d.key)
              .map((i) => (
                <IndicatorCard ind={i} />
              ))}
          </div>
        </div>
      ))}
    </section>
  );
}
