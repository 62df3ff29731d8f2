/**
 * The view model of the assessor's scoring page (评估打分, issue 20): the unit's indicators beside
 * the scheme's assessor items and adjustment items with what is stored, the total and its parts,
 * and what the signed-in user may do. api/dashboard/assessment-page.ts builds it.
 */
import type { Status } from "../../metrics/score.ts";
import type { PageContext } from "./dashboard-model.ts";

export interface AssessmentIndicatorView {
  code: string;
  name: string;
  /** Display texts (rounded as INDICATORS.md says), "—" without a value. */
  valueText: string;
  scoreText: string;
  targetText: string;
  status: Status | null;
}

export interface AssessmentPageView extends PageContext {
  /** PUT target (and `${apiPath}/sign-off`, `${apiPath}/reopen`). */
  apiPath: string;
  /** 已签署 / 草稿 / 未评估. */
  stateLabel: string;
  signed: boolean;
  signedText: string | null;
  /** The user may save and sign (an assessor or admin, not of the assessed unit). */
  canWrite: boolean;
  /** The user may reopen a signed assessment (an admin). */
  canReopen: boolean;
  /** Why the user may not write, in Chinese; null when they may. */
  readOnlyReason: string | null;
  indexText: string;
  totalText: string;
  assessorScoreText: string;
  adjustmentText: string;
  provisional: boolean;
  assessorWeight: number;
  adjustmentCap: number;
  indicators: AssessmentIndicatorView[];
  items: { code: string; name: string; weight: number; score: number | null; comment: string }[];
  adjustments: {
    code: string;
    name: string;
    kind: "bonus" | "penalty";
    kindLabel: string;
    maxPoints: number;
    points: number | null;
    reason: string;
  }[];
  overviewHref: string;
}
