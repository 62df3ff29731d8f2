/**
 * The quarterly assessment report (issue 9): reads the unit's results for the quarter, the
 * previous quarter (环比), the same quarter last year (同比) and the two quarters between (trend)
 * from the ReportSource, all under the scheme version of the quarter, and builds the serialisable
 * {@link QuarterlyReportModel}: summary, dimensions, ranking of the children, red indicators and
 * the units behind them, movers, survey samples, findings and recommendations, and for the
 * assessor edition the full tables, methodology, data quality and rank sensitivity.
 */
import { DIMENSION_DEFS, DIMENSIONS, type Status } from "../../metrics/index.ts";
import { periodLabel } from "../../shapes/format.ts";
import { LEVEL_LABELS } from "../../shapes/labels.ts";
import type { IndicatorSnapshot, ReportSource } from "../source.ts";
import { assessmentPart } from "./quarterly-assessment.ts";
import { assessorPart } from "./quarterly-assessor.ts";
import { deriveFindings, deriveRecommendations } from "./quarterly-findings.ts";
import {
  type QuarterlyReportModel,
  REPORT_MODEL_VERSION,
  type ReportDimension,
  type ReportEdition,
} from "./quarterly-model.ts";
import {
  byCode,
  dimZh,
  indicatorChangesOf,
  indicatorLine,
  MOVERS_SHOWN,
  moversOf,
  rankingOf,
  redItemsOf,
  surveyRow,
} from "./quarterly-parts.ts";
import { shiftPeriod, siblingCount } from "./quarterly-reads.ts";
import {
  dimensionSentences,
  moverSentences,
  summarySentences,
  surveySentences,
} from "./quarterly-text.ts";
import { assembleRectifications } from "./rectification-chapter.ts";

export { shiftPeriod } from "./quarterly-reads.ts";

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
  // In parallel where the store has several connections (PostgreSQL); PGlite queues them.
  let done = 0;
  const past = await Promise.all(
    [-1, -2, -3, -4].map((n) =>
      at(n).then((s) => {
        done += 1;
        progress(0.15 + 0.1 * done);
        return s;
      }),
    ),
  );
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

  const ranking = rankingOf(children, prev);
  const redItems = redItemsOf(lines, children, prev);
  const { improvements, declines } = moversOf(ranking);
  const prevUnit = prev.get(unit.code);
  const changes = indicatorChangesOf(lines, prevUnit);

  const survey = [unit, ...children].map(surveyRow);
  progress(0.6);

  const wantsAssessor = req.edition === "assessor";
  const [findingsOfQuality, sensitivity, rankedAmong, appeals, tasks, plans] = await Promise.all([
    source.dataQuality({ period: req.period, orgUnit: unit.code }),
    wantsAssessor
      ? source.sensitivity({ period: req.period, orgUnit: unit.code, ...pinned })
      : Promise.resolve(null),
    siblingCount(source, unit, req.period, pinned),
    wantsAssessor
      ? source.appeals({ period: req.period, orgUnit: unit.code })
      : Promise.resolve([]),
    source.rectifications({ period: req.period, orgUnit: unit.code }),
    wantsAssessor && source.samplePlans
      ? source.samplePlans({ period: req.period, orgUnit: unit.code })
      : Promise.resolve(null),
  ]);
  progress(0.75);

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
  const childLevel = children[0]?.level;
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
    title: `${unit.place ? `${unit.place} › ` : ""}${unit.name}${periodLabel(req.period)}基层治理成效评估报告`,
    period: current.period,
    periodZh: periodLabel(current.period),
    previousPeriod,
    lastYearPeriod,
    generatedAt: req.now,
    unit: {
      code: unit.code,
      name: unit.name,
      place: unit.place ?? null,
      level: unit.level,
      levelZh: LEVEL_LABELS[unit.level],
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
    rectifications: assembleRectifications(tasks, current.period, previousPeriod || null),
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
      appeals,
      samplePlans: plans,
    });
  }
  const def = current.scheme.definition;
  model.assessment = await assessmentPart(source, def, current.units, req.period, req.edition);
  progress(0.8);
  return model;
}
