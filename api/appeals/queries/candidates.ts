import { type Kysely, type RawBuilder, sql, type Transaction } from "kysely";
import type { DB } from "../../db/database.ts";
import { PROACTIVE_CHANNELS } from "../../db/tables/case-record.ts";
import type { QuarterRange } from "../../indicators/queries/sums.ts";

type Db = Kysely<DB> | Transaction<DB>;

/** The case-based indicators an appeal can move (INDICATORS.md counting rules). */
export const CASE_INDICATORS = ["G1", "G2", "G3", "S1", "S2", "S3", "S4", "S5", "R4"] as const;
export type CaseIndicator = (typeof CASE_INDICATORS)[number];

/** A case in an indicator's denominator, for the filing page's list. */
export interface CandidateRow {
  source: string;
  externalId: string;
  orgUnitCode: string;
  orgUnitName: string;
  kind: string;
  channel: string;
  reportedAt: Date;
  respondedAt: Date | null;
  resolvedAt: Date | null;
  deadlineAt: Date | null;
  /** It pulls the indicator the wrong way (late, a complaint, not first pass …). */
  against: boolean;
  exemptAppealId: number | null;
  pendingAppealId: number | null;
}

/** The cases of an indicator's denominator in Q, and which of them count against it. */
function indicatorFilter(
  code: CaseIndicator,
  slaMinutes: number,
  targetHours: number,
): { where: RawBuilder<unknown>; against: RawBuilder<unknown> } {
  const ea = sql`c.kind in ('event', 'appeal')`;
  const proactive = sql.join(PROACTIVE_CHANNELS.map((ch) => sql`${ch}::case_channel`));
  const hours = sql`date_part('epoch', c.resolved_at - c.reported_at) / 3600`;
  switch (code) {
    case "G1":
      return { where: sql`c.rq and ${ea}`, against: sql`c.channel not in (${proactive})` };
    case "G2":
      return {
        where: sql`c.sq and ${ea} and c.deadline_at is not null`,
        against: sql`c.resolved_at > c.deadline_at`,
      };
    case "G3":
      return {
        where: sql`c.rq and c.kind = 'appeal'`,
        against: sql`c.responded_at is null or c.responded_at > c.reported_at + ${slaMinutes}::integer * interval '1 minute'`,
      };
    case "S1":
      return {
        where: sql`c.sq and c.kind = 'service'`,
        against: sql`${hours} > ${targetHours}::float8`,
      };
    case "S2":
      return { where: sql`c.sq and c.kind = 'service'`, against: sql`not c.first_pass` };
    case "S3":
      return { where: sql`c.rq`, against: sql`c.complaint` };
    case "S4":
      return { where: sql`c.rq and c.kind = 'service'`, against: sql`not c.online` };
    case "S5":
      return {
        where: sql`c.sq and c.callback is not null`,
        against: sql`c.callback = 'dissatisfied'`,
      };
    case "R4":
      return { where: sql`c.sq`, against: sql`false` };
  }
}

/**
 * The cases of the subtree of `rootId` in one indicator's denominator for quarter `q`, those
 * counting against it first, then by report time; exempt ones too (shown as such). At most
 * `limit` rows.
 */
export async function indicatorCases(
  db: Db,
  p: {
    rootId: number;
    q: QuarterRange;
    indicator: CaseIndicator;
    slaMinutes: number;
    targetHours: number;
    limit: number;
  },
): Promise<CandidateRow[]> {
  const f = indicatorFilter(p.indicator, p.slaMinutes, p.targetHours);
  const { rows } = await sql<CandidateRow>`
    select c.source, c.external_id as "externalId", u.code as "orgUnitCode", u.name as "orgUnitName",
      c.kind::text as kind, c.channel::text as channel, c.reported_at as "reportedAt",
      c.responded_at as "respondedAt", c.resolved_at as "resolvedAt", c.deadline_at as "deadlineAt",
      coalesce(${f.against}, false) as against, c.exempt_appeal_id as "exemptAppealId",
      (select ac.appeal_id from appeal_case ac where ac.source = c.source
        and ac.external_id = c.external_id and ac.pending limit 1) as "pendingAppealId"
    from (
      select *,
        (reported_at >= ${p.q.start} and reported_at < ${p.q.end}) as rq,
        (resolved_at >= ${p.q.start} and resolved_at < ${p.q.end}) as sq
      from case_record
      where (reported_at >= ${p.q.start} and reported_at < ${p.q.end})
         or (resolved_at >= ${p.q.start} and resolved_at < ${p.q.end})
    ) c
    join org_closure oc on oc.descendant_id = c.org_unit_id and oc.ancestor_id = ${p.rootId}::int
    join org_unit u on u.id = c.org_unit_id
    where ${f.where}
    order by 11 desc, c.reported_at, c.source, c.external_id
    limit ${p.limit}`.execute(db);
  const date = (v: Date | string | null) => (v === null ? null : new Date(v));
  return rows.map((r) => ({
    ...r,
    reportedAt: new Date(r.reportedAt),
    respondedAt: date(r.respondedAt),
    resolvedAt: date(r.resolvedAt),
    deadlineAt: date(r.deadlineAt),
    exemptAppealId: r.exemptAppealId === null ? null : Number(r.exemptAppealId),
    pendingAppealId: r.pendingAppealId === null ? null : Number(r.pendingAppealId),
  }));
}
