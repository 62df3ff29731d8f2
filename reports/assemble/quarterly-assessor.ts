/**
 * The assessor edition's extra parts of the quarterly report: full indicator tables per unit, the
 * methodology as the scheme record states it, data-quality findings and rank sensitivity. Read
 * from the ReportSource; nothing is recomputed.
 */
import {
  DIMENSION_DEFS,
  DIMENSIONS,
  GRADE_THRESHOLDS,
  INDICATOR_CODES,
  INDICATORS,
} from "../../metrics/index.ts";
import { APPEAL_REASON_LABELS, APPEAL_STATUS_LABELS } from "../../shapes/appeals.ts";
import type { SamplePlans } from "../../shapes/sample-plans.ts";
import type { SourceAppeal, SourceFinding, SourceScheme, SourceSensitivity } from "../source.ts";
import {
  FINDING_RULE_ZH,
  INDICATOR_FORMULA_ZH,
  SCORING_RULES_ZH,
  SEVERITY_ZH,
} from "./indicator-text.ts";
import type { ReportAssessorPart, ReportIndicator, ReportMethodology } from "./quarterly-model.ts";
import { samplePlanPart } from "./quarterly-sample-plan.ts";

const NORMALISATION_ZH = {
  goalposts: "目标值—底线值法（按各指标的目标值和底线值计分）",
  minmax: "同级单位极差标准化（min-max）",
  zscore: "同级单位 z 分数标准化",
} as const;

const AGGREGATION_ZH = {
  arithmetic: "加权算术平均",
  geometric: "加权几何平均（任一维度得分为 0 则综合指数为 0）",
} as const;

/**
 * The methodology section from the scheme version the figures were scored with: formulas in
 * words, goalposts and weights as stored (not the catalogue's defaults), method, G3's limit.
 *
 * @example
 * ```ts
 * methodologyOf(snapshot.scheme).indicators[0]; // { code: "G1", target: 60, floor: 20, weight: 25, ... }
 * ```
 */
export function methodologyOf(scheme: SourceScheme): ReportMethodology {
  const def = scheme.definition;
  return {
    // The workbook's last rule is about its cells; the report states its own rounding instead.
    rules: [
      ...SCORING_RULES_ZH.slice(0, -1),
      "本报告的计算保留全精度，等级、状态和排名按未经舍入的数值判定；显示时综合指数、得分和百分比保留一位小数，‰ 和每万人指标保留两位，小时保留一位，元取整（四舍五入，远离零）。",
    ],
    responseSlaMinutes: def.responseSlaMinutes,
    normalisationZh: NORMALISATION_ZH[def.method.normalisation],
    aggregationZh: AGGREGATION_ZH[def.method.aggregation],
    dimensions: DIMENSIONS.map((d) => ({
      dimension: d,
      nameZh: DIMENSION_DEFS[d].nameZh,
      weight: def.dimensions[d].weight,
    })),
    indicators: INDICATOR_CODES.map((code) => {
      const s = def.indicators[code];
      return {
        code,
        nameZh: INDICATORS[code].nameZh,
        dimensionZh: DIMENSION_DEFS[INDICATORS[code].dimension].nameZh,
        unit: INDICATORS[code].unit,
        arrow: s.direction === "down" ? "↓" : "↑",
        target: s.target,
        floor: s.floor,
        weight: s.weight,
        formulaZh: INDICATOR_FORMULA_ZH[code],
      };
    }),
    grades: GRADE_THRESHOLDS.map((g) => ({
      labelZh: g.labelZh,
      min: Number.isFinite(g.min) ? g.min : null,
    })),
  };
}

/** The assessor part from what the assembler already read plus findings and sensitivity. */
export function assessorPart(p: {
  scheme: SourceScheme;
  tables: { code: string; name: string; indicators: ReportIndicator[] }[];
  findings: readonly SourceFinding[];
  sensitivity: SourceSensitivity;
  appeals: readonly SourceAppeal[];
  samplePlans?: SamplePlans | null;
}): ReportAssessorPart {
  return {
    tables: p.tables,
    appeals: p.appeals.map((a) => ({
      id: a.id,
      orgUnit: a.orgUnit,
      orgUnitName: a.orgUnitName,
      cases: a.cases,
      reasonZh: APPEAL_REASON_LABELS[a.reason],
      statusZh: APPEAL_STATUS_LABELS[a.status],
      approved: a.status === "approved",
      decidedBy: a.decidedBy,
    })),
    methodology: methodologyOf(p.scheme),
    samplePlan: samplePlanPart(p.samplePlans ?? null),
    dataQuality: p.findings.map((f) => ({
      orgUnit: f.orgUnit,
      orgUnitName: f.orgUnitName,
      ruleZh: FINDING_RULE_ZH[f.rule] ?? f.rule,
      severity: f.severity,
      severityZh: SEVERITY_ZH[f.severity] ?? f.severity,
      figure: f.figure,
      message: f.message,
    })),
    sensitivity: {
      draws: p.sensitivity.draws,
      seed: p.sensitivity.seed,
      spread: p.sensitivity.spread,
      units: p.sensitivity.units.map((u) => ({ ...u })),
    },
  };
}
