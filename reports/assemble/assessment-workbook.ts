/**
 * The assessor workbook's model (issue 8): everything the xlsx renderer lays out, as plain data —
 * the unit, quarter and scheme, every unit's numerators, denominators, values, scores, dimension
 * scores, index, grade and rank exactly as the API computed them (the renderer writes them as the
 * cached results of the formulas that recompute them), the survey samples and the data-quality
 * findings. Serialisable: no functions, no dates, no class instances.
 */

import {
  DIMENSION_DEFS,
  DIMENSIONS,
  GRADE_THRESHOLDS,
  INDICATOR_CODES,
  INDICATORS,
  MIN_SURVEY_SAMPLE,
  surveyStatsFromSums,
  Z95,
} from "../../metrics/index.ts";
import { dataAsOfInstant, formatInstant } from "../../shapes/format.ts";
import { LEVEL_LABELS, STATUS_COLOUR_NAMES, sourceLabel } from "../../shapes/labels.ts";
import type { ReportSource, SourceUnit } from "../source.ts";
import type {
  AssessmentWorkbookModel,
  AssessmentWorkbookRequest,
  WorkbookParameter,
  WorkbookSurveyRow,
  WorkbookUnit,
} from "./assessment-workbook-model.ts";
import {
  FINDING_RULE_ZH,
  INDICATOR_FORMULA_ZH,
  SCORING_RULES_ZH,
  SEVERITY_ZH,
} from "./indicator-text.ts";
import { shiftPeriod } from "./quarterly-reads.ts";
import { assembleRectifications } from "./rectification-chapter.ts";

export type * from "./assessment-workbook-model.ts";

import { workbookAssessment } from "./workbook-assessment.ts";

/**
 * A unit's survey sample from its sums, as the API computes them (api/indicators/results.ts):
 * mean `Σx / n`, `s = √((Σx² − n·x̄²) / (n − 1))`, interval `x̄ ± 1.96 s / √n`, satisfaction rate
 * `satisfied / answered × 100` with its Wilson interval, and the n < 30 flag.
 *
 * Source: INDICATORS.md "Survey score".
 *
 * Degenerate cases: n 0 gives no mean; n 1 no s and no interval; no answered overall item no rate.
 *
 * @example
 * ```ts
 * // scores 50, 75, 100: Σx 225, Σx² 18125
 * surveyRow(unit).mean; // 75, sd 25, ci [46.71…, 103.29…]
 * ```
 */
export function surveyRow(u: SourceUnit): WorkbookSurveyRow {
  const st = surveyStatsFromSums(u.survey);
  return {
    code: u.code,
    name: u.label ?? u.name,
    n: st.n,
    mean: st.score,
    sd: st.sd,
    ci: st.scoreCi,
    overallN: u.survey.overallN,
    satisfied: u.survey.satisfied,
    rate: st.satisfactionRate,
    rateCi: st.satisfactionCi,
    insufficient: st.insufficient,
  };
}

function workbookUnit(u: SourceUnit, exempt: Readonly<Record<string, number>>): WorkbookUnit {
  const byCode = new Map(u.indicators.map((i) => [i.code, i]));
  const missing = u.missing.map((d) => DIMENSION_DEFS[d].nameZh);
  return {
    code: u.code,
    name: u.label ?? u.name,
    levelZh: LEVEL_LABELS[u.level],
    parentCode: u.parentCode,
    rankFormula: u.siblingsIncluded,
    indicators: INDICATOR_CODES.map((code) => {
      const i = byCode.get(code);
      return {
        code,
        numerator: i?.numerator ?? null,
        denominator: i?.denominator ?? null,
        value: i?.value ?? null,
        score: i?.score ?? null,
        status: i?.status ? STATUS_COLOUR_NAMES[i.status] : null,
        target: i?.target ?? null,
        floor: i?.floor ?? null,
      };
    }),
    dimensions: u.dimensions,
    index: u.index,
    grade: u.grade,
    rank: u.rank,
    note:
      missing.length > 0
        ? `不完整：${missing.join("、")}无得分`
        : u.siblingsIncluded
          ? ""
          : "同级单位不在本表，排名为系统计算结果",
    exemptCases: exempt[u.code] ?? 0,
  };
}

/**
 * Builds the assessor workbook's model for a unit and quarter from a {@link ReportSource}: the
 * unit and its children (`depth: "children"`) or all its descendants (`"all"`), under the scheme
 * version valid in the quarter (or the one requested).
 *
 * Source: issue 8 (assessor exports); INDICATORS.md for every figure.
 *
 * Degenerate cases: a unit without children gives a one-unit workbook; indicators without a value
 * carry `null` (blank cells, never 0); a unit with no survey response has n 0 and no mean. Errors
 * of the source (unknown unit 404, out of scope 403) propagate.
 *
 * @example
 * ```ts
 * const model = await assembleAssessmentWorkbook(source, {
 *   period: "2026Q2", orgUnit: "310115", depth: "children", now: new Date().toISOString(),
 * });
 * model.units[0].code; // "310115", then its streets in code order
 * ```
 */
