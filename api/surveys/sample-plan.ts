/**
 * Sample plans (issue 22 point 5): per community and quarter, the target sample for a ±5-point
 * margin at 95% on the 0–100 response score (metrics/sample-size.ts), from the community's
 * previous-quarter SD and its population, and how many scored responses have come in. The
 * dashboard, the clerk's page, the poster and the quarterly report all read them from here.
 */
import type { Kysely } from "kysely";
import {
  initialSampleSize,
  planSd,
  SAMPLE_PLAN,
  sampleProgress,
  targetSampleSize,
} from "../../metrics/index.ts";
import {
  formatPeriod,
  type Quarter,
  quarterEnd,
  quarterStart,
  shiftQuarter,
} from "../../shapes/periods.ts";
import type { SamplePlanRow, SamplePlans } from "../../shapes/sample-plans.ts";
import type { DB } from "../db/database.ts";
import { NotFound } from "../errors.ts";
import { SATISFACTION_SURVEY } from "../indicators/cold.ts";
import { pooledSpread, type SamplePlanInputRow, samplePlanInputs } from "./queries/sample-plans.ts";
import { findSurvey } from "./queries.ts";

export interface SamplePlanRequest {
  surveyId: string;
  /** The subtree's root, already checked against the caller's scope. */
  unit: { id: number; code: string; name: string; level: string };
  q: Quarter;
}

function planRow(r: SamplePlanInputRow, pooled: { n: number; sd: number | null }): SamplePlanRow {
  const { sd, source } = planSd({ n: r.lastN, sd: r.lastSd }, pooled);
  const target = targetSampleSize(sd, r.population);
  const progress = sampleProgress(r.collected, target);
  return {
    orgUnit: { code: r.code, name: r.name, level: r.level },
    population: r.population,
    populationYear: r.populationYear,
    lastQuarter: { n: r.lastN, sd: r.lastN >= 2 ? r.lastSd : null },
    sd,
    sdSource: source,
    n0: initialSampleSize(sd),
    target,
    collected: progress.collected,
    remaining: progress.remaining,
    share: progress.share,
    met: progress.met,
  };
}

/**
 * The sample plans of the communities of `unit`'s subtree (the community above it for a grid) in
 * quarter `q`, with their sum; an unknown survey is a 404.
 */
export async function samplePlans(db: Kysely<DB>, r: SamplePlanRequest): Promise<SamplePlans> {
  if (!(await findSurvey(db, r.surveyId))) throw new NotFound(`没有问卷“${r.surveyId}”`);
  const base = shiftQuarter(r.q, -1);
  const window = { surveyId: r.surveyId, from: quarterStart(base), to: quarterStart(r.q) };
  const [rows, pooled] = await Promise.all([
    samplePlanInputs(db, {
      surveyId: r.surveyId,
      rootId: r.unit.id,
      year: r.q.year,
      baseFrom: window.from,
      from: quarterStart(r.q),
      to: quarterEnd(r.q),
    }),
    pooledSpread(db, window),
  ]);
  const plans = rows.map((row) => planRow(row, pooled));
  return {
    surveyId: r.surveyId,
    period: formatPeriod(r.q),
    basePeriod: formatPeriod(base),
    orgUnit: { code: r.unit.code, name: r.unit.name, level: r.unit.level },
    method: {
      z: SAMPLE_PLAN.z,
      margin: SAMPLE_PLAN.margin,
      minimum: SAMPLE_PLAN.minimum,
      maximumSd: SAMPLE_PLAN.maximumSd,
      pooled: { n: pooled.n, sd: pooled.n >= 2 ? pooled.sd : null },
    },
    summary: {
      communities: plans.length,
      met: plans.filter((p) => p.met).length,
      collected: plans.reduce((s, p) => s + p.collected, 0),
      target: plans.reduce((s, p) => s + (p.target ?? 0), 0),
    },
    plans,
  };
}

/** The satisfaction survey's (G4's) plans of `unit` in `q`; null when the survey is not set up. */
export async function satisfactionPlans(
  db: Kysely<DB>,
  unit: SamplePlanRequest["unit"],
  q: Quarter,
): Promise<SamplePlans | null> {
  if (!(await findSurvey(db, SATISFACTION_SURVEY))) return null;
  return samplePlans(db, { surveyId: SATISFACTION_SURVEY, unit, q });
}
