import { type Kysely, type RawBuilder, sql, type Transaction } from "kysely";
import type { DB } from "../../db/database.ts";
import {
  CASE_CHANNELS,
  CASE_KINDS,
  type CaseChannel,
  type CaseKind,
  PROACTIVE_CHANNELS,
} from "../../db/tables/case-record.ts";
import type { QuarterRange } from "./sums.ts";

type Db = Kysely<DB> | Transaction<DB>;

// The case inputs of the indicator engine (api/indicators). Each function is one statement over
// the whole tree: leaf sums grouped by org_unit_id, then summed over org_closure so that every
// unit gets the sums of its whole subtree (INDICATORS.md: "add the numerators of all its
// descendants and itself, add the denominators, then divide"). Quarter bounds come in as
// timestamptz parameters (shapes/periods.ts), so the reported_at / resolved_at indexes apply.

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

/** The plain counts of a row (every field but the unit and the by-kind/by-channel tallies). */
export const CASE_COUNT_KEYS = [
  "g1Num",
  "g1Den",
  "g2Num",
  "g2Den",
  "g3Num",
  "g3Den",
  "s1Seconds",
  "serviceResolved",
  "s2Num",
  "s3Num",
  "reported",
  "s4Num",
  "s4Den",
  "s5Num",
  "s5Den",
  "resolved",
] as const satisfies readonly Exclude<keyof CaseSumsRow, "unitId" | "byKind" | "byChannel">[];

export type Column = readonly [name: string, expr: RawBuilder<unknown>];

// Every leaf aggregate, by column name. `rq` / `sq` are computed once per row in the subquery.
// `weighted`: each row counts `c.w` times (+1 or −1) instead of once, for the sums of a change
// (case-deltas.ts): the same expressions, so that a delta adds up exactly to a cold rebuild.
export function caseColumns(slaMinutes: number, weighted = false): Column[] {
  const ea = sql`c.kind in ('event', 'appeal')`;
  const proactive = sql.join(PROACTIVE_CHANNELS.map((ch) => sql`${ch}::case_channel`));
  const count = (where: RawBuilder<unknown>) =>
    weighted
      ? sql`coalesce(sum(c.w) filter (where ${where}), 0)`
      : sql`count(*) filter (where ${where})`;
  const w = weighted ? sql` * c.w` : sql``;
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
      sql`coalesce(sum(date_part('epoch', c.resolved_at - c.reported_at)${w}) filter (where c.sq and c.kind = 'service'), 0)`,
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

export function toCaseSums(unitId: number, r: RawRow): CaseSumsRow {
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
  return overSubtrees(db, leafQuery(q, caseColumns(slaMinutes)), caseColumns(slaMinutes));
}

/**
 * Leaf aggregates (a query with org_unit_id and `columns`) summed over org_closure by ancestor:
 * every unit gets the sums of its whole subtree.
 */
export async function overSubtrees(
  db: Db,
  leaf: RawBuilder<unknown>,
  columns: Column[],
): Promise<CaseSumsRow[]> {
  const sums = sql.join(columns.map(([name]) => sql`sum(l.${sql.id(name)}) as ${sql.id(name)}`));
  const { rows } = await sql<RawRow & { unit_id: number }>`
    with leaf as (${leaf})
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
