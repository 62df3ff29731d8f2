import { type Kysely, type RawBuilder, sql, type Transaction } from "kysely";
import type { DB } from "../../db/database.ts";
import {
  CASE_CHANNELS,
  CASE_KINDS,
  type CaseChannel,
  type CaseKind,
  PROACTIVE_CHANNELS,
} from "../../db/tables/case-record.ts";

type Db = Kysely<DB> | Transaction<DB>;

// The set-based inputs of the indicator engine (api/indicators). Each function is one statement
// over the whole tree: leaf sums grouped by org_unit_id, then summed over org_closure so that every
// unit gets the sums of its whole subtree (INDICATORS.md: "add the numerators of all its
// descendants and itself, add the denominators, then divide"). Quarter bounds come in as
// timestamptz parameters (shapes/periods.ts), so the reported_at / resolved_at indexes apply.

/** A quarter as the queries need it: bounds `[start, end)` and its calendar position. */
export interface QuarterRange {
  year: number;
  quarter: number;
  start: Date;
  end: Date;
}

/** Case counts of one unit's subtree for one quarter (`rq`: reported in Q, `sq`: resolved in Q). */
export interface CaseSumsRow {
  unitId: number;
  /** G1: event/appeal reported in Q through a proactive channel / event/appeal reported in Q. */
  g1Num: number;
  g1Den: number;
  /** G2: event/appeal resolved in Q by their deadline / those resolved in Q that have a deadline. */
  g2Num: number;
  g2Den: number;
  /** G3: appeals reported in Q responded to within the SLA / appeals reported in Q. */
  g3Num: number;
  g3Den: number;
  /** S1: seconds of handling of service cases resolved in Q; S1 and S2's denominator. */
  s1Seconds: number;
  serviceResolved: number;
  /** S2: service cases resolved in Q at the first pass. */
  s2Num: number;
  /** S3: complaints among cases reported in Q / cases reported in Q. */
  s3Num: number;
  reported: number;
  /** S4: service cases reported in Q handled online / service cases reported in Q. */
  s4Num: number;
  s4Den: number;
  /** S5: cases resolved in Q with a satisfied callback / with any callback. */
  s5Num: number;
  s5Den: number;
  /** R4's denominator: cases of any kind resolved in Q. */
  resolved: number;
  /** Cases reported in Q by kind and by channel. */
  byKind: Record<CaseKind, number>;
  byChannel: Record<CaseChannel, number>;
}

type Column = readonly [name: string, expr: RawBuilder<unknown>];

// Every leaf aggregate, by column name. `rq` / `sq` are computed once per row in the subquery.
function caseColumns(slaMinutes: number): Column[] {
  const ea = sql`c.kind in ('event', 'appeal')`;
  const proactive = sql.join(PROACTIVE_CHANNELS.map((ch) => sql`${ch}::case_channel`));
  const count = (where: RawBuilder<unknown>) => sql`count(*) filter (where ${where})`;
  return [
    ["g1_num", count(sql`c.rq and ${ea} and c.channel in (${proactive})`)],
    ["g1_den", count(sql`c.rq and ${ea}`)],
    ["g2_num", count(sql`c.sq and ${ea} and c.resolved_at <= c.deadline_at`)],
    ["g2_den", count(sql`c.sq and ${ea} and c.deadline_at is not null`)],
    [
      "g3_num",
      count(
        sql`c.rq and c.kind = 'appeal' and c.responded_at <= c.reported_at + ${slaMinutes}::integer * interval '1 minute'`,
      ),
    ],
    ["g3_den", count(sql`c.rq and c.kind = 'appeal'`)],
    [
      "s1_seconds",
      sql`coalesce(sum(date_part('epoch', c.resolved_at - c.reported_at)) filter (where c.sq and c.kind = 'service'), 0)`,
    ],
    ["service_resolved", count(sql`c.sq and c.kind = 'service'`)],
    ["s2_num", count(sql`c.sq and c.kind = 'service' and c.first_pass`)],
    ["s3_num", count(sql`c.rq and c.complaint`)],
    ["reported", count(sql`c.rq`)],
    ["s4_num", count(sql`c.rq and c.kind = 'service' and c.online`)],
    ["s4_den", count(sql`c.rq and c.kind = 'service'`)],
    ["s5_num", count(sql`c.sq and c.callback in ('satisfied', 'basically_satisfied')`)],
    ["s5_den", count(sql`c.sq and c.callback is not null`)],
    ["resolved", count(sql`c.sq`)],
    ...CASE_KINDS.map((k): Column => [`k_${k}`, count(sql`c.rq and c.kind = ${k}::case_kind`)]),
    ...CASE_CHANNELS.map(
      (ch): Column => [`ch_${ch}`, count(sql`c.rq and c.channel = ${ch}::case_channel`)],
    ),
  ];
}

