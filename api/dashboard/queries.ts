import { type Kysely, sql, type Transaction } from "kysely";
import type { DB } from "../db/database.ts";
import { countsInSurveyFigures } from "../indicators/queries/survey-exclusion.ts";

type Db = Kysely<DB> | Transaction<DB>;

/** The instants and quarters between which the store holds any data. */
export interface DataSpan {
  /** Earliest and latest case `reported_at` and survey `submitted_at` taken together. */
  first: Date | null;
  last: Date | null;
  /** Earliest and latest quarter with a return, as `year * 4 + quarter - 1`. */
  firstReturn: number | null;
  lastReturn: number | null;
}

function toDate(v: Date | string | null | undefined): Date | null {
  if (v === null || v === undefined) return null;
  return v instanceof Date ? v : new Date(v);
}

/**
 * Where the data starts and ends, so the dashboard can offer the quarters that have data and open
 * the latest one by default. `case_record.reported_at` has only a BRIN index (cheap to keep up at
 * ingest), so the case min/max is a scan of the table: callers memoise it under
 * {@link dataFingerprint} (api/dashboard/page-quarters.ts) instead of paying it on every page.
 */
export async function dataSpan(db: Db): Promise<DataSpan> {
  const { rows } = await sql<{
    caseMin: Date | string | null;
    caseMax: Date | string | null;
    surveyMin: Date | string | null;
    surveyMax: Date | string | null;
    returnMin: number | null;
    returnMax: number | null;
  }>`
    select
      (select min(reported_at) from case_record) as "caseMin",
      (select max(reported_at) from case_record) as "caseMax",
      (select min(submitted_at) from survey_response) as "surveyMin",
      (select max(submitted_at) from survey_response) as "surveyMax",
      (select min(year * 4 + quarter - 1) from unit_return) as "returnMin",
      (select max(year * 4 + quarter - 1) from unit_return) as "returnMax"`.execute(db);
  const r = rows[0];
  const dates = (a: Date | null, b: Date | null, pick: (x: number, y: number) => number) =>
    a && b ? new Date(pick(a.getTime(), b.getTime())) : (a ?? b);
  return {
    first: dates(toDate(r?.caseMin), toDate(r?.surveyMin), Math.min),
    last: dates(toDate(r?.caseMax), toDate(r?.surveyMax), Math.max),
    firstReturn: r?.returnMin === null || r?.returnMin === undefined ? null : Number(r.returnMin),
    lastReturn: r?.returnMax === null || r?.returnMax === undefined ? null : Number(r.returnMax),
  };
}

/**
 * Changes whenever any case, survey response or return is written or removed: every such write
 * bumps its quarters' `data_version` rows in the same transaction (count, sum and latest change
 * of that small table). Read on each page; keys the memoised {@link dataSpan}.
 */
export async function dataFingerprint(db: Db): Promise<string> {
  const { rows } = await sql<{ n: number | string; v: number | string | null; at: string | null }>`
    select count(*) as n, sum(version) as v, max(changed_at)::text as at from data_version`.execute(
    db,
  );
  const r = rows[0];
  return `${Number(r?.n ?? 0)}:${Number(r?.v ?? 0)}:${r?.at ?? ""}`;
}

/** Responses with a score and their mean score, for one age band (`unknown`: not given). */
export interface AgeBandScoreRow {
  band: string;
  n: number;
  scoreSum: number;
}

/**
 * A survey's scored responses in `[from, to)` over the subtree of `rootId`, by age band: count and
 * sum of the stored response scores (the G4 figures, split by band). Leaf sums first, then one
 * join to the closure rows of the root, so it costs about what the engine's survey sums cost.
 */
export async function surveyScoresByAgeBand(
  db: Db,
  p: { surveyId: string; rootId: number; from: Date; to: Date },
): Promise<AgeBandScoreRow[]> {
  const { rows } = await sql<{ band: string; n: number | string; s: number | string }>`
    with leaf as (
      select org_unit_id, coalesce(age_band, 'unknown') as band, count(*) as n, sum(score) as s
      from survey_response
      where survey_id = ${p.surveyId} and score is not null
        and submitted_at >= ${p.from} and submitted_at < ${p.to}
        and ${countsInSurveyFigures()}
      group by org_unit_id, coalesce(age_band, 'unknown')
    )
    select l.band, sum(l.n) as n, sum(l.s) as s
    from leaf l join org_closure c on c.descendant_id = l.org_unit_id and c.ancestor_id = ${p.rootId}
    group by l.band
    order by l.band`.execute(db);
  return rows.map((r) => ({ band: r.band, n: Number(r.n), scoreSum: Number(r.s) }));
}
