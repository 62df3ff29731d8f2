/**
 * The quarterly assessment report's model (issue 9): everything the HTML renderer lays out, as
 * plain serialisable data. Every figure is the API's, unrounded (GET /api/v1/indicators,
 * /sensitivity, /data-quality); sentences, findings and recommendations are already written out
 * in Chinese from templates filled with those figures. A published report stores this JSON, so it
 * can be rendered again, byte for byte, whatever data arrives later.
 */
import type { Dimension, IndicatorCode, Status } from "../../metrics/index.ts";
import type { SensitivityRow } from "../../shapes/sensitivity.ts";
import type { SurveySampleSummary } from "../../shapes/survey-stats.ts";
import type { SourceDataAsOf } from "../source.ts";
import type { ReportAssessmentPart } from "./quarterly-assessment.ts";
import type { ReportRectifications } from "./rectification-chapter.ts";

/** The two editions: short with charts for the leading group, complete for the assessor. */
export type ReportEdition = "leadership" | "assessor";

/** Bumped when the model's shape changes, so a stored model is rendered by a matching renderer. */
export const REPORT_MODEL_VERSION = 1;

/** One indicator of the reported unit (or one unit of the assessor's tables). */
export interface ReportIndicator {
  code: IndicatorCode;
  nameZh: string;
  dimension: Dimension;
  /** Display unit (`%`, `‰`, `h`, `元`, `每万人`, `分`) and decimals, from the catalogue. */
  unit: string;
  decimals: number;
  direction: "up" | "down";
  target: number;
  floor: number;
  /** Weight within its dimension under the scheme. */
  weight: number;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  score: number | null;
  status: Status | null;
  /** Value in the previous quarter (环比) and the same quarter last year (同比). */
  previous: number | null;
  lastYear: number | null;
  /** The value is worse than the floor (score 0). */
  belowFloor: boolean;
}

/** A dimension of the reported unit. */
export interface ReportDimension {
  dimension: Dimension;
  nameZh: string;
  weight: number;
  score: number | null;
  previous: number | null;
  lastYear: number | null;
  sentences: string[];
  indicators: ReportIndicator[];
}

/** One quarter of the unit's trend. */
export interface ReportTrendPoint {
  period: string;
  index: number | null;
  dimensions: Record<Dimension, number | null>;
}

/** One child unit in the ranking. */
export interface ReportRankRow {
  code: string;
  name: string;
  index: number | null;
  grade: string | null;
  rank: number | null;
  complete: boolean;
  /** Dimensions without a score, in Chinese (why there is no index). */
  missingZh: string[];
  dimensions: Record<Dimension, number | null>;
  previousIndex: number | null;
  /** Index change against the previous quarter; null when either has no index. */
  change: number | null;
  /** Indicators red this quarter. */
  red: number;
}

/** A red indicator and the child units behind it. */
export interface ReportRedItem {
  code: IndicatorCode;
  nameZh: string;
  unit: string;
  decimals: number;
  target: number;
  floor: number;
  /** The reported unit's own value, score and status. */
  value: number | null;
  score: number | null;
  status: Status | null;
  units: {
    code: string;
    name: string;
    value: number | null;
    score: number | null;
    /** Also red in the previous quarter (red two quarters running). */
    redLastQuarter: boolean;
  }[];
}

/** One unit's index change. */
export interface ReportMover {
  code: string;
  name: string;
  index: number;
  previousIndex: number;
  change: number;
}

/** One indicator's change of score against the previous quarter. */
export interface ReportIndicatorChange {
  code: IndicatorCode;
  nameZh: string;
  unit: string;
  decimals: number;
  value: number;
  previous: number;
  /** Score change (points); positive is better whatever the indicator's direction. */
  scoreChange: number;
}

/** One survey sample: the unit's subtree in the quarter. */
export interface ReportSurveyRow extends SurveySampleSummary {
  code: string;
  name: string;
}

/** A finding derived by a rule from the data. */
export interface ReportFinding {
  severity: "high" | "medium" | "low";
  /** The rule that produced it (stable key). */
  rule: string;
  text: string;
}