export async function assembleAssessmentWorkbook(
  source: ReportSource,
  req: AssessmentWorkbookRequest,
): Promise<AssessmentWorkbookModel> {
  const snap = await source.indicatorSnapshot(req);
  const root = snap.units[0];
  if (!root) throw new RangeError("assembleAssessmentWorkbook: the snapshot has no unit");
  const [findings, exempt, tasks, stored, flags] = await Promise.all([
    source.dataQuality({ period: snap.period, orgUnit: root.code }),
    source.exemptCases({ period: snap.period, orgUnit: root.code }),
    source.rectifications({ period: snap.period, orgUnit: root.code }),
    source.assessments?.({ period: snap.period, orgUnit: root.code }) ?? [],
    source.surveyFlags?.({ period: snap.period, orgUnit: root.code }),
  ]);
  const def = snap.scheme.definition;
  const indicators = INDICATOR_CODES.map((code): WorkbookParameter => {
    const c = INDICATORS[code];
    const s = def.indicators[code];
    return {
      code,
      nameZh: c.nameZh,
      dimension: c.dimension,
      dimensionZh: DIMENSION_DEFS[c.dimension].nameZh,
      unit: c.unit,
      arrow: s.direction === "up" ? "↑" : "↓",
      target: s.target,
      floor: s.floor,
      weight: s.weight,
      factor: c.factor,
      decimals: c.decimals,
      formulaZh: INDICATOR_FORMULA_ZH[code],
    };
  });
  const dataAsOf: [string, string][] = [
    ["数据截至（最近一次接收数据）", formatInstant(dataAsOfInstant(snap.dataAsOf))],
    ...snap.dataAsOf.sources.map((s): [string, string] => [
      `工单来源 ${sourceLabel(s.source)}`,
      `最后接收 ${s.lastReceivedAt}；最晚受理 ${s.maxReportedAt ?? "—"}`,
    ]),
    ["季度填报最后更新", snap.dataAsOf.returns ?? "—"],
    ["问卷最后提交", snap.dataAsOf.surveys ?? "—"],
  ];
  return {
    title: `${root.name} ${snap.period} 评估工作簿`,
    generatedAt: req.now,
    period: snap.period,
    year: snap.year,
    quarter: snap.quarter,
    unit: { code: root.code, name: root.name, levelZh: LEVEL_LABELS[root.level] },
    depth: req.depth,
    scheme: {
      id: snap.scheme.id,
      version: snap.scheme.version,
      name: snap.scheme.name,
      validFromYear: snap.scheme.validFromYear,
      normalisation: def.method.normalisation,
      aggregation: def.method.aggregation,
      responseSlaMinutes: def.responseSlaMinutes,
    },
    dataAsOf,
    parameters: {
      indicators,
      dimensions: DIMENSIONS.map((d) => ({
        dimension: d,
        nameZh: DIMENSION_DEFS[d].nameZh,
        weight: def.dimensions[d].weight,
      })),
      timeProgress: snap.quarter / 4,
      z95: Z95,
      minSample: MIN_SURVEY_SAMPLE,
      grades: GRADE_THRESHOLDS.map((g) => ({
        labelZh: g.labelZh,
        min: Number.isFinite(g.min) ? g.min : null,
      })),
      statusGreen: 100,
      statusAmber: 60,
    },
    units: snap.units.map((u) => workbookUnit(u, exempt)),
    survey: snap.units.map((u) => {
      const row = surveyRow(u);
      if (!flags) return row;
      const f = flags[u.code];
      return {
        ...row,
        flags: { flagged: f?.flagged ?? 0, open: f?.open ?? 0, confirmed: f?.confirmed ?? 0 },
      };
    }),
    findings: findings.map((f) => ({
      orgUnit: f.orgUnit,
      orgUnitName: f.orgUnitName,
      ruleZh: FINDING_RULE_ZH[f.rule] ?? f.rule,
      severityZh: SEVERITY_ZH[f.severity] ?? f.severity,
      figure: f.figure,
      message: f.message,
    })),
    scoringRules: SCORING_RULES_ZH,
    rectifications: assembleRectifications(tasks, snap.period, shiftPeriod(snap.period, -1)),
    assessment: workbookAssessment(def, snap.units, stored),
  };
}
