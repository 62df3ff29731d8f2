/**
 * The read interface reports are built from. `reports/` never queries: the API implements this
 * interface (api/reporting/source.ts) over the indicator engine and the database, already limited to
 * the caller's scope, and the assemblers turn what it returns into serialisable report models.
 *
 * Every figure here is the one the API serves (GET /api/v1/indicators and friends), unrounded;
 * "no value" is `null`, never 0 (INDICATORS.md "Counting rules", "Rounding").
 */
import type { Dimension, IndicatorCode, SchemeDefinition, Status } from "../metrics/index.ts";
import type { OrgLevel } from "../shapes/org-levels.ts";
import type { RectificationTask } from "../shapes/rectifications.ts";
import type { SamplePlans } from "../shapes/sample-plans.ts";
import type { SensitivityRow } from "../shapes/sensitivity.ts";

/** How far below the requested unit a report goes. */
export type ReportDepth = "children" | "all";

/** One indicator of one unit, as in the API's UnitResult. */
export interface SourceIndicator {
  code: IndicatorCode;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  score: number | null;
  status: Status | null;
  target: number;
  floor: number;
}

/**
 * A unit's survey sums for the quarter (the satisfaction survey over its whole subtree): the
 * engine's inputs to G4 and the satisfaction rate, so a report's sample statistics are the API's.
 */
export interface SourceSurveySums {
  /** Responses that count (at least one item answered). */
  n: number;
  /** Σ of the response scores (0–100) and Σ of their squares. */
  scoreSum: number;
  scoreSquares: number;
  /** Responses that answered the overall item, and those of them with overall 4 or 5. */
  overallN: number;
  satisfied: number;
}

/** One unit's results under the scheme: the API's UnitResult plus where it sits in the report. */
export interface SourceUnit {
  code: string;
  name: string;
  /**
   * How lists name it: the name, or with its street (and code) when another unit of the answer
   * has the same name (shapes/unit-names.ts `unitLabels`); absent: the name.
   */
  label?: string;
  /**
   * Names from the street down to the parent (`振华街道`, `振华街道 › 馨苑社区`) for a unit below
   * street level, so a report of 馨苑社区 says which one; null or absent for a street or above.
   */
  place?: string | null;
  level: OrgLevel;
  /** Code of its parent; `null` for a tree root. */
  parentCode: string | null;
  /**
   * True when every sibling the rank is computed among is in the same answer, so the rank can be
   * recomputed from the answer alone. False only for the requested unit when it has siblings.
   */
  siblingsIncluded: boolean;
  index: number | null;
  grade: string | null;
  rank: number | null;
  complete: boolean;
  missing: Dimension[];
  dimensions: Record<Dimension, number | null>;
  indicators: SourceIndicator[];
  survey: SourceSurveySums;
  /** Urban (true) or rural (false), null when not recorded: which target overrides apply. */
  urban?: boolean | null;
  /** The total and its parts (issue 20); absent from sources that predate assessments. */
  totals?: SourceTotals;
}

/** A unit's total (综合得分) and its parts, as the API's UnitResult (INDICATORS.md). */
export interface SourceTotals {
  assessorScore: number | null;
  adjustment: number;
  total: number | null;
  provisional: boolean;
}

/** A unit's stored assessment of the quarter (评估打分, CYCLE.md "Assessor scores"). */
export interface SourceAssessment {
  orgUnit: string;
  items: { code: string; score: number; comment: string }[];
  adjustments: { code: string; points: number; reason: string }[];
  /** Signed off (frozen) at, ISO 8601; null for a draft. */
  signedOffAt: string | null;
  signedOffBy: string | null;
}

/** The scheme version the figures were scored with. */
export interface SourceScheme {
  id: string;
  version: number;
  name: string;
  validFromYear: number;
  definition: SchemeDefinition;
}

/** When the inputs were last refreshed (ISO 8601), as GET /indicators' `dataAsOf`. */
export interface SourceDataAsOf {
  sources: { source: string; lastReceivedAt: string; maxReportedAt: string | null }[];
  returns: string | null;
  surveys: string | null;
}

