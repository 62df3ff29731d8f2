import { type Kysely, sql, type Transaction } from "kysely";
import { median } from "../../metrics/index.ts";
import { sourceLabel } from "../../shapes/labels.ts";
import {
  formatPeriod,
  type Quarter,
  quarterEnd,
  quarterStart,
  shanghaiWallClock,
  shiftQuarter,
} from "../../shapes/periods.ts";
import type { DB } from "../db/database.ts";
import { communitiesMissingReturn } from "../returns/queries.ts";

type Db = Kysely<DB> | Transaction<DB>;

export type FindingRule =
  | "return_missing"
  | "handling_time_outlier"
  | "case_volume_change"
  | "source_silent"
  | "deadline_missing";
export type Severity = "high" | "medium" | "low";

/**
 * One data-quality finding. `figure` per rule: return_missing → null; handling_time_outlier →
 * the unit's mean handling hours; case_volume_change → % change against the previous quarter;
 * source_silent → whole days since the source last sent (orgUnit null); deadline_missing → the
 * number of resolved cases without a deadline. `message` is Chinese, for pages and exports.
 */
export interface Finding {
  orgUnit: string | null;
  orgUnitName: string | null;
  rule: FindingRule;
  figure: number | null;
  severity: Severity;
  message: string;
}

export interface FindingParams {
  period: Quarter;
  /** Root of the subtree (null: the whole tree). Findings name only units inside it. */
  rootUnitId: number | null;
  /** A source is silent when it sent nothing for more than this many days. */
  silentDays: number;
  /** "Now", for silence and for whether the quarter has ended (a parameter so reports are reproducible). */
  now: Date;
}

/** |modified z| above this flags an outlier (Iglewicz and Hoaglin's recommendation). */
export const OUTLIER_Z = 3.5;
/** A mean over fewer resolved cases is too noisy to compare. */
export const MIN_CASES_FOR_MEAN = 5;
/** Median and MAD need a few peers to mean anything. */
export const MIN_PEERS = 4;
/** Volume changes are judged only against a previous quarter with at least this many cases. */
export const MIN_PREVIOUS_VOLUME = 10;
/** "Fell or rose by more than half". */
export const VOLUME_CHANGE = 0.5;

const RULE_ORDER: FindingRule[] = [
  "return_missing",
  "source_silent",
  "case_volume_change",
  "handling_time_outlier",
  "deadline_missing",
];
const SEVERITY_ORDER: Severity[] = ["high", "medium", "low"];

/**
 * Modified z-scores (Iglewicz and Hoaglin): 0.6745 (x − median) / MAD, MAD the median of the
 * absolute deviations from the median. Null for every value when MAD is 0 (more than half the
 * values equal: no spread to measure against) or when there are fewer than `minN` values.
 *
 * @example
 * modifiedZScores([10, 12, 11, 13, 100]); // median 12, MAD 1 → [-1.349, 0, -0.6745, 0.6745, 59.356]
 */
export function modifiedZScores(values: readonly number[], minN = MIN_PEERS): (number | null)[] {
  const m = median(values);
  if (m === null || values.length < minN) return values.map(() => null);
  const mad = median(values.map((v) => Math.abs(v - m)));
  if (mad === null || mad === 0) return values.map(() => null);
  return values.map((v) => (0.6745 * (v - m)) / mad);
}

