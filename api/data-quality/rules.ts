/**
 * The data-quality rules as pure functions over the figures queries.ts reads: the finding's
 * shape, the thresholds, the modified z-score, and the findings of handling-time outliers, case
 * volume changes and resolved cases without a deadline, with their Chinese messages and order.
 */
import { median } from "../../metrics/index.ts";
import { formatNumber } from "../../shapes/format.ts";
import { formatPeriod, type Quarter, shiftQuarter } from "../../shapes/periods.ts";

export type FindingRule =
  | "return_missing"
  | "handling_time_outlier"
  | "case_volume_change"
  | "source_silent"
  | "deadline_missing"
  | "survey_flagged";
export type Severity = "high" | "medium" | "low";

/**
 * One data-quality finding. `figure` per rule: return_missing → null; handling_time_outlier →
 * the unit's mean handling hours; case_volume_change → % change against the previous quarter;
 * source_silent → whole days since the source last sent (orgUnit null); deadline_missing → the
 * number of resolved cases without a deadline; survey_flagged → the number of survey responses
 * flagged as possible stuffing (api/data-quality/survey-flags.ts). `message` is Chinese, for pages and exports.
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

export const RULE_ORDER: FindingRule[] = [
  "return_missing",
  "source_silent",
  "case_volume_change",
  "handling_time_outlier",
  "deadline_missing",
  "survey_flagged",
];
export const SEVERITY_ORDER: Severity[] = ["high", "medium", "low"];

/** Code-point order: the same on every machine, unlike localeCompare. */
export const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

// Figures in the Chinese messages: one decimal, rounded half away from zero like every shown figure.
const fmt = (v: number) => formatNumber(v, 1);

export function outlierFindings(stats: readonly CommunityStats[]): Finding[] {
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

export function volumeFindings(stats: readonly CommunityStats[], period: Quarter): Finding[] {
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

export function deadlineFindings(stats: readonly CommunityStats[]): Finding[] {
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
