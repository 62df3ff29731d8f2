import { createRoute } from "@hono/zod-openapi";
import { SURVEY_ITEMS, type SurveyAnswers, surveySummary } from "../../../metrics/index.ts";
import { parsePeriod, quarterEnd, quarterStart } from "../../../shapes/periods.ts";
import type { SurveySampleSummary } from "../../../shapes/survey-stats.ts";
import { Forbidden, Invalid, NotFound } from "../../errors.ts";
import { jsonResponse, problems, type Router } from "../../http/router.ts";
import { authorize } from "../../middleware/authorize.ts";
import { findUnitByCode, isInSubtree } from "../../org-tree/queries.ts";
import { refuseFutureQuarter } from "../../periods/rules.ts";
import { permits } from "../access.ts";
import {
  childUnits,
  findSurvey,
  latestComments,
  type ResponseStatsRow,
  responseStatsRows,
} from "../queries.ts";
import { StatsQuery, SurveyParams, SurveyStats } from "../schema.ts";

const AGE_BANDS = ["18-39", "40-59", "60-79", "80+"];
const MODES = ["self", "assisted"];
const COMMENT_LIMIT = 50;

const route = createRoute({
  method: "get",
  path: "/surveys/{id}/stats",
  tags: ["surveys"],
  summary: "Survey statistics of a unit's subtree in a quarter, with honest margins of error",
  description:
    "n, the G4 score (mean response score 0–100) with its 95% interval mean ± 1.96·s/√n, the satisfaction rate (overall 4 or 5) with its Wilson 95% interval, `insufficient` when n < 30, per-item means and answer distributions, the same by age band and by mode, and Cronbach's alpha. `children=true` adds each direct child. Leaders and admins (surveyComments.read) also get the latest 50 comments, masked.",
  middleware: [authorize("surveyStats.read")] as const,
  request: { params: SurveyParams, query: StatsQuery },
  responses: {
    200: jsonResponse(SurveyStats, "The statistics"),
    ...problems(400, 401, 403, 404, 422),
  },
});

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

export function registerStats(app: Router) {
  app.openapi(route, async (c) => {
    const { id } = c.req.valid("param");
    const query = c.req.valid("query");
    const principal = c.get("principal")!;
    const db = c.get("deps").store.db;
    const q = parsePeriod(query.period);
    if (!q)
      throw new Invalid("Bad period", [
        { path: "query.period", message: "a quarter from 2000Q1 to 2100Q4" },
      ]);
    refuseFutureQuarter(q, "query.period");
    const code = query.orgUnit ?? principal.scopeCode;
    if (!code) {
      throw new Invalid("Which unit?", [
        { path: "query.orgUnit", message: "required: your scope is the whole tree" },
      ]);
    }
    const unit = await findUnitByCode(db, code);
    if (!unit) throw new NotFound(`No org unit '${code}'`);
    if (
      principal.scopeUnitId !== null &&
      !(await isInSubtree(db, principal.scopeUnitId, unit.id))
    ) {
      throw new Forbidden(`Org unit '${code}' is outside your scope`);
    }
    if (!(await findSurvey(db, id))) throw new NotFound(`No survey '${id}'`);
    const window = { surveyId: id, rootId: unit.id, from: quarterStart(q), to: quarterEnd(q) };
    const rows = await responseStatsRows(db, window);
    const body: Record<string, unknown> = {
      surveyId: id,
      period: query.period,
      ...unitStats(unit, rows),
    };
    if (query.children) {
      const kids = await childUnits(db, unit.id);
      const byChild = new Map<number, ResponseStatsRow[]>();
      for (const r of rows) {
        if (r.childId === null) continue;
        const list = byChild.get(r.childId);
        if (list) list.push(r);
        else byChild.set(r.childId, [r]);
      }
      body.children = kids.map((k) => unitStats(k, byChild.get(k.id) ?? []));
    }
    if (await permits(c, "surveyComments.read")) {
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
    return c.json(body as never, 200);
  });
}