/** Case figures of one community (see `communityCaseStats`). */
export interface CommunityStats {
  id: number;
  code: string;
  name: string;
  parentId: number | null;
  inScope: boolean;
  resolved: number;
  hours: number;
  noDeadline: number;
  reported: number;
  reportedPrev: number;
}

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
      ? sql`select id, parent_id from org_unit where level = 'community'`
      : sql`select u.id, u.parent_id from org_unit u
            join org_closure oc on oc.descendant_id = u.id and oc.ancestor_id = ${p.rootUnitId}
            where u.level = 'community'`;
  const resolvedInQ = sql`cr.resolved_at >= ${qs}::timestamptz and cr.resolved_at < ${qe}::timestamptz`;
  const result = await sql<CommunityStats>`
    with scope as (${scope}),
    units as (
      select u.id, u.code, u.name, u.parent_id, u.id in (select id from scope) as in_scope
      from org_unit u
      where u.level = 'community'
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

/** Code-point order: the same on every machine, unlike localeCompare. */
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const fmt = (v: number, digits = 1) => v.toFixed(digits);

function outlierFindings(stats: readonly CommunityStats[]): Finding[] {
  const groups = new Map<number | null, CommunityStats[]>();
  for (const s of stats) {
    if (s.resolved < MIN_CASES_FOR_MEAN) continue;
    const g = groups.get(s.parentId) ?? [];
    g.push(s);
    groups.set(s.parentId, g);
  }
  const out: Finding[] = [];
  for (const group of groups.values()) {
    const means = group.map((s) => s.hours / s.resolved);
    const zs = modifiedZScores(means);
    const mid = median(means);
    group.forEach((s, i) => {
      const z = zs[i];
      if (!s.inScope || z === null || z === undefined || Math.abs(z) <= OUTLIER_Z) return;
      const mean = means[i]!;
      out.push({
        orgUnit: s.code,
        orgUnitName: s.name,
        rule: "handling_time_outlier",
        figure: mean,
        severity: "medium",
        message: `本季度办结工单平均办理时长 ${fmt(mean)} 小时，明显${z > 0 ? "长" : "短"}于同一上级单位下的其他社区（中位数 ${fmt(mid ?? 0)} 小时，稳健 z 值 ${fmt(z)}），请核实办结时间是否准确。`,
      });
    });
  }
  return out;
}

function volumeFindings(stats: readonly CommunityStats[], period: Quarter): Finding[] {
  const prev = formatPeriod(shiftQuarter(period, -1));
  return stats
    .filter((s) => s.inScope && s.reportedPrev >= MIN_PREVIOUS_VOLUME)
    .filter((s) => Math.abs(s.reported - s.reportedPrev) / s.reportedPrev > VOLUME_CHANGE)
    .map((s) => {
      const change = ((s.reported - s.reportedPrev) / s.reportedPrev) * 100;
      return {
        orgUnit: s.code,
        orgUnitName: s.name,
        rule: "case_volume_change" as const,
        figure: change,
        severity: s.reported === 0 ? ("high" as const) : ("medium" as const),
        message: `本季度受理工单 ${s.reported} 件，较上季度（${prev}）${s.reportedPrev} 件${change < 0 ? "下降" : "上升"} ${fmt(Math.abs(change))}%，请核实数据是否完整推送。`,
      };
    });
}

function deadlineFindings(stats: readonly CommunityStats[]): Finding[] {
  return stats
    .filter((s) => s.inScope && s.noDeadline > 0)
    .map((s) => {
      const share = s.noDeadline / s.resolved;
      return {
        orgUnit: s.code,
        orgUnitName: s.name,
        rule: "deadline_missing" as const,
        figure: s.noDeadline,
        severity:
          share >= 0.5 ? ("high" as const) : share >= 0.1 ? ("medium" as const) : ("low" as const),
        message: `本季度办结的 ${s.resolved} 件工单中有 ${s.noDeadline} 件缺少办理时限（占 ${fmt(share * 100)}%），无法计入按期办结率。`,
      };
    });
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
 * communities with resolved cases lacking a deadline. Three queries for the whole subtree.
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
  ];
  const key = (f: Finding) =>
    [SEVERITY_ORDER.indexOf(f.severity), RULE_ORDER.indexOf(f.rule)] as const;
  return findings.sort((a, b) => {
    const [sa, ra] = key(a);
    const [sb, rb] = key(b);
    return sa - sb || ra - rb || cmp(a.orgUnit ?? "", b.orgUnit ?? "") || cmp(a.message, b.message);
  });
}