export interface IndicatorSnapshotRequest {
  /** A quarter, `2026Q3`. */
  period: string;
  /** Unit code; absent: the root of the caller's scope. */
  orgUnit?: string | undefined;
  depth: ReportDepth;
  schemeId?: string | undefined;
  schemeVersion?: number | undefined;
}

/**
 * The requested unit and the units below it (its children, or all descendants), parents before
 * children, each sibling group in code order.
 */
export interface IndicatorSnapshot {
  period: string;
  year: number;
  quarter: number;
  scheme: SourceScheme;
  dataAsOf: SourceDataAsOf;
  units: SourceUnit[];
}

/** A data-quality finding of the quarter (GET /api/v1/data-quality). */
export interface SourceFinding {
  orgUnit: string | null;
  orgUnitName: string | null;
  rule: string;
  figure: number | null;
  severity: "high" | "medium" | "low";
  message: string;
}

/** How the ranking of a unit's children moves when the weights move (INDICATORS.md). */
export interface SourceSensitivity {
  draws: number;
  seed: number;
  /** Each weight is multiplied by a uniform factor in [1 − spread, 1 + spread]. */
  spread: number;
  /** One row per child (GET /api/v1/sensitivity). */
  units: SensitivityRow[];
}

/** An appeal (核减申请) of the quarter: who asked, for which cases, why, and who decided. */
export interface SourceAppeal {
  id: number;
  orgUnit: string;
  orgUnitName: string;
  /** Number of cases it names. */
  cases: number;
  reason: "not_our_duty" | "duplicate" | "unreasonable" | "force_majeure" | "other";
  status: "pending" | "approved" | "rejected";
  filedBy: string;
  decidedBy: string | null;
  decisionNote: string | null;
}

/** What the report assemblers read. Implementations enforce the caller's scope. */
export interface ReportSource {
  /** Indicator results of a unit and the units below it; throws the API's errors (404, 403). */
  indicatorSnapshot(req: IndicatorSnapshotRequest): Promise<IndicatorSnapshot>;
  /** Data-quality findings of the quarter in the unit's subtree. */
  dataQuality(req: { period: string; orgUnit: string }): Promise<SourceFinding[]>;
  /** Rank sensitivity of the unit's children (quarterly report, assessor edition). */
  sensitivity(req: {
    period: string;
    orgUnit: string;
    schemeId?: string | undefined;
    schemeVersion?: number | undefined;
  }): Promise<SourceSensitivity>;
  /** Appeals of the quarter filed by units in the unit's subtree, in filing order. */
  appeals(req: { period: string; orgUnit: string }): Promise<SourceAppeal[]>;
  /**
   * Exempt cases (核减) of the quarter (reported or resolved in it) in each unit's subtree, by
   * unit code, for the unit and every unit below it; units without one are absent.
   */
  exemptCases(req: { period: string; orgUnit: string }): Promise<Record<string, number>>;
  /**
   * Rectification tasks (整改) of units in the unit's subtree opened for quarters before `period`,
   * each with its indicator's later values (the ledger as GET /api/v1/rectifications answers it).
   */
  rectifications(req: { period: string; orgUnit: string }): Promise<RectificationTask[]>;
  /**
   * Stored assessments of the quarter for the unit and every unit below it in scope (drafts and
   * signed-off ones); units without one are absent. Optional: sources without assessments.
   */
  assessments?(req: { period: string; orgUnit: string }): Promise<SourceAssessment[]>;
  /**
   * The satisfaction survey's sample plans of the quarter for the communities of the unit's
   * subtree (GET /api/v1/surveys/satisfaction/sample-plans); null without the survey. Optional:
   * sources without sample plans.
   */
  samplePlans?(req: { period: string; orgUnit: string }): Promise<SamplePlans | null>;
  /**
   * Satisfaction-survey responses of the quarter flagged as possible stuffing (issue 22) in each
   * unit's subtree, by unit code, for the unit and every unit below it; units without one are
   * absent. Optional: sources without survey flags.
   */
  surveyFlags?(req: { period: string; orgUnit: string }): Promise<Record<string, SourceFlagCounts>>;
}

/** Flagged responses by decision: only the confirmed ones are left out of G4. */
export interface SourceFlagCounts {
  flagged: number;
  open: number;
  confirmed: number;
  dismissed: number;
}
