/**
 * The quarterly report's assessment part (issue 20): the unit's total (综合得分) and its parts, the
 * assessor's item scores with comments, the adjustments with their reasons, and the children
 * ranked by total with the units without a total after them as 未参评 with the reason. Both
 * editions carry it; the assessor edition also lists the children's adjustments. Every figure is
 * the API's, unrounded.
 */
import { DIMENSION_DEFS, type SchemeDefinition } from "../../metrics/index.ts";
import type { ReportSource, SourceAssessment, SourceUnit } from "../source.ts";
import { assessmentSchemeOf, KIND_ZH } from "./workbook-assessment.ts";

/** One unit's total and its parts. */
export interface ReportTotalRow {
  code: string;
  name: string;
  rank: number | null;
  index: number | null;
  assessorScore: number | null;
  adjustment: number;
  total: number | null;
  grade: string | null;
  provisional: boolean;
  /** 已签署 / 草稿 / 未评估. */
  stateZh: string;
  /** Why a unit has no total (未参评); null when it has one. */
  unrankedZh: string | null;
}

export interface ReportAdjustmentRow {
  unitName: string;
  code: string;
  name: string;
  kindZh: string;
  /** Signed: + for a bonus, − for a penalty. */
  points: number;
  reason: string;
}

export interface ReportAssessmentPart {
  assessorWeight: number;
  adjustmentCap: number;
  unit: ReportTotalRow;
  items: { code: string; name: string; weight: number; score: number | null; comment: string }[];
  /** The unit's adjustments; in the assessor edition the children's too. */
  adjustments: ReportAdjustmentRow[];
  /** Children by total (ties share a rank), then the 未参评 ones in code order. */
  ranking: ReportTotalRow[];
}

const RETURN_CODES = ["R1", "R2", "R3", "R4", "P1", "P2", "P3", "P4"];

/** Why a unit has no total: no data at all, no quarterly return, or the dimensions missing. */
export function unrankedReason(u: SourceUnit): string {
  if (u.indicators.every((i) => i.value === null)) return "本季度无数据";
  const fromReturns = u.indicators.filter((i) => RETURN_CODES.includes(i.code));
  if (fromReturns.every((i) => i.value === null)) return "未报送季度填报";
  const dims = u.missing.map((d) => DIMENSION_DEFS[d].nameZh);
  return dims.length > 0 ? `${dims.join("、")}无得分` : "无综合指数";
}

function totalRow(u: SourceUnit, stored: SourceAssessment | undefined): ReportTotalRow {
  const total = u.totals ? u.totals.total : u.index;
  return {
    code: u.code,
    name: u.name,
    rank: u.rank,
    index: u.index,
    assessorScore: u.totals?.assessorScore ?? null,
    adjustment: u.totals?.adjustment ?? 0,
    total,
    grade: u.grade,
    provisional: u.totals?.provisional ?? false,
    stateZh: !stored ? "未评估" : stored.signedOffAt ? "已签署" : "草稿",
    unrankedZh: total === null ? unrankedReason(u) : null,
  };
}

function adjustmentsOf(
  def: SchemeDefinition,
  unitName: string,
  stored: SourceAssessment | undefined,
): ReportAdjustmentRow[] {
  const items = new Map(assessmentSchemeOf(def).adjustmentItems.map((i) => [i.code, i]));
  return (stored?.adjustments ?? []).map((a) => {
    const item = items.get(a.code);
    const penalty = item?.kind === "penalty";
    return {
      unitName,
      code: a.code,
      name: item?.name ?? a.code,
      kindZh: penalty ? KIND_ZH.penalty : KIND_ZH.bonus,
      points: penalty ? -a.points : a.points,
      reason: a.reason,
    };
  });
}

/**
 * The assessment part of a quarterly report from the quarter's snapshot (the unit first, then its
 * children) and the stored assessments.
 *
 * Degenerate cases: null when the scheme has no assessor or adjustment item and nothing is
 * stored (the default scheme: its report stays as it was, the total being the index); a unit
 * without children gives an empty ranking.
 */
export async function assessmentPart(
  source: ReportSource,
  def: SchemeDefinition,
  units: readonly SourceUnit[],
  period: string,
  edition: "leadership" | "assessor",
): Promise<ReportAssessmentPart | null> {
  const unit = units[0]!;
  const children = units.slice(1);
  const stored = (await source.assessments?.({ period, orgUnit: unit.code })) ?? [];
  const byUnit = new Map(stored.map((s) => [s.orgUnit, s]));
  const a = assessmentSchemeOf(def);
  if (a.assessorItems.length + a.adjustmentItems.length === 0 && stored.length === 0) return null;
  const own = byUnit.get(unit.code);
  const scores = new Map(own?.items.map((i) => [i.code, i]) ?? []);
  const rows = children.map((c) => totalRow(c, byUnit.get(c.code)));
  const ranked = rows
    .filter((r) => r.rank !== null && r.total !== null)
    .sort((x, y) => (x.rank ?? 0) - (y.rank ?? 0) || x.code.localeCompare(y.code));
  const unranked = rows
    .filter((r) => r.rank === null || r.total === null)
    .sort((x, y) => x.code.localeCompare(y.code));
  return {
    assessorWeight: a.assessorWeight,
    adjustmentCap: a.adjustmentCap,
    unit: totalRow(unit, own),
    items: a.assessorItems.map((i) => ({
      code: i.code,
      name: i.name,
      weight: i.weight,
      score: scores.get(i.code)?.score ?? null,
      comment: scores.get(i.code)?.comment ?? "",
    })),
    adjustments: [
      ...adjustmentsOf(def, unit.name, own),
      ...(edition === "assessor"
        ? children.flatMap((c) => adjustmentsOf(def, c.name, byUnit.get(c.code)))
        : []),
    ],
    ranking: [...ranked, ...unranked],
  };
}
