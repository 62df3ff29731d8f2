/**
 * The quarterly assessment report (issue 9): reads the unit's results for the quarter, the
 * previous quarter (环比), the same quarter last year (同比) and the two quarters between (trend)
 * from the ReportSource, all under the scheme version of the quarter, and builds the serialisable
 * {@link QuarterlyReportModel}: summary, dimensions, ranking of the children, red indicators and
 * the units behind them, movers, survey samples, findings and recommendations, and for the
 * assessor edition the full tables, methodology, data quality and rank sensitivity.
 */
import {
  DIMENSION_DEFS,
  DIMENSIONS,
  type Dimension,
  INDICATORS,
  MIN_SURVEY_SAMPLE,
  type Status,
  wilsonInterval,
  Z95,
} from "../../metrics/index.ts";
import { LEVEL_LABELS, type OrgLevel, periodLabel } from "../../web/components/format.ts";
import type { IndicatorSnapshot, ReportSource, SourceUnit } from "../source.ts";
import { assessorPart } from "./quarterly-assessor.ts";
import { deriveFindings, deriveRecommendations } from "./quarterly-findings.ts";
import {
  type QuarterlyReportModel,
  REPORT_MODEL_VERSION,
  type ReportDimension,
  type ReportEdition,
  type ReportIndicator,
  type ReportIndicatorChange,
  type ReportMover,
  type ReportRankRow,
  type ReportRedItem,
  type ReportSurveyRow,
} from "./quarterly-model.ts";
import {
  dimensionSentences,
  moverSentences,
  summarySentences,
  surveySentences,
} from "./quarterly-text.ts";

export interface QuarterlyReportRequest {
  /** `2026Q3`. */
  period: string;
  orgUnit: string;
  edition: ReportEdition;
  schemeId?: string | undefined;
  schemeVersion?: number | undefined;
  /** "Now" (ISO 8601): the generation time shown on the cover. */
  now: string;
  /** Called with the fraction done (0–1) as the reads complete. */
  onProgress?: (fraction: number) => void;
}

/** How many units the movers list shows each way. */
export const MOVERS_SHOWN = 3;

/**
 * `period` shifted by `n` quarters (`2026Q1`, −1 → `2025Q4`); null outside 2000–2100.
 *
 * @example
 * ```ts
 * shiftPeriod("2026Q1", -1); // "2025Q4"
 * shiftPeriod("2026Q3", -4); // "2025Q3"
 * ```
 */
export function shiftPeriod(period: string, n: number): string | null {
  const m = /^(\d{4})Q([1-4])$/.exec(period);
  if (!m) throw new RangeError(`shiftPeriod: malformed period '${period}'`);
  const index = Number(m[1]) * 4 + Number(m[2]) - 1 + n;
  const year = Math.floor(index / 4);
  if (year < 2000 || year > 2100) return null;
  return `${year}Q${(index % 4) + 1}`;
}

