import { type Kysely, sql, type Transaction } from "kysely";
import { BASE_LEVELS } from "../../../shapes/org-levels.ts";
import type { DB } from "../../db/database.ts";

type Db = Kysely<DB> | Transaction<DB>;

/** One community's inputs to its sample plan. */
export interface SamplePlanInputRow {
  id: number;
  code: string;
  name: string;
  level: string;
  /** Population of the quarter's year, else of the latest earlier year on record. */
  population: number | null;
  populationYear: number | null;
  /** Scored responses in the base quarter (the one before) and their sample SD (null for n < 2). */
  lastN: number;
  lastSd: number | null;
  /** Scored responses in the quarter. */
  collected: number;
}

export interface SamplePlanParams {
  surveyId: string;
  rootId: number;
  /** The quarter's year: population facts of this year or earlier. */
  year: number;
  /** [baseFrom, from) is the base quarter, [from, to) the quarter. */
  baseFrom: Date;
  from: Date;
  to: Date;
}

const baseLevels = sql.join(BASE_LEVELS.map((l) => sql`${l}`));

/**
 * The communities (and villages) of `rootId`'s subtree, or the community above it when the root is
 * a grid, each with its population and the survey's scored responses over its whole subtree: count
 * and sample SD (`stddev_samp`) of the response scores in the base quarter, count in the quarter.
 * "Scored" is G4's rule: a response with at least one item answered (`score is not null`).
 * One pass over the two quarters' responses through the closure table, ordered by code.
 */
export async function samplePlanInputs(db: Db, p: SamplePlanParams): Promise<SamplePlanInputRow[]> {
  const { rows } = await sql<{
    id: number;
    code: string;
    name: string;
    level: string;
    population: number | null;
    populationYear: number | null;
    lastN: number | string;
    lastSd: number | string | null;
    collected: number | string;
  }>`
    with units as (
      select u.id, u.code, u.name, u.level
      from org_closure c join org_unit u on u.id = c.descendant_id
      where c.ancestor_id = ${p.rootId} and u.level in (${baseLevels})
      union
      select u.id, u.code, u.name, u.level
      from org_closure c join org_unit u on u.id = c.ancestor_id
      where c.descendant_id = ${p.rootId} and u.level in (${baseLevels})
    ),
    counts as (
      select c.ancestor_id as unit_id,
        count(*) filter (where r.submitted_at >= ${p.from}) as collected,
        count(*) filter (where r.submitted_at < ${p.from}) as last_n,
        stddev_samp(r.score) filter (where r.submitted_at < ${p.from}) as last_sd
      from units u
      join org_closure c on c.ancestor_id = u.id
      join survey_response r on r.org_unit_id = c.descendant_id
      where r.survey_id = ${p.surveyId} and r.score is not null
        and r.submitted_at >= ${p.baseFrom} and r.submitted_at < ${p.to}
      group by c.ancestor_id
    )
    select u.id, u.code, u.name, u.level, f.population, f.year as "populationYear",
      coalesce(k.last_n, 0) as "lastN", k.last_sd as "lastSd",
      coalesce(k.collected, 0) as "collected"
    from units u
    left join counts k on k.unit_id = u.id
    left join lateral (
      select y.population, y.year from org_unit_year y
      where y.org_unit_id = u.id and y.year <= ${p.year} and y.population is not null
      order by y.year desc
      limit 1
    ) f on true
    order by u.code`.execute(db);
  return rows.map((r) => ({
    id: Number(r.id),
    code: r.code,
    name: r.name,
    level: r.level,
    population: r.population === null ? null : Number(r.population),
    populationYear: r.populationYear === null ? null : Number(r.populationYear),
    lastN: Number(r.lastN),
    lastSd: r.lastSd === null ? null : Number(r.lastSd),
    collected: Number(r.collected),
  }));
}

/** Count and sample SD of every scored response of the survey in [from, to), all units. */
export async function pooledSpread(
  db: Db,
  p: { surveyId: string; from: Date; to: Date },
): Promise<{ n: number; sd: number | null }> {
  const { rows } = await sql<{ n: number | string; sd: number | string | null }>`
    select count(*) as n, stddev_samp(score) as sd
    from survey_response
    where survey_id = ${p.surveyId} and score is not null
      and submitted_at >= ${p.from} and submitted_at < ${p.to}`.execute(db);
  const r = rows[0];
  return { n: Number(r?.n ?? 0), sd: r?.sd === null || r?.sd === undefined ? null : Number(r.sd) };
}
