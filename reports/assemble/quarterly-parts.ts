/**
 * The quarterly report's tables, from the snapshots the assembler read: each unit's indicator
 * lines (with 环比 and 同比 values), survey samples, the children's ranking, red indicators with
 * the units behind them, and the biggest movers. Plain data in, plain data out.
 */
import {
  DIMENSION_DEFS,
  type Dimension,
  INDICATORS,
  surveyStatsFromSums,
} from "../../metrics/index.ts";
import type { IndicatorSnapshot, SourceUnit } from "../source.ts";
import type {
  ReportIndicator,
  ReportIndicatorChange,
  ReportMover,
  ReportRankRow,
  ReportRedItem,
  ReportSurveyRow,
} from "./quarterly-model.ts";

/** How many units the movers list shows each way. */
export const MOVERS_SHOWN = 3;

/** Chinese names of dimensions. */
export const dimZh = (ds: readonly Dimension[]) => ds.map((d) => DIMENSION_DEFS[d].nameZh);

/** Units by code. */
export const byCode = (s: IndicatorSnapshot | null) =>
  new Map((s?.units ?? []).map((u) => [u.code, u]));

/**
 * A unit's indicator lines: the API's figures, the scheme's goalposts and weights, the values of
 * the previous quarter and of a year earlier, and whether the value is worse than the floor.
 */
export function indicatorLine(
  u: SourceUnit,
  snapshot: IndicatorSnapshot,
  previous: SourceUnit | undefined,
  lastYear: SourceUnit | undefined,
): ReportIndicator[] {
  return u.indicators.map((i) => {
    const def = INDICATORS[i.code];
    const setting = snapshot.scheme.definition.indicators[i.code];
    const worse =
      i.value !== null &&
      (setting.direction === "down" ? i.value > setting.floor : i.value < setting.floor);
    return {
      code: i.code,
      nameZh: def.nameZh,
      dimension: def.dimension,
      unit: def.unit,
      decimals: def.decimals,
      direction: setting.direction,
      target: i.target,
      floor: i.floor,
      weight: setting.weight,
      numerator: i.numerator,
      denominator: i.denominator,
      value: i.value,
      score: i.score,
      status: i.status,
      previous: previous?.indicators.find((p) => p.code === i.code)?.value ?? null,
      lastYear: lastYear?.indicators.find((p) => p.code === i.code)?.value ?? null,
      belowFloor: worse,
    };
  });
}

/** G4's sample statistics from the survey sums, as the API's `survey` of a UnitResult. */
export function surveyRow(u: SourceUnit): ReportSurveyRow {
  const st = surveyStatsFromSums(u.survey);
  return {
    code: u.code,
    name: u.label ?? u.name,
    n: st.n,
    score: st.score,
    scoreCi: st.scoreCi,
    satisfactionRate: st.satisfactionRate,
    satisfactionCi: st.satisfactionCi,
    insufficient: st.insufficient,
  };
}

/** The children ranked (unranked last, then by code), with their change against Q−1. */
export function rankingOf(
  children: readonly SourceUnit[],
  prev: ReadonlyMap<string, SourceUnit>,
): ReportRankRow[] {
  return children
    .map((c) => {
      const p = prev.get(c.code);
      const previousIndex = p?.index ?? null;
      return {
        code: c.code,
        name: c.label ?? c.name,
        index: c.index,
        grade: c.grade,
        rank: c.rank,
        complete: c.complete,
        missingZh: dimZh(c.missing),
        dimensions: { ...c.dimensions },
        previousIndex,
        change: c.index !== null && previousIndex !== null ? c.index - previousIndex : null,
        red: c.indicators.filter((i) => i.status === "red").length,
      };
    })
    .sort(
      (a, b) =>
        (a.rank ?? Number.POSITIVE_INFINITY) - (b.rank ?? Number.POSITIVE_INFINITY) ||
        a.code.localeCompare(b.code),
    );
}

/** Indicators red at the unit or in any child, each with its red children (lowest score first). */
export function redItemsOf(
  lines: readonly ReportIndicator[],
  children: readonly SourceUnit[],
  prev: ReadonlyMap<string, SourceUnit>,
): ReportRedItem[] {
  const redItems: ReportRedItem[] = [];
  for (const l of lines) {
    const units = children
      .map((c) => ({ c, i: c.indicators.find((i) => i.code === l.code)! }))
      .filter(({ i }) => i.status === "red")
      .map(({ c, i }) => ({
        code: c.code,
        name: c.label ?? c.name,
        value: i.value,
        score: i.score,
        redLastQuarter:
          prev.get(c.code)?.indicators.find((p) => p.code === l.code)?.status === "red",
      }))
      .sort((a, b) => (a.score ?? 0) - (b.score ?? 0) || a.code.localeCompare(b.code));
    if (l.status === "red" || units.length > 0) {
      redItems.push({
        code: l.code,
        nameZh: l.nameZh,
        unit: l.unit,
        decimals: l.decimals,
        target: l.target,
        floor: l.floor,
        value: l.value,
        score: l.score,
        status: l.status,
        units,
      });
    }
  }
  return redItems;
}

/** The children whose index rose and fell most against the previous quarter. */
export function moversOf(ranking: readonly ReportRankRow[]): {
  improvements: ReportMover[];
  declines: ReportMover[];
} {
  const moved = ranking
    .filter((r) => r.change !== null && r.index !== null && r.previousIndex !== null)
    .map(
      (r): ReportMover => ({
        code: r.code,
        name: r.name,
        index: r.index!,
        previousIndex: r.previousIndex!,
        change: r.change!,
      }),
    );
  const improvements = moved
    .filter((m) => m.change > 0)
    .sort((a, b) => b.change - a.change || a.code.localeCompare(b.code))
    .slice(0, MOVERS_SHOWN);
  const declines = moved
    .filter((m) => m.change < 0)
    .sort((a, b) => a.change - b.change || a.code.localeCompare(b.code))
    .slice(0, MOVERS_SHOWN);
  return { improvements, declines };
}

/** The unit's indicators whose score changed against the previous quarter. */
export function indicatorChangesOf(
  lines: readonly ReportIndicator[],
  prevUnit: SourceUnit | undefined,
): ReportIndicatorChange[] {
  const changes: ReportIndicatorChange[] = [];
  for (const l of lines) {
    const p = prevUnit?.indicators.find((i) => i.code === l.code);
    if (l.score === null || p?.score == null || l.value === null || p.value === null) continue;
    if (l.score === p.score) continue;
    changes.push({
      code: l.code,
      nameZh: l.nameZh,
      unit: l.unit,
      decimals: l.decimals,
      value: l.value,
      previous: p.value,
      scoreChange: l.score - p.score,
    });
  }
  return changes;
}