/** The assessor edition's methodology, from the scheme record. */
export interface ReportMethodology {
  rules: string[];
  responseSlaMinutes: number;
  normalisationZh: string;
  aggregationZh: string;
  dimensions: { dimension: Dimension; nameZh: string; weight: number }[];
  indicators: {
    code: IndicatorCode;
    nameZh: string;
    dimensionZh: string;
    unit: string;
    arrow: "↑" | "↓";
    target: number;
    floor: number;
    weight: number;
    formulaZh: string;
  }[];
  grades: { labelZh: string; min: number | null }[];
}

/** The assessor edition's extra sections. */
/** One row of the 核减情况 table: an appeal of the quarter in the unit's subtree. */
export interface ReportAppealRow {
  id: number;
  orgUnit: string;
  orgUnitName: string;
  cases: number;
  reasonZh: string;
  statusZh: string;
  /** Approved: its cases are exempt. */
  approved: boolean;
  decidedBy: string | null;
}

/** The survey's sample plans of the quarter (issue 22): the methodology's words and counts. */
export interface ReportSamplePlan {
  communities: number;
  met: number;
  collected: number;
  target: number;
  /** Paragraphs: the formula, the default SD, the quarter's counts. */
  sentences: string[];
}

export interface ReportAssessorPart {
  /** One table per unit (the reported unit first, then its children). */
  tables: { code: string; name: string; indicators: ReportIndicator[] }[];
  /** Appeals (核减申请) of the quarter in the unit's subtree, in filing order. */
  appeals: ReportAppealRow[];
  methodology: ReportMethodology;
  /** Sample plans (issue 22); absent in models built before them or from sources without them. */
  samplePlan?: ReportSamplePlan | null;
  dataQuality: {
    orgUnit: string | null;
    orgUnitName: string | null;
    ruleZh: string;
    severity: "high" | "medium" | "low";
    severityZh: string;
    figure: number | null;
    message: string;
  }[];
  sensitivity: {
    draws: number;
    seed: number;
    spread: number;
    units: SensitivityRow[];
  };
}

/** The whole report. */
export interface QuarterlyReportModel {
  kind: "quarterly-report";
  modelVersion: number;
  edition: ReportEdition;
  editionZh: string;
  title: string;
  period: string;
  periodZh: string;
  previousPeriod: string;
  lastYearPeriod: string;
  /** When the figures were read (ISO 8601); the cover shows it. */
  generatedAt: string;
  unit: {
    code: string;
    name: string;
    level: string;
    levelZh: string;
    /** The street (and units) above a unit below street level; absent in models stored before. */
    place?: string | null;
  };
  /** Level name of the units ranked below the reported unit (街道, 社区…); null when none. */
  childLevelZh: string | null;
  scheme: { id: string; version: number; name: string; validFromYear: number };
  dataAsOf: SourceDataAsOf;
  summary: {
    index: number | null;
    grade: string | null;
    rank: number | null;
    /** Units the rank is among (the unit and its siblings); null when not ranked. */
    rankedAmong: number | null;
    complete: boolean;
    missingZh: string[];
    previousIndex: number | null;
    lastYearIndex: number | null;
    previousGrade: string | null;
    lastYearGrade: string | null;
    statusCounts: Record<Status | "none", number>;
    sentences: string[];
  };
  trend: ReportTrendPoint[];
  dimensions: ReportDimension[];
  ranking: ReportRankRow[];
  redItems: ReportRedItem[];
  movers: {
    improvements: ReportMover[];
    declines: ReportMover[];
    indicatorImprovements: ReportIndicatorChange[];
    indicatorDeclines: ReportIndicatorChange[];
    sentences: string[];
  };
  survey: { rows: ReportSurveyRow[]; sentences: string[] };
  findings: ReportFinding[];
  recommendations: string[];
  /**
   * The 整改情况 chapter: tasks opened for earlier quarters and how they stand. Absent in models
   * stored before issue 19 (they render without the chapter, as they did).
   */
  rectifications?: ReportRectifications;
  assessor: ReportAssessorPart | null;
  /** Totals, assessor scores and adjustments (issue 20); absent from models stored before. */
  assessment?: ReportAssessmentPart | null;
}
