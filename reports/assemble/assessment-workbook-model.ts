/**
 * The assessor workbook's model types (issue 8): everything the xlsx renderer lays out, as plain
 * serialisable data. Built by assessment-workbook.ts; the 整改台账 sheet's rows come from
 * rectification-chapter.ts, the same model the report's 整改情况 chapter reads.
 */
import type { Dimension, IndicatorCode } from "../../metrics/index.ts";
import type { IndicatorSnapshotRequest, ReportDepth } from "../source.ts";
import type { ReportRectifications } from "./rectification-chapter.ts";
import type { WorkbookAssessment } from "./workbook-assessment.ts";

/** One indicator's parameters (the 参数 sheet). */
export interface WorkbookParameter {
  code: IndicatorCode;
  nameZh: string;
  dimension: Dimension;
  dimensionZh: string;
  unit: string;
  /** "↑" higher is better, "↓" lower is better. */
  arrow: "↑" | "↓";
  target: number;
  floor: number;
  weight: number;
  /** Numerator / denominator × factor (R1: × factor ÷ time progress). */
  factor: number;
  decimals: number;
  formulaZh: string;
}

/** One indicator of one unit: the API's figures. */
export interface WorkbookIndicator {
  code: IndicatorCode;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  score: number | null;
  status: "绿" | "黄" | "红" | null;
  /** The unit's goalposts (a target override may apply); null where the unit has no result. */
  target: number | null;
  floor: number | null;
}

/** One unit's row of results. */
export interface WorkbookUnit {
  code: string;
  name: string;
  levelZh: string;
  /** Code of the parent; `null` for a tree root. */
  parentCode: string | null;
  /** False when the rank was computed among siblings not in the workbook: it is then a value. */
  rankFormula: boolean;
  indicators: WorkbookIndicator[];
  dimensions: Record<Dimension, number | null>;
  index: number | null;
  grade: string | null;
  rank: number | null;
  /** Why there is no index: the dimensions without a score, in Chinese. */
  note: string;
  /** Exempt cases (核减) of the quarter in the unit's subtree: they count in no indicator. */
  exemptCases: number;
}

/** One unit's survey sample (satisfaction survey, whole subtree, the quarter). */
export interface WorkbookSurveyRow {
  code: string;
  name: string;
  n: number;
  mean: number | null;
  sd: number | null;
  ci: [number, number] | null;
  overallN: number;
  satisfied: number;
  rate: number | null;
  rateCi: [number, number] | null;
  insufficient: boolean;
  /**
   * Responses of the subtree flagged as possible stuffing (issue 22): all, waiting for an
   * assessor, confirmed (left out of n above). Absent: the source has no flags.
   */
  flags?: { flagged: number; open: number; confirmed: number };
}

export interface WorkbookFinding {
  orgUnit: string | null;
  orgUnitName: string | null;
  ruleZh: string;
  severityZh: string;
  figure: number | null;
  message: string;
}

export interface AssessmentWorkbookModel {
  title: string;
  generatedAt: string;
  period: string;
  year: number;
  quarter: number;
  unit: { code: string; name: string; levelZh: string };
  depth: ReportDepth;
  scheme: {
    id: string;
    version: number;
    name: string;
    validFromYear: number;
    normalisation: string;
    aggregation: string;
    responseSlaMinutes: number;
  };
  /** Label and value lines for "data as of". */
  dataAsOf: [string, string][];
  parameters: {
    indicators: WorkbookParameter[];
    dimensions: { dimension: Dimension; nameZh: string; weight: number }[];
    /** R1's time progress is quarter / 4. */
    timeProgress: number;
    z95: number;
    minSample: number;
    /** Grade thresholds, highest first; the last is the fail grade (min −∞ written as none). */
    grades: { labelZh: string; min: number | null }[];
    statusGreen: number;
    statusAmber: number;
  };
  units: WorkbookUnit[];
  survey: WorkbookSurveyRow[];
  findings: WorkbookFinding[];
  scoringRules: readonly string[];
  /** The 整改台账 sheet: the same model as the quarterly report's 整改情况 chapter. */
  rectifications: ReportRectifications;
  /** Assessor scores, adjustments, target overrides and totals (issue 20). */
  assessment: WorkbookAssessment;
}

export interface AssessmentWorkbookRequest extends IndicatorSnapshotRequest {
  /** Generation time, ISO 8601 (a parameter so a workbook is reproducible). */
  now: string;
}
