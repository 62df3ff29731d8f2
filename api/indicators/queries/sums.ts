import { type Kysely, sql, type Transaction } from "kysely";
import type { DB } from "../../db/database.ts";
import { countsInSurveyFigures } from "./survey-exclusion.ts";

type Db = Kysely<DB> | Transaction<DB>;

// The set-based inputs of the indicator engine (api/indicators) besides cases (case-sums.ts):
// returns and survey responses. Each function is one statement over the whole tree: leaf sums
// grouped by org_unit_id, then summed over org_closure so that every unit gets the sums of its
// whole subtree (INDICATORS.md: "add the numerators of all its descendants and itself, add the
// denominators, then divide"). Quarter bounds come in as timestamptz parameters
// (shapes/periods.ts), so the indexes on the times apply.

/** A quarter as the queries need it: bounds `[start, end)` and its calendar position. */
export interface QuarterRange {
  year: number;
  quarter: number;
  start: Date;
  end: Date;
}

/** Return figures of a unit's subtree for one quarter; `filed`: returns filed in the subtree. */
export interface ReturnSumsRow {
  unitId: number;
  filed: number;
  population: number | null;
  budgetAllocatedYear: number | null;
  budgetSpent: number | null;
  spentYtd: number | null;
  workersInPost: number | null;
  positions: number | null;
  participants: number | null;
  itemsRaised: number | null;
  itemsResolved: number | null;
  volunteers: number | null;
  platformActiveUsers: number | null;
}

/**
 * Return figures summed over each unit's subtree for one quarter. Only units that filed a return
 * for Q contribute (INDICATORS.md: "A unit with no return for Q contributes nothing to these
 * sums"); `spentYtd` is each such unit's quarterly spending summed over Q1..Q of the year. A
 * figure left blank in every contributing return sums to `null`. Units none of whose subtree filed
 * are absent (so R1–R4 and P1–P4 have no value for them).
 */
export async function returnSumsBySubtree(db: Db, q: QuarterRange): Promise<ReturnSumsRow[]> {
  const { rows } = await sql<ReturnSumsRow>`
    with filed as (
      select * from unit_return where year = ${q.year} and quarter = ${q.quarter}
    ), ytd as (
      select r.org_unit_id, sum(r.budget_spent) as spent
      from unit_return r join filed f on f.org_unit_id = r.org_unit_id
      where r.year = ${q.year} and r.quarter <= ${q.quarter}
      group by r.org_unit_id
    )
    select a.ancestor_id as "unitId", count(*) as "filed",
      sum(f.population) as "population",
      sum(f.budget_allocated_year) as "budgetAllocatedYear",
      sum(f.budget_spent) as "budgetSpent",
      sum(y.spent) as "spentYtd",
      sum(f.workers_in_post) as "workersInPost",
      sum(f.positions) as "positions",
      sum(f.participants) as "participants",
      sum(f.items_raised) as "itemsRaised",
      sum(f.items_resolved) as "itemsResolved",
      sum(f.volunteers) as "volunteers",
      sum(f.platform_active_users) as "platformActiveUsers"
    from filed f
    left join ytd y on y.org_unit_id = f.org_unit_id
    join org_closure a on a.descendant_id = f.org_unit_id
    group by a.ancestor_id`.execute(db);
  return rows.map((r) => ({ ...r, unitId: Number(r.unitId), filed: Number(r.filed) }));
}

/** Survey sums of a unit's subtree: responses with a score (at least one item answered). */
export interface SurveySumsRow {
  unitId: number;
  n: number;
  scoreSum: number;
  scoreSquares: number;
  /** Responses that answered the overall item, and those of them with overall 4 or 5. */
  overallN: number;
  satisfied: number;
}

/**
 * Survey sums for one quarter (responses of survey `surveyId` submitted in Q) over each unit's
 * subtree: n, Σ score, Σ score² (for G4's mean and interval) and the satisfaction counts.
 * Responses an assessor confirmed as stuffing do not count (survey-exclusion.ts).
 */
export async function surveySumsBySubtree(
  db: Db,
  q: QuarterRange,
  surveyId: string,
): Promise<SurveySumsRow[]> {
  const { rows } = await sql<SurveySumsRow>`
    with leaf as (
      select org_unit_id, count(*) as n, sum(score) as s, sum(score * score) as ss,
        count(overall) as o, count(*) filter (where overall >= 4) as sat
      from survey_response
      where survey_id = ${surveyId} and score is not null
        and submitted_at >= ${q.start} and submitted_at < ${q.end}
        and ${countsInSurveyFigures()}
      group by org_unit_id
    )
    select a.ancestor_id as "unitId", sum(l.n) as "n", sum(l.s) as "scoreSum",
      sum(l.ss) as "scoreSquares", sum(l.o) as "overallN", sum(l.sat) as "satisfied"
    from leaf l join org_closure a on a.descendant_id = l.org_unit_id
    group by a.ancestor_id`.execute(db);
  return rows.map((r) => ({
    unitId: Number(r.unitId),
    n: Number(r.n),
    scoreSum: Number(r.scoreSum),
    scoreSquares: Number(r.scoreSquares),
    overallN: Number(r.overallN),
    satisfied: Number(r.satisfied),
  }));
}
