/**
 * The scoring page's view model (评估打分, issue 20): the unit's indicators of the quarter (the
 * figures GET /indicators answers, goalposts after the scheme's overrides) beside the scheme's
 * assessor items and adjustment items with what is stored, the total and its parts, and what the
 * signed-in user may do.
 */
import type { Kysely } from "kysely";
import { defaultSchemeDefinition, INDICATORS, type SchemeDefinition } from "../../metrics/index.ts";
import {
  ADJUSTMENT_KIND_LABELS,
  ASSESSMENT_STATE_LABELS as ST,
} from "../../shapes/assessment-labels.ts";
import { formatInstant, formatScore, formatWithUnit, NO_VALUE } from "../../shapes/format.ts";
import { formatPeriod } from "../../shapes/periods.ts";
import type { UnitResult } from "../../shapes/unit-result.ts";
import type { AssessmentPageView } from "../../web/pages/assessment-model.ts";
import type { TotalView } from "../../web/pages/overview-model.ts";
import type { DB } from "../db/database.ts";
import { indicatorReport } from "../indicators/report.ts";
import { DEFAULT_SCHEME_ID, resolveSchemeVersion, toSchemeVersion } from "../schemes/definition.ts";
import { listSchemeVersions } from "../schemes/queries.ts";
import { assessmentAccess, loadAssessment, type StoredAssessment } from "./assessment-access.ts";
import type { Resolved } from "./context.ts";
import { pagePath } from "./nav.ts";

/** The scheme definition of the default scheme's version valid in `year`. */
export async function schemeDefinitionOf(db: Kysely<DB>, year: number): Promise<SchemeDefinition> {
  const versions = (await listSchemeVersions(db, DEFAULT_SCHEME_ID)).map(toSchemeVersion);
  return resolveSchemeVersion(versions, year)?.definition ?? defaultSchemeDefinition();
}

/** `+2.0`, `−1.5`, `0.0`. */
export const signedText = (v: number) => {
  const s = formatScore(Math.abs(v));
  return v > 0 ? `+${s}` : v < 0 ? `−${s}` : s;
};

const STATE = (a: StoredAssessment | null) => (!a ? ST.none : a.signedOffAt ? ST.signed : ST.draft);

/** The totals of a UnitResult. */
export function totalsOf(u: UnitResult) {
  return {
    assessorScore: u.assessorScore,
    adjustment: u.adjustment,
    total: u.total,
    provisional: u.provisional,
  };
}

/** Whether the scheme's total may differ from the index (assessor items, weight or adjustments). */
export const isScoredScheme = (def: SchemeDefinition) =>
  def.assessorWeight > 0 || def.assessorItems.length + def.adjustmentItems.length > 0;

/** The dashboard's total card for the unit's result. */
export function totalView(
  def: SchemeDefinition,
  u: UnitResult,
  stored: StoredAssessment | null,
  scoringHref: string | null,
): TotalView {
  const t = totalsOf(u);
  return {
    ...t,
    index: u.index,
    stateLabel: def.assessorItems.length + def.adjustmentItems.length > 0 ? STATE(stored) : null,
    assessorWeight: def.assessorWeight,
    adjustmentCap: def.adjustmentCap,
    scoringHref,
    scored: isScoredScheme(def),
  };
}

/**
 * Builds /dashboard/{code}/assessment?period=… for a resolved request. `canWrite`: the caller may
 * score this unit (the API decides again on every write).
 */
export async function buildAssessmentPage(
  db: Kysely<DB>,
  page: Resolved,
  stored: StoredAssessment | null,
  access: { canWrite: boolean; canReopen: boolean; readOnlyReason: string | null },
): Promise<AssessmentPageView> {
  const { unit, quarter: q, principal } = page;
  const period = formatPeriod(q);
  const [def, report] = await Promise.all([
    schemeDefinitionOf(db, q.year),
    indicatorReport(page.engine, {
      period: q,
      orgUnit: unit.code,
      scopeUnitId: principal.scopeUnitId,
      children: false,
      schemeId: DEFAULT_SCHEME_ID,
    }),
  ]);
  const own = report.units[0]!;
  const t = totalsOf(own);
  const scores = new Map(stored?.items.map((i) => [i.code, i]) ?? []);
  const points = new Map(stored?.adjustments.map((a) => [a.code, a]) ?? []);
  return {
    ...page.ctx,
    apiPath: `/api/v1/assessments/${encodeURIComponent(unit.code)}/${period}`,
    stateLabel: STATE(stored),
    signed: stored?.signedOffAt != null,
    signedText: stored?.signedOffAt
      ? `${stored.signedOffBy ?? ""} 于 ${formatInstant(stored.signedOffAt)} 签署，已冻结`
      : null,
    ...access,
    indexText: formatScore(own.index),
    totalText: t.total === null ? NO_VALUE : formatScore(t.total),
    assessorScoreText: formatScore(t.assessorScore),
    adjustmentText: signedText(t.adjustment),
    provisional: t.provisional,
    assessorWeight: def.assessorWeight,
    adjustmentCap: def.adjustmentCap,
    indicators: own.indicators.map((i) => ({
      code: i.code,
      name: INDICATORS[i.code].nameZh,
      valueText: formatWithUnit(i.code, i.value),
      scoreText: formatScore(i.score),
      targetText: formatWithUnit(i.code, i.target),
      status: i.status,
    })),
    items: def.assessorItems.map((i) => ({
      code: i.code,
      name: i.name,
      weight: i.weight,
      score: scores.get(i.code)?.score ?? null,
      comment: scores.get(i.code)?.comment ?? "",
    })),
    adjustments: def.adjustmentItems.map((a) => ({
      code: a.code,
      name: a.name,
      kind: a.kind,
      kindLabel: ADJUSTMENT_KIND_LABELS[a.kind],
      maxPoints: a.maxPoints,
      points: points.get(a.code)?.points ?? null,
      reason: points.get(a.code)?.reason ?? "",
    })),
    overviewHref: pagePath("overview", unit.code, period),
  };
}

/** The overview's total card: the unit's result, the scheme of its year, what is stored. */
export async function overviewTotal(
  db: Kysely<DB>,
  page: Resolved,
  own: UnitResult,
): Promise<TotalView> {
  const [def, stored] = await Promise.all([
    schemeDefinitionOf(db, page.quarter.year),
    loadAssessment(db, page),
  ]);
  const scorable = def.assessorItems.length + def.adjustmentItems.length > 0;
  const href =
    scorable && assessmentAccess(page).canWrite
      ? pagePath("assessment", page.unit.code, formatPeriod(page.quarter))
      : null;
  return totalView(def, own, stored, href);
}