function indicatorLine(
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
function surveyRow(u: SourceUnit): ReportSurveyRow {
  const { n, scoreSum, scoreSquares, overallN, satisfied } = u.survey;
  const mean = n > 0 ? scoreSum / n : null;
  let scoreCi: [number, number] | null = null;
  if (mean !== null && n >= 2) {
    const variance = Math.max(0, (scoreSquares - n * mean * mean) / (n - 1));
    const half = (Z95 * Math.sqrt(variance)) / Math.sqrt(n);
    scoreCi = [mean - half, mean + half];
  }
  const w = wilsonInterval(satisfied, overallN);
  return {
    code: u.code,
    name: u.name,
    n,
    score: mean,
    scoreCi,
    satisfactionRate: overallN > 0 ? (satisfied / overallN) * 100 : null,
    satisfactionCi: w === null ? null : [w[0] * 100, w[1] * 100],
    insufficient: n < MIN_SURVEY_SAMPLE,
  };
}

const byCode = (s: IndicatorSnapshot | null) => new Map((s?.units ?? []).map((u) => [u.code, u]));
const dimZh = (ds: readonly Dimension[]) => ds.map((d) => DIMENSION_DEFS[d].nameZh);

/**
 * Builds the quarterly report's model. Comparison quarters are read under the same scheme version
 * as the quarter (like with like); a quarter before 2000 counts as having no data.
 *
 * Degenerate cases: a unit with no children gives an empty ranking, movers and red-unit lists; a
 * quarter with no data gives indices of `null` and says so in words.
 *
 * @example
 * ```ts
 * const model = await assembleQuarterlyReport(source, {
 *   period: "2026Q3", orgUnit: "310101", edition: "leadership", now: new Date().toISOString(),
 * });
 * model.summary.sentences[0]; // "2026年第三季度，示范区综合指数为 78.4 分，等级为“合格”…"
 * ```
 */
export async function assembleQuarterlyReport(
  source: ReportSource,
  req: QuarterlyReportRequest,
): Promise<QuarterlyReportModel> {
  const progress = req.onProgress ?? (() => {});
  const current = await source.indicatorSnapshot({
    period: req.period,
    orgUnit: req.orgUnit,
    depth: "children",
    schemeId: req.schemeId,
    schemeVersion: req.schemeVersion,
  });
  progress(0.15);
  const pinned = { schemeId: current.scheme.id, schemeVersion: current.scheme.version };
  const at = async (n: number): Promise<IndicatorSnapshot | null> => {
    const period = shiftPeriod(req.period, n);
    if (period === null) return null;
    return source.indicatorSnapshot({ period, orgUnit: req.orgUnit, depth: "children", ...pinned });
  };
  // One after another: on PGlite (one connection) parallel reads only queue up anyway.
  const past: (IndicatorSnapshot | null)[] = [];
  for (const n of [-1, -2, -3, -4]) {
    past.push(await at(n));
    progress(0.15 + 0.1 * past.length);
  }
  const [prevSnap, , , yearSnap] = past;
  const unit = current.units[0]!;
  const children = current.units.slice(1);
  const prev = byCode(prevSnap ?? null);
  const year = byCode(yearSnap ?? null);

  const lines = indicatorLine(unit, current, prev.get(unit.code), year.get(unit.code));
  const dimensions: ReportDimension[] = DIMENSIONS.map((d) => {
    const dim: ReportDimension = {
      dimension: d,
      nameZh: DIMENSION_DEFS[d].nameZh,
      weight: current.scheme.definition.dimensions[d].weight,
      score: unit.dimensions[d],
      previous: prev.get(unit.code)?.dimensions[d] ?? null,
      lastYear: year.get(unit.code)?.dimensions[d] ?? null,
      sentences: [],
      indicators: lines.filter((l) => l.dimension === d),
    };
    dim.sentences = dimensionSentences(dim);
    return dim;
  });

  const statusCounts: Record<Status | "none", number> = { green: 0, amber: 0, red: 0, none: 0 };
  for (const l of lines) statusCounts[l.status ?? "none"] += 1;

  const ranking: ReportRankRow[] = children
    .map((c) => {
      const p = prev.get(c.code);
      const previousIndex = p?.index ?? null;
      return {
        code: c.code,
        name: c.name,
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

  const redItems: ReportRedItem[] = [];
  for (const l of lines) {
    const units = children
      .map((c) => ({ c, i: c.indicators.find((i) => i.code === l.code)! }))
      .filter(({ i }) => i.status === "red")
      .map(({ c, i }) => ({
        code: c.code,
        name: c.name,
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
  const prevUnit = prev.get(unit.code);
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

  const survey = [unit, ...children].map(surveyRow);
  progress(0.6);

  const wantsAssessor = req.edition === "assessor";
  const findingsOfQuality = await source.dataQuality({ period: req.period, orgUnit: unit.code });
  const sensitivity = wantsAssessor
    ? await source.sensitivity({ period: req.period, orgUnit: unit.code, ...pinned })
    : null;
  progress(0.75);

  let rankedAmong: number | null = null;
  if (unit.rank !== null && unit.parentCode !== null && !unit.siblingsIncluded) {
    // The parent may be outside the caller's scope: then the count is simply not shown.
    rankedAmong = await source
      .indicatorSnapshot({
        period: req.period,
        orgUnit: unit.parentCode,
        depth: "children",
        ...pinned,
      })
      .then((s) => s.units.length - 1)
      .catch(() => null);
  } else if (unit.rank !== null) {
    rankedAmong = 1;
  }

  const summaryBase = {
    index: unit.index,
    grade: unit.grade,
    rank: unit.rank,
    rankedAmong,
    complete: unit.complete,
    missingZh: dimZh(unit.missing),
    previousIndex: prevUnit?.index ?? null,
    lastYearIndex: year.get(unit.code)?.index ?? null,
    previousGrade: prevUnit?.grade ?? null,
    lastYearGrade: year.get(unit.code)?.grade ?? null,
    statusCounts,
  };
  const previousPeriod = shiftPeriod(req.period, -1) ?? "";
  const lastYearPeriod = shiftPeriod(req.period, -4) ?? "";
  const childLevel = children[0]?.level as OrgLevel | undefined;
  const childLevelZh = childLevel ? LEVEL_LABELS[childLevel] : null;
  const dq = { high: 0, medium: 0, low: 0 };
  for (const f of findingsOfQuality) dq[f.severity] += 1;
  const findingInput = {
    unitName: unit.name,
    indicators: lines,
    unitRedLastQuarter: new Set(
      (prevUnit?.indicators ?? []).filter((i) => i.status === "red").map((i) => i.code as string),
    ),
    index: unit.index,
    previousIndex: summaryBase.previousIndex,
    childLevelZh,
    ranking,
    redItems,
    survey,
    dataQuality: dq,
  };
  const findings = deriveFindings(findingInput);
  const trendSnaps = [yearSnap, past[2], past[1], prevSnap, current];
  const trendPeriods = [-4, -3, -2, -1, 0].map((n) => shiftPeriod(req.period, n));

  const model: QuarterlyReportModel = {
    kind: "quarterly-report",
    modelVersion: REPORT_MODEL_VERSION,
    edition: req.edition,
    editionZh: wantsAssessor ? "评估版" : "领导版",
    title: `${unit.name}${periodLabel(req.period)}基层治理成效评估报告`,
    period: current.period,
    periodZh: periodLabel(current.period),
    previousPeriod,
    lastYearPeriod,
    generatedAt: req.now,
    unit: {
      code: unit.code,
      name: unit.name,
      level: unit.level,
      levelZh: LEVEL_LABELS[unit.level as OrgLevel] ?? unit.level,
    },
    childLevelZh,
    scheme: {
      id: current.scheme.id,
      version: current.scheme.version,
      name: current.scheme.name,
      validFromYear: current.scheme.validFromYear,
    },
    dataAsOf: current.dataAsOf,
    summary: {
      ...summaryBase,
      sentences: summarySentences({
        ...summaryBase,
        unitName: unit.name,
        period: current.period,
        previousPeriod,
        lastYearPeriod,
        dimensions,
      }),
    },
    trend: trendSnaps.flatMap((s, i) => {
      const period = trendPeriods[i];
      if (!period) return [];
      const u = s?.units.find((x) => x.code === unit.code);
      return [
        {
          period,
          index: u?.index ?? null,
          dimensions: u
            ? { ...u.dimensions }
            : { governance: null, service: null, resources: null, participation: null },
        },
      ];
    }),
    dimensions,
    ranking,
    redItems,
    movers: {
      improvements,
      declines,
      indicatorImprovements: changes
        .filter((c) => c.scoreChange > 0)
        .sort((a, b) => b.scoreChange - a.scoreChange)
        .slice(0, MOVERS_SHOWN),
      indicatorDeclines: changes
        .filter((c) => c.scoreChange < 0)
        .sort((a, b) => a.scoreChange - b.scoreChange)
        .slice(0, MOVERS_SHOWN),
      sentences: moverSentences(improvements, declines, childLevelZh),
    },
    survey: { rows: survey, sentences: surveySentences(survey) },
    findings,
    recommendations: deriveRecommendations(findingInput, findings),
    assessor: null,
  };
  if (wantsAssessor && sensitivity) {
    model.assessor = assessorPart({
      scheme: current.scheme,
      tables: [unit, ...children].map((u) => ({
        code: u.code,
        name: u.name,
        indicators: indicatorLine(u, current, prev.get(u.code), year.get(u.code)),
      })),
      findings: findingsOfQuality,
      sensitivity,
    });
  }
  progress(0.8);
  return model;
}
