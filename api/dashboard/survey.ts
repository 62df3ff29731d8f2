/**
 * The dashboard's survey panel: the satisfaction index with its interval and sample size (the
 * engine's G4 figures, so the panel and the G4 card agree), the mean response score by age band
 * (the same stored scores, split by band in SQL and memoised under the quarter's data version),
 * and the latest comments for roles that may read them. Comments were masked at ingest; they are
 * masked again here in case a row came in by another path.
 */
import type { Kysely } from "kysely";
import { MIN_SURVEY_SAMPLE } from "../../metrics/index.ts";
import { formatPeriod, type Quarter, quarterEnd, quarterStart } from "../../shapes/periods.ts";
import type { SurveySampleSummary } from "../../shapes/survey-stats.ts";
import type { SurveyPanelView } from "../../web/pages/overview-model.ts";
import { can } from "../access/permissions.ts";
import type { Principal } from "../access/principal.ts";
import type { DB } from "../db/database.ts";
import {
  type EngineState,
  type IndicatorEngine,
  SATISFACTION_SURVEY,
  versionKey,
} from "../indicators/engine.ts";
import type { UnitRef } from "../org-tree/queries.ts";
import { maskPersonalNumbers } from "../surveys/privacy.ts";
import { findSurvey, latestComments } from "../surveys/queries.ts";
import { surveyScoresByAgeBand } from "./queries.ts";

const AGE_BANDS: { key: string; label: string }[] = [
  { key: "18-39", label: "18–39 岁" },
  { key: "40-59", label: "40–59 岁" },
  { key: "60-79", label: "60–79 岁" },
  { key: "80+", label: "80 岁及以上" },
  { key: "unknown", label: "未填写" },
];

/** How many comments the overview shows. */
export const COMMENTS_SHOWN = 5;

/**
 * The survey panel of `unit` for quarter `q`, `headline` being the engine's survey figures of the
 * unit. A role without `surveyStats.read`, or an instance without the satisfaction survey, gets a
 * marked slot instead; comments need `surveyComments.read` (null otherwise).
 */
export async function surveyPanel(
  db: Kysely<DB>,
  engine: IndicatorEngine,
  state: EngineState,
  principal: Principal,
  unit: UnitRef,
  q: Quarter,
  headline: SurveySampleSummary,
): Promise<SurveyPanelView> {
  if (!can(principal.role, "surveyStats.read")) {
    return { available: false, reason: "您的角色无权查看满意度调查统计。" };
  }
  if (!(await findSurvey(db, SATISFACTION_SURVEY))) {
    return { available: false, reason: "尚未配置满意度问卷。" };
  }
  const window = {
    surveyId: SATISFACTION_SURVEY,
    rootId: unit.id,
    from: quarterStart(q),
    to: quarterEnd(q),
  };
  // Responses bump their quarter's data version, so the version key covers both reads.
  const key = `${unit.id}|${formatPeriod(q)}|${state.treeKey}|${versionKey(q, state)}`;
  const [rows, comments] = await Promise.all([
    engine.memo(`dash-age|${key}`, 1, () => surveyScoresByAgeBand(db, window)),
    can(principal.role, "surveyComments.read")
      ? engine.memo(`dash-comments|${key}`, 1, () =>
          latestComments(db, { ...window, limit: COMMENTS_SHOWN }),
        )
      : Promise.resolve(null),
  ]);
  const byBand = new Map(rows.map((r) => [r.band, r]));
  const byAgeBand = AGE_BANDS.filter((b) => (byBand.get(b.key)?.n ?? 0) > 0).map((b) => {
    const r = byBand.get(b.key)!;
    return {
      band: b.label,
      n: r.n,
      score: r.scoreSum / r.n,
      insufficient: r.n < MIN_SURVEY_SAMPLE,
    };
  });
  return {
    available: true,
    n: headline.n,
    score: headline.score,
    scoreCi: headline.scoreCi,
    satisfactionRate: headline.satisfactionRate,
    satisfactionCi: headline.satisfactionCi,
    insufficient: headline.insufficient,
    byAgeBand,
    comments:
      comments?.map((c) => ({
        text: `${c.orgUnitName}：${maskPersonalNumbers(c.comment)}`,
        at: c.submittedAt.toISOString(),
      })) ?? null,
  };
}
