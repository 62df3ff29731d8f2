/**
 * The assessor workbook's assessment part (issue 20): the scheme's assessor weight, adjustment cap,
 * target overrides by level and urban/rural, its assessor and adjustment items, and each unit's
 * stored scores, points, comments, reasons and sign-off with the API's assessor score, adjustment,
 * total and provisional flag. Plain serialisable data, laid out by reports/xlsx/assessment-scoring.ts.
 */
import type { IndicatorCode, SchemeDefinition } from "../../metrics/index.ts";
import { ADJUSTMENT_KIND_LABELS, ASSESSMENT_STATE_LABELS } from "../../shapes/assessment-labels.ts";
import { LEVEL_LABELS } from "../../shapes/labels.ts";
import type { OrgLevel } from "../../shapes/org-levels.ts";
import type { SourceAssessment, SourceUnit } from "../source.ts";

/** The assessment fields of a scheme (CYCLE.md "Assessor scores"), defaults filled in. */
export interface AssessmentScheme {
  assessorItems: { code: string; name: string; weight: number }[];
  adjustmentItems: { code: string; name: string; kind: "bonus" | "penalty"; maxPoints: number }[];
  assessorWeight: number;
  adjustmentCap: number;
  targetOverrides: {
    indicator: IndicatorCode;
    level?: string | null | undefined;
    urban?: boolean | null | undefined;
    target: number;
    floor: number;
  }[];
}

/**
 * The assessment fields of a scheme definition; a scheme without them (the default) has no
 * items, w = 0 and cap 5 (CYCLE.md).
 */
export function assessmentSchemeOf(def: SchemeDefinition): AssessmentScheme {
  const d = def as SchemeDefinition & Partial<AssessmentScheme>;
  return {
    assessorItems: d.assessorItems ?? [],
    adjustmentItems: d.adjustmentItems ?? [],
    assessorWeight: d.assessorWeight ?? 0,
    adjustmentCap: d.adjustmentCap ?? 5,
    targetOverrides: d.targetOverrides ?? [],
  };
}

/** 城市 / 农村, or null when the unit's urban/rural is not recorded (or an override names none). */
export const urbanZh = (urban: boolean | null | undefined): string | null =>
  urban === true ? "城市" : urban === false ? "农村" : null;

export const KIND_ZH = ADJUSTMENT_KIND_LABELS;

/** One target override (参数 sheet). */
export interface WorkbookOverride {
  code: IndicatorCode;
  levelZh: string | null;
  urbanZh: string | null;
  target: number;
  floor: number;
}

/** One unit's assessment (评估打分 sheet and the total's columns). */
export interface WorkbookUnitAssessment {
  code: string;
  urbanZh: string | null;
  /** 已签署 / 草稿 / 未评估. */
  stateZh: string;
  items: { code: string; score: number | null; comment: string }[];
  adjustments: { code: string; points: number | null; reason: string }[];
  assessorScore: number | null;
  adjustment: number;
  total: number | null;
  provisional: boolean;
}

export interface WorkbookAssessment {
  assessorWeight: number;
  adjustmentCap: number;
  overrides: WorkbookOverride[];
  assessorItems: { code: string; name: string; weight: number }[];
  adjustmentItems: { code: string; name: string; kindZh: string; maxPoints: number }[];
  /** Parallel to the workbook's units. */
  units: WorkbookUnitAssessment[];
}

export const STATE_ZH = ASSESSMENT_STATE_LABELS;

/**
 * The workbook's assessment part from the scheme, the units and their stored assessments.
 *
 * Degenerate cases: a unit without an assessment has every item blank and state 未评估; a source
 * without totals (an older one) gives total = index, adjustment 0, not provisional.
 */
export function workbookAssessment(
  def: SchemeDefinition,
  units: readonly SourceUnit[],
  stored: readonly SourceAssessment[],
): WorkbookAssessment {
  const a = assessmentSchemeOf(def);
  const byUnit = new Map(stored.map((s) => [s.orgUnit, s]));
  return {
    assessorWeight: a.assessorWeight,
    adjustmentCap: a.adjustmentCap,
    overrides: a.targetOverrides.map((o) => ({
      code: o.indicator,
      levelZh: o.level ? (LEVEL_LABELS[o.level as OrgLevel] ?? o.level) : null,
      urbanZh: urbanZh(o.urban),
      target: o.target,
      floor: o.floor,
    })),
    assessorItems: a.assessorItems.map((i) => ({ ...i })),
    adjustmentItems: a.adjustmentItems.map((i) => ({
      code: i.code,
      name: i.name,
      kindZh: KIND_ZH[i.kind],
      maxPoints: i.maxPoints,
    })),
    units: units.map((u) => {
      const s = byUnit.get(u.code);
      const score = new Map(s?.items.map((i) => [i.code, i]) ?? []);
      const points = new Map(s?.adjustments.map((i) => [i.code, i]) ?? []);
      return {
        code: u.code,
        urbanZh: urbanZh(u.urban),
        stateZh: !s ? STATE_ZH.none : s.signedOffAt ? STATE_ZH.signed : STATE_ZH.draft,
        items: a.assessorItems.map((i) => ({
          code: i.code,
          score: score.get(i.code)?.score ?? null,
          comment: score.get(i.code)?.comment ?? "",
        })),
        adjustments: a.adjustmentItems.map((i) => ({
          code: i.code,
          points: points.get(i.code)?.points ?? null,
          reason: points.get(i.code)?.reason ?? "",
        })),
        assessorScore: u.totals?.assessorScore ?? null,
        adjustment: u.totals?.adjustment ?? 0,
        total: u.totals ? u.totals.total : u.index,
        provisional: u.totals?.provisional ?? false,
      };
    }),
  };
}
