/**
 * The data-quality findings of a subtree for a quarter: the queries (the case aggregate per
 * community, silent sources, missing returns) and their assembly under the rules of rules.ts.
 */
import { type Kysely, sql, type Transaction } from "kysely";
import { sourceLabel } from "../../shapes/labels.ts";
import { BASE_LEVELS } from "../../shapes/org-levels.ts";
import {
  formatPeriod,
  quarterEnd,
  quarterStart,
  shanghaiWallClock,
  shiftQuarter,
} from "../../shapes/periods.ts";
import type { DB } from "../db/database.ts";
import { communitiesMissingReturn } from "../returns/queries.ts";
import {
  type CommunityStats,
  cmp,
  deadlineFindings,
  type Finding,
  type FindingParams,
  outlierFindings,
  RULE_ORDER,
  SEVERITY_ORDER,
  volumeFindings,
} from "./rules.ts";
import { surveyFlagFindings } from "./survey-flags.ts";

type Db = Kysely<DB> | Transaction<DB>;

/** The grassroots levels (communities and villages) as SQL literals, for `level in (…)`. */
const BASE = sql.join(BASE_LEVELS.map((l) => sql.lit(l)));

/**
 * Case figures per community (over its subtree: cases filed on a grid count for its community)
 * for the communities of the subtree and their siblings (the outlier test's peers), in one
 * aggregate over the cases reported in the previous or current quarter or resolved in the current.
 */
export async function communityCaseStats(
  db: Db,
  p: Pick<FindingParams, "period" | "rootUnitId">,
): Promise<CommunityStats[]> {
  const qs = quarterStart(p.period);
  const qe = quarterEnd(p.period);
  const ps = quarterStart(shiftQuarter(p.period, -1));
  const scope =
    p.rootUnitId === null
      ? sql`select id, parent_id from org_unit where level in (${BASE})`
      : sql`select u.id, u.parent_id from org_unit u
            join org_closure oc on oc.descendant_id = u.id and oc.ancestor_id = ${p.rootUnitId}
            where u.level in (${BASE})`;
  const resolvedInQ = sql`cr.resolved_at >= ${qs}::timestamptz and cr.resolved_at < ${qe}::timestamptz`;
  const result = await sql<CommunityStats>`
    with scope as (${scope}),
    units as (
      select u.id, u.code, u.name, u.parent_id, u.id in (select id from scope) as in_scope
      from org_unit u
      where u.level in (${BASE})
        and (u.id in (select id from scope)
             or u.parent_id in (select parent_id from scope where parent_id is not null))
    ),
    stats as (
      select oc.ancestor_id as unit_id,
        count(*) filter (where ${resolvedInQ}) as resolved,
        coalesce(sum(extract(epoch from cr.resolved_at - cr.reported_at)) filter (where ${resolvedInQ}), 0) / 3600.0 as hours,
        count(*) filter (where ${resolvedInQ} and cr.deadline_at is null) as no_deadline,
        count(*) filter (where cr.reported_at >= ${qs}::timestamptz and cr.reported_at < ${qe}::timestamptz) as reported,
        count(*) filter (where cr.reported_at >= ${ps}::timestamptz and cr.reported_at < ${qs}::timestamptz) as reported_prev
      from units k
      join org_closure oc on oc.ancestor_id = k.id
      join case_record cr on cr.org_unit_id = oc.descendant_id
      where (cr.reported_at >= ${ps}::timestamptz and cr.reported_at < ${qe}::timestamptz)
         or (${resolvedInQ})
      group by oc.ancestor_id
    )
    select k.id, k.code, k.name, k.parent_id as "parentId", k.in_scope as "inScope",
      coalesce(s.resolved, 0) as resolved, coalesce(s.hours, 0) as hours,
      coalesce(s.no_deadline, 0) as "noDeadline", coalesce(s.reported, 0) as reported,
      coalesce(s.reported_prev, 0) as "reportedPrev"
    from units k left join stats s on s.unit_id = k.id
    order by k.code`.execute(db);
  return result.rows.map((r) => ({
    ...r,
    resolved: Number(r.resolved),
    hours: Number(r.hours),
    noDeadline: Number(r.noDeadline),
    reported: Number(r.reported),
    reportedPrev: Number(r.reportedPrev),
  }));
}

async function silentSourceFindings(db: Db, p: FindingParams): Promise<Finding[]> {
  const cutoff = new Date(p.now.getTime() - p.silentDays * 86_400_000);
  const rows = await db
    .selectFrom("source_freshness")
    .select(["source", "last_received_at"])
    .where("last_received_at", "<", cutoff)
    .orderBy("source")
    .execute();
  return rows.map((r) => {
    const days = Math.floor((p.now.getTime() - r.last_received_at.getTime()) / 86_400_000);
    const last = shanghaiWallClock(r.last_received_at).slice(0, 16);
    return {
      orgUnit: null,
      orgUnitName: null,
      rule: "source_silent" as const,
      figure: days,
      severity: "high" as const,
      message: `数据源“${sourceLabel(r.source)}”已 ${days} 天未推送数据（最后接收于 ${last.replace("T", " ")}，北京时间），超过 ${p.silentDays} 天的阈值。`,
    };
  });
}

/**
 * The data-quality findings of a subtree for a quarter, sorted by severity, rule and unit code:
 * communities without a return; communities whose mean handling hours (cases resolved in the
 * quarter) is an outlier among their sibling communities (|modified z| > 3.5, peers with at
 * least 5 resolved cases, at least 4 peers, MAD > 0); communities whose case volume (reported in
 * the quarter) moved by more than half against a previous quarter of at least 10 cases; sources
 * silent for more than `silentDays` (not tied to a unit, so listed whatever the subtree); and
 * communities with resolved cases lacking a deadline; units with survey responses flagged as
 * possible stuffing (survey-flags.ts). Four queries for the whole subtree.
 * Peers are siblings even when the subtree is a single community, so a unit's finding does not
 * depend on the level a report is asked at. `loadStats` replaces the case aggregate (callers
 * pass a cached one: api/data-quality/find.ts).
 */
export async function dataQualityFindings(
  db: Db,
  p: FindingParams,
  loadStats: (p: FindingParams) => Promise<readonly CommunityStats[]> = (q) =>
    communityCaseStats(db, q),
): Promise<Finding[]> {
  const period = formatPeriod(p.period);
  const ended = p.now.getTime() >= quarterEnd(p.period).getTime();
  const missing = await communitiesMissingReturn(db, p.rootUnitId, p.period);
  const stats = await loadStats(p);
  const findings: Finding[] = [
    ...missing.map((u) => ({
      orgUnit: u.code,
      orgUnitName: u.name,
      rule: "return_missing" as const,
      figure: null,
      severity: ended ? ("high" as const) : ("low" as const),
      message: ended
        ? `${period} 季度填报未提交，资源利用和群众参与类指标无法计算。`
        : `${period} 季度尚未结束，季度填报尚未提交。`,
    })),
    ...(await silentSourceFindings(db, p)),
    ...volumeFindings(stats, p.period),
    ...outlierFindings(stats),
    ...deadlineFindings(stats),
    ...(await surveyFlagFindings(db, p)),
  ];
  const key = (f: Finding) =>
    [SEVERITY_ORDER.indexOf(f.severity), RULE_ORDER.indexOf(f.rule)] as const;
  return findings.sort((a, b) => {
    const [sa, ra] = key(a);
    const [sb, rb] = key(b);
    return sa - sb || ra - rb || cmp(a.orgUnit ?? "", b.orgUnit ?? "") || cmp(a.message, b.message);
  });
}