/**
 * The condition that keeps a case in the indicators: not exempt by an approved appeal (核减,
 * INDICATORS.md counting rules: an exempt case leaves every numerator and denominator of G1–G3,
 * S1–S5 and R4's resolved cases, in every quarter). Every case-based indicator query applies it.
 */
export const COUNTED_CASE = sql`exempt_appeal_id is null`;

// The quarter's cases: reported in Q or resolved in Q, each flag computed once. `counted` false
// keeps exempt cases too: the benchmark's plain GROUP BY, which measures the filter's cost.
function quarterCases(q: QuarterRange, counted = true) {
  return sql`(
    select org_unit_id, kind, channel, reported_at, responded_at, resolved_at, deadline_at,
      first_pass, complaint, online, callback,
      (reported_at >= ${q.start} and reported_at < ${q.end}) as rq,
      (resolved_at >= ${q.start} and resolved_at < ${q.end}) as sq
    from case_record
    where ((reported_at >= ${q.start} and reported_at < ${q.end})
       or (resolved_at >= ${q.start} and resolved_at < ${q.end}))
      ${counted ? sql`and ${COUNTED_CASE}` : sql``}
  ) c`;
}

function leafQuery(q: QuarterRange, columns: Column[], counted = true) {
  const selects = sql.join(columns.map(([name, expr]) => sql`${expr} as ${sql.id(name)}`));
  return sql`select c.org_unit_id, ${selects} from ${quarterCases(q, counted)} group by c.org_unit_id`;
}

/**
 * The leaf aggregates of the named cases only (exempt or not), by org unit: what an appeal's
 * cases add to their unit's sums, so that a reviewer sees the figures as they would be after
 * approval (api/appeals/effect.ts). Same columns as the engine's, so the difference is exact.
 */
export async function caseSumsOfCases(
  db: Db,
  q: QuarterRange,
  slaMinutes: number,
  cases: readonly { source: string; externalId: string }[],
): Promise<CaseSumsRow[]> {
  if (cases.length === 0) return [];
  const columns = caseColumns(slaMinutes);
  const selects = sql.join(columns.map(([name, expr]) => sql`${expr} as ${sql.id(name)}`));
  const keys = sql.join(cases.map((k) => sql`(${k.source}, ${k.externalId})`));
  const { rows } = await sql<RawRow & { org_unit_id: number }>`
    select c.org_unit_id, ${selects} from (
      select org_unit_id, kind, channel, reported_at, responded_at, resolved_at, deadline_at,
        first_pass, complaint, online, callback,
        (reported_at >= ${q.start} and reported_at < ${q.end}) as rq,
        (resolved_at >= ${q.start} and resolved_at < ${q.end}) as sq
      from case_record
      where (source, external_id) in (${keys})
    ) c group by c.org_unit_id`.execute(db);
  return rows.map((r) => toCaseSums(Number(r.org_unit_id), r));
}

type RawRow = Record<string, number | null>;

