/**
 * Display formatting shared by the pages and the dashboard bundle. Numbers are rounded only here,
 * half away from zero (INDICATORS.md "Rounding"); no value is shown as "—", never as 0.
 */

import { INDICATORS, type IndicatorCode } from "../metrics/catalogue.ts";
import { roundHalfAwayFromZero } from "../metrics/display.ts";
import { PERIOD_PATTERN, shanghaiWallClock } from "./periods.ts";

/** What a page shows for no value (a zero denominator, a missing return). */
export const NO_VALUE = "—";

/**
 * A number rounded for display, with fixed decimals (`84.30` stays `84.3` with one decimal;
 * yuan get thousands separators). `null`/`undefined` → "—".
 *
 * @example
 * ```ts
 * formatNumber(84.25, 1); // "84.3"
 * formatNumber(null, 1); // "—"
 * ```
 */
export function formatNumber(value: number | null | undefined, decimals: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NO_VALUE;
  const rounded = roundHalfAwayFromZero(value, decimals) ?? 0;
  return numberFormat(decimals).format(rounded);
}

// One formatter per number of decimals: `toLocaleString` builds a new one on every call (~20 µs),
// which adds up over the thousands of cells of a report. Stays a module cache (issue 17):
// pure memoisation of immutable formatters, the same for every store and process.
const formats = new Map<number, Intl.NumberFormat>();
function numberFormat(decimals: number): Intl.NumberFormat {
  let f = formats.get(decimals);
  if (!f) {
    f = new Intl.NumberFormat("zh-CN", {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
    });
    formats.set(decimals, f);
  }
  return f;
}

/** An index or a 0–100 score, one decimal. */
export function formatScore(value: number | null | undefined): string {
  return formatNumber(value, 1);
}

/** An indicator's value with its catalogue decimals (no unit). */
export function formatIndicator(code: IndicatorCode, value: number | null | undefined): string {
  return formatNumber(value, INDICATORS[code].decimals);
}

/** The unit as shown after a value: `%`, `‰`, `小时`, `元`, `人/万人`, `分`. */
export function unitText(code: IndicatorCode): string {
  const unit = INDICATORS[code].unit;
  return unit === "h" ? "小时" : unit === "每万人" ? "人/万人" : unit;
}

/** Value and unit, or "—" without a unit. */
export function formatWithUnit(code: IndicatorCode, value: number | null | undefined): string {
  const text = formatIndicator(code, value);
  if (text === NO_VALUE) return text;
  const unit = unitText(code);
  return unit === "%" || unit === "‰" ? `${text}${unit}` : `${text} ${unit}`;
}

/**
 * A signed change for display (`+1.2`, `−0.8`, `0.0`), or "—" when either side has no value.
 * The minus sign is U+2212 so that it reads as a sign, not a hyphen.
 */
export function formatDelta(
  current: number | null | undefined,
  previous: number | null | undefined,
  decimals: number,
): string {
  if (current == null || previous == null) return NO_VALUE;
  const d = roundHalfAwayFromZero(current - previous, decimals) ?? 0;
  const text = formatNumber(Math.abs(d), decimals);
  return d > 0 ? `+${text}` : d < 0 ? `−${text}` : text;
}

/**
 * Whether a change is an improvement: `better`, `worse` or `same`; `null` when not comparable.
 * For ↓ indicators (lower is better) a fall is an improvement.
 */
export function trendOf(
  current: number | null | undefined,
  previous: number | null | undefined,
  direction: "up" | "down" = "up",
): "better" | "worse" | "same" | null {
  if (current == null || previous == null) return null;
  if (current === previous) return "same";
  const up = current > previous;
  return up === (direction === "up") ? "better" : "worse";
}

const QUARTER_ZH = ["一", "二", "三", "四"] as const;

/** `2026Q3` → `2026年第三季度`; anything else unchanged. */
export function periodLabel(period: string): string {
  const m = PERIOD_PATTERN.exec(period);
  if (!m) return period;
  return `${m[1]}年第${QUARTER_ZH[Number(m[2]) - 1]}季度`;
}

/** `2026Q3` → `26Q3`, for chart axes on a phone. */
export function periodShort(period: string): string {
  return period.length === 6 ? `${period.slice(2, 4)}Q${period.slice(5)}` : period;
}

/** An instant as Beijing time, `2026-09-30 18:05`; "—" for none. */
export function formatInstant(iso: string | null | undefined): string {
  if (!iso) return NO_VALUE;
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return NO_VALUE;
  const local = shanghaiWallClock(t);
  return `${local.slice(0, 10)} ${local.slice(11, 16)}`;
}

/** When a source, the returns or the surveys last delivered data (GET /indicators' `dataAsOf`). */
export interface DataAsOfInstants {
  sources: readonly { lastReceivedAt: string | null }[];
  returns: string | null;
  surveys: string | null;
}

/**
 * What “数据截至” means on every page and in every file: the latest instant any data of the
 * figures was received (a case source, a quarterly return, a survey response), not when the page
 * or report was generated. Null when nothing was received.
 */
export function dataAsOfInstant(d: DataAsOfInstants): string | null {
  let best: string | null = null;
  let bestT = Number.NEGATIVE_INFINITY;
  for (const t of [...d.sources.map((s) => s.lastReceivedAt), d.returns, d.surveys]) {
    const ms = t ? Date.parse(t) : Number.NaN;
    if (!Number.isNaN(ms) && ms > bestT) {
      best = t;
      bestT = ms;
    }
  }
  return best;
}

/**
 * A file size for people: `1.2 MB` from 1 MiB up (one decimal), else whole `KB`, at least `1 KB`.
 *
 * @example
 * ```ts
 * formatBytes(1_572_864); // "1.5 MB"
 * formatBytes(300); // "1 KB"
 * ```
 */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${formatNumber(bytes / (1024 * 1024), 1)} MB`;
  return `${formatNumber(Math.max(1, Math.round(bytes / 1024)), 0)} KB`;
}
