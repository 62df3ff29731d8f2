/**
 * Survey statistics of a unit's subtree in a quarter: metrics' surveySummary of the responses
 * (n, score and satisfaction with their intervals, Cronbach's alpha), each item's answer
 * distribution, the same summary by age band and by mode, optionally each direct child's, and
 * the latest comments for roles that may read them, and the counts of responses flagged as
 * possible stuffing (those an assessor confirmed count in none of the figures).
 */
import type { Kysely } from "kysely";
import { SURVEY_ITEMS, type SurveyAnswers, surveySummary } from "../../metrics/index.ts";
import { type Quarter, quarterEnd, quarterStart } from "../../shapes/periods.ts";
import type { SurveySampleSummary } from "../../shapes/survey-stats.ts";
import type { DB } from "../db/database.ts";
import { NotFound } from "../errors.ts";
import type { UnitRef } from "../org-tree/queries.ts";
import { flagCountsByUnit } from "./integrity/queries.ts";
import {
  childUnits,
  findSurvey,
  latestComments,
  type ResponseStatsRow,
  responseStatsRows,
} from "./queries.ts";

const AGE_BANDS = ["18-39", "40-59", "60-79", "80+"];
const MODES = ["self", "assisted"];
/** Comments listed, newest first. */
const COMMENT_LIMIT = 50;

const toAnswers = (r: ResponseStatsRow): SurveyAnswers => ({
  overall: r.overall,
  timeliness: r.timeliness,
  effectiveness: r.effectiveness,
  transparency: r.transparency,
  attitude: r.attitude,
});

function group(rows: readonly ResponseStatsRow[]): SurveySampleSummary {
  const s = surveySummary(rows.map(toAnswers));
  return {
    n: s.n,
    score: s.score,
    scoreCi: s.scoreCi ? ([s.scoreCi[0], s.scoreCi[1]] as [number, number]) : null,
    satisfactionRate: s.satisfactionRate,
    satisfactionCi: s.satisfactionCi
      ? ([s.satisfactionCi[0], s.satisfactionCi[1]] as [number, number])
      : null,
    insufficient: s.insufficient,
  };
}

function groupBy(
  rows: readonly ResponseStatsRow[],
  key: (r: ResponseStatsRow) => string,
  order: string[],
) {
  const groups = new Map<string, ResponseStatsRow[]>(order.map((k) => [k, []]));
  for (const r of rows) {
    const k = key(r);
    const list = groups.get(k);
    if (list) list.push(r);
    else groups.set(k, [r]);
  }
  return Object.fromEntries([...groups].map(([k, rs]) => [k, group(rs)]));
}

/** The statistics of one sample: metrics' surveySummary plus answer distributions and groups. */
function unitStats(
  unit: { code: string; name: string; level: string },
  rows: readonly ResponseStatsRow[],
) {
  const s = surveySummary(rows.map(toAnswers));
  const items = Object.fromEntries(
    SURVEY_ITEMS.map((item) => {
      const distribution: Record<string, number> = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
      for (const r of rows) {
        const v = r[item];
        if (v !== null) distribution[v] = (distribution[v] ?? 0) + 1;
      }
      return [item, { mean: s.items[item].mean, n: s.items[item].n, distribution }];
    }),
  );
  return {
    orgUnit: { code: unit.code, name: unit.name, level: unit.level },
    ...group(rows),
    items,
    byAgeBand: groupBy(rows, (r) => r.ageBand ?? "unknown", AGE_BANDS),
    byMode: groupBy(rows, (r) => r.mode, MODES),
    alpha: s.alpha,
  };
}

export interface SurveyStatsRequest {
  surveyId: string;
  /** The subtree's root, already checked against the caller's scope. */
  unit: UnitRef;
  q: Quarter;
  /** Adds each direct child's statistics. */
  children: boolean;
  /** Adds the latest comments (masked at ingest): only for roles that may read them. */
  comments: boolean;
}

/** The statistics of a survey in a unit's subtree and quarter; an unknown survey is a 404. */
export async function surveyStats(db: Kysely<DB>, r: SurveyStatsRequest) {
  if (!(await findSurvey(db, r.surveyId))) throw new NotFound(`没有问卷“${r.surveyId}”`);
  const window = {
    surveyId: r.surveyId,
    rootId: r.unit.id,
    from: quarterStart(r.q),
    to: quarterEnd(r.q),
  };
  const [rows, flags] = await Promise.all([
    responseStatsRows(db, window),
    flagCountsByUnit(db, window),
  ]);
  const body: Record<string, unknown> = { ...unitStats(r.unit, rows), flags: flags.total };
  if (r.children) {
    const kids = await childUnits(db, r.unit.id);
    const byChild = new Map<number, ResponseStatsRow[]>();
    for (const row of rows) {
      if (row.childId === null) continue;
      const list = byChild.get(row.childId);
      if (list) list.push(row);
      else byChild.set(row.childId, [row]);
    }
    body.children = kids.map((k) => unitStats(k, byChild.get(k.id) ?? []));
  }
  if (r.comments) {
    const comments = await latestComments(db, { ...window, limit: COMMENT_LIMIT });
    body.comments = comments.map((cm) => ({
      submittedAt: cm.submittedAt.toISOString(),
      orgUnit: cm.orgUnitCode,
      orgUnitName: cm.orgUnitName,
      mode: cm.mode,
      overall: cm.overall,
      comment: cm.comment,
    }));
  }
  return body;
}
