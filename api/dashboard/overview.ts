/**
 * The unit overview's view model. The unit's and its children's figures are exactly GET
 * /indicators' answer (`indicatorReport`, same scope rules); the trend, sparklines, the radar's
 * previous quarter and the red items come from the same engine over the other quarters
 * (`subtreeHistory`); the survey panel, the sample progress (issue 22) and data quality from the
 * queries their APIs use.
 */
import type { Kysely } from "kysely";
import {
  DIMENSION_DEFS,
  DIMENSIONS,
  GRADE_THRESHOLDS,
  type Grade,
  INDICATORS,
  type IndicatorCode,
} from "../../metrics/index.ts";
import { LEVEL_LABELS } from "../../shapes/labels.ts";
import { formatPeriod, shiftQuarter } from "../../shapes/periods.ts";
import { type UnitResult, unratedReason } from "../../shapes/unit-result.ts";
import type {
  ChildRow,
  IndicatorView,
  OverviewView,
  SummaryView,
} from "../../web/pages/overview-model.ts";
import { can } from "../access/permissions.ts";
import type { DB } from "../db/database.ts";
import { childrenOf, siblingsOf } from "../org-tree/tree-index.ts";
import { quarterFigures } from "../periods/official.ts";
import { DEFAULT_SCHEME_ID } from "../schemes/definition.ts";
import { samplePlanView } from "../surveys/sample-plan-view.ts";
import { overviewTotal } from "./assessment-page.ts";
import type { Resolved } from "./context.ts";
import { freshnessView } from "./freshness.ts";
import type { History } from "./history.ts";
import { pagePath } from "./nav.ts";
import { historyAndRedItems } from "./red-page.ts";
import { buildReportListView } from "./report-list.ts";
import { surveyPanel } from "./survey.ts";

/** How many red items the overview lists (the red-items page lists all). */
export const RED_ON_OVERVIEW = 5;

const GRADE_BY_LABEL = new Map<string, Grade>(GRADE_THRESHOLDS.map((t) => [t.labelZh, t.grade]));

/** The API's Chinese grade label back to the grade key the palette uses. */
export function gradeKey(label: string | null): Grade | null {
  return label === null ? null : (GRADE_BY_LABEL.get(label) ?? null);
}

const missingLabels = (r: UnitResult) => r.missing.map((d) => DIMENSION_DEFS[d].nameZh);

function childRow(r: UnitResult, period: string, choiceQuery: string): ChildRow {
  return {
    code: r.code,
    name: r.name,
    // Drilling down keeps the page's choice of figures (live=true, version=N).
    href: pagePath("overview", r.code, period, choiceQuery),
    index: r.index,
    total: r.total,
    provisional: r.provisional,
    unratedReason: unratedReason(r),
    grade: gradeKey(r.grade),
    rank: r.rank,
    complete: r.complete,
    missingLabels: missingLabels(r),
    insufficientSample: r.survey.n > 0 && r.survey.insufficient,
    dimensions: DIMENSIONS.map((d) => ({ key: d, score: r.dimensions[d].score })),
    cells: r.indicators.map((i) => ({
      code: i.code as IndicatorCode,
      value: i.value,
      status: i.status,
      numerator: i.numerator,
      denominator: i.denominator,
    })),
  };
}

function indicatorViews(
  r: UnitResult,
  history: History,
  unitId: number,
  trendPeriods: readonly string[],
): IndicatorView[] {
  return r.indicators.map((i) => {
    const code = i.code as IndicatorCode;
    const def = INDICATORS[code];
    return {
      code,
      name: def.nameZh,
      dimension: def.dimension,
      unit: def.unit,
      direction: def.direction,
      value: i.value,
      numerator: i.numerator,
      denominator: i.denominator,
      score: i.score,
      status: i.status,
      target: i.target,
      floor: i.floor,
      previous: i.previous,
      lastYear: i.lastYear,
      sparkline: trendPeriods.map((p) => history.get(p)?.get(unitId)?.values[code] ?? null),
      insufficientSample: code === "G4" && r.survey.n > 0 && r.survey.insufficient,
    };
  });
}

/** Builds /dashboard/{code}?period=… for a resolved request. */
export async function buildOverview(
  db: Kysely<DB>,
  page: Resolved,
  charts: boolean,
): Promise<OverviewView> {
  const { unit, quarter: q, tree, principal } = page;
  const period = formatPeriod(q);
  const previousPeriod = formatPeriod(shiftQuarter(q, -1));
  const lastYearPeriod = formatPeriod(shiftQuarter(q, -4));
  const req = {
    period: q,
    orgUnit: unit.code,
    scopeUnitId: principal.scopeUnitId,
    children: true,
    schemeId: DEFAULT_SCHEME_ID,
    ...page.choice,
  };
  // The page's rule (official for a closed quarter unless live=true or version=N), as GET
  // /indicators answers it; the history reads the same closings for the other quarters.
  const [report, { history, red }] = await Promise.all([
    quarterFigures(page.engine, req),
    historyAndRedItems(db, page),
  ]);
  const official = report.official;
  const own = report.units[0]!;
  const kids = report.units.slice(1);
  const trendPeriods = page.quarters.map(formatPeriod);
  const at = (p: string) => history.get(p)?.get(unit.id);

  const summary: SummaryView = {
    index: own.index,
    grade: gradeKey(own.grade),
    rank: own.rank,
    siblings: unit.parentId === null ? null : siblingsOf(tree, unit).length,
    complete: own.complete,
    missingLabels: missingLabels(own),
    previousIndex: at(previousPeriod)?.index ?? null,
    lastYearIndex: at(lastYearPeriod)?.index ?? null,
    previousPeriod,
    lastYearPeriod,
  };
  const dimensions = DIMENSIONS.map((d) => ({
    key: d,
    label: DIMENSION_DEFS[d].nameZh,
    score: own.dimensions[d].score,
    previous: at(previousPeriod)?.dimensions[d] ?? null,
  }));
  const childLevel = childrenOf(tree, unit.id)[0]?.level;

  const [survey, freshness, reports, samplePlan] = await Promise.all([
    surveyPanel(db, page.engine, page.state, principal, unit, q, own.survey),
    freshnessView(db, page, report.dataAsOf),
    buildReportListView(db, principal, unit, q),
    can(principal.role, "indicators.read") ? samplePlanView(db, unit, q) : null,
  ]);

  return {
    ...page.ctx,
    charts,
    summary,
    total: await overviewTotal(db, page, own),
    dimensions,
    // Each closed quarter's point is its official index, an open one's live (the history reads
    // the page's closings); the selected quarter's point is the index shown above it.
    trend: trendPeriods.map((p) => ({
      period: p,
      index: p === period && official ? own.index : (at(p)?.index ?? null),
    })),
    indicators: indicatorViews(own, history, unit.id, trendPeriods),
    childLevelLabel: childLevel ? LEVEL_LABELS[childLevel] : null,
    // Rank order (unranked last, by code), as the table's 排名 header says.
    children: kids
      .map((k) => childRow(k, period, page.choiceQuery))
      .sort(
        (a, b) =>
          (a.rank ?? Number.POSITIVE_INFINITY) - (b.rank ?? Number.POSITIVE_INFINITY) ||
          a.code.localeCompare(b.code),
      ),
    red: {
      count: red.length,
      newlyRedCount: red.filter((r) => r.newlyRed).length,
      top: red.slice(0, RED_ON_OVERVIEW),
      href: pagePath("red-items", unit.code, period, page.choiceQuery),
    },
    survey,
    samplePlan,
    reports,
    freshness,
  };
}