function toCaseSums(unitId: number, r: RawRow): CaseSumsRow {
  const n = (k: string) => Number(r[k] ?? 0);
  return {
    unitId,
    g1Num: n("g1_num"),
    g1Den: n("g1_den"),
    g2Num: n("g2_num"),
    g2Den: n("g2_den"),
    g3Num: n("g3_num"),
    g3Den: n("g3_den"),
    s1Seconds: n("s1_seconds"),
    serviceResolved: n("service_resolved"),
    s2Num: n("s2_num"),
    s3Num: n("s3_num"),
    reported: n("reported"),
    s4Num: n("s4_num"),
    s4Den: n("s4_den"),
    s5Num: n("s5_num"),
    s5Den: n("s5_den"),
    resolved: n("resolved"),
    byKind: Object.fromEntries(CASE_KINDS.map((k) => [k, n(`k_${k}`)])) as Record<CaseKind, number>,
    byChannel: Object.fromEntries(CASE_CHANNELS.map((ch) => [ch, n(`ch_${ch}`)])) as Record<
      CaseChannel,
      number
    >,
  };
}

/**
 * Case sums of every unit's subtree for one quarter: one statement, the leaf GROUP BY
 * org_unit_id over the quarter's cases (FILTER clauses for reported-in-Q and resolved-in-Q), then
 * summed over org_closure by ancestor. Units whose subtree has no case in the quarter are absent.
 * `slaMinutes` is G3's response limit (a scheme parameter).
 */
export async function caseSumsBySubtree(
  db: Db,
  q: QuarterRange,
  slaMinutes: number,
): Promise<CaseSumsRow[]> {
  const columns = caseColumns(slaMinutes);
  const sums = sql.join(columns.map(([name]) => sql`sum(l.${sql.id(name)}) as ${sql.id(name)}`));
  const { rows } = await sql<RawRow & { unit_id: number }>`
    with leaf as (${leafQuery(q, columns)})
    select a.ancestor_id as unit_id, ${sums}
    from leaf l join org_closure a on a.descendant_id = l.org_unit_id
    group by a.ancestor_id`.execute(db);
  return rows.map((r) => toCaseSums(Number(r.unit_id), r));
}

/**
 * The same aggregates as {@link caseSumsBySubtree} per unit's own cases only, without the
 * closure and without the exemption filter (exempt cases included): the plain GROUP BY that the
 * indicator benchmark measures as its baseline.
 */
export async function caseSumsByUnit(
  db: Db,
  q: QuarterRange,
  slaMinutes: number,
): Promise<CaseSumsRow[]> {
  const { rows } = await sql<RawRow & { org_unit_id: number }>`${leafQuery(
    q,
    caseColumns(slaMinutes),
    false,
  )}`.execute(db);
  return rows.map((r) => toCaseSums(Number(r.org_unit_id), r));
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

/** Median and 90th percentile of handling hours over a unit's subtree. */
export interface HandlingHoursRow {
  unitId: number;
  median: number;
  p90: number;
}

/**
 * Median and 90th-percentile handling hours (`percentile_cont`, Hyndman–Fan type 7 as
 * metrics' `quantile`) of the service cases resolved in Q, over the subtree of each unit in
 * `unitIds` only: one query, the closure join grouped by ancestor. Units without such cases are
 * absent.
 */
export async function handlingHoursBySubtree(
  db: Db,
  q: QuarterRange,
  unitIds: readonly number[],
): Promise<HandlingHoursRow[]> {
  if (unitIds.length === 0) return [];
  const { rows } = await sql<{ unitId: number; p: number[] | string }>`
    select a.ancestor_id as "unitId",
      percentile_cont(array[0.5, 0.9]::float8[]) within group (order by c.h) as p
    from (
      select org_unit_id, date_part('epoch', resolved_at - reported_at) / 3600 as h
      from case_record
      where kind = 'service' and resolved_at >= ${q.start} and resolved_at < ${q.end}
        and ${COUNTED_CASE}
    ) c
    join org_closure a on a.descendant_id = c.org_unit_id
    where a.ancestor_id in (${sql.join(unitIds.map((id) => sql`${id}::integer`))})
    group by a.ancestor_id`.execute(db);
  return rows.map((r) => {
    const p = parseFloatArray(r.p);
    return { unitId: Number(r.unitId), median: p[0] ?? Number.NaN, p90: p[1] ?? Number.NaN };
  });
}

// float8[] arrives as a JS array from both drivers; the text form is handled for safety.
function parseFloatArray(v: number[] | string): number[] {
  if (Array.isArray(v)) return v.map(Number);
  return v.replace(/[{}]/g, "").split(",").map(Number);
}
