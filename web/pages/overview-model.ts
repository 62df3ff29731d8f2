/**
 * The view model of the unit overview (/dashboard/{code}): summary, dimensions, trend, indicator
 * cards, the children's ranking, the red-items summary, the survey and data panels, and what the
 * chart bundle draws. Built by api/dashboard/overview.ts; numbers unrounded (see dashboard-model.ts).
 */

import type { Dimension, IndicatorCode, UnitLabel } from "../../metrics/catalogue.ts";
import type { Grade } from "../../metrics/scheme.ts";
import type { Status } from "../../metrics/score.ts";
import type { SurveySampleSummary } from "../../shapes/survey-stats.ts";
import type { ReportListView } from "../components/report-list.tsx";
import type { SamplePlanView } from "../components/sample-progress.tsx";
import type { PageContext } from "./dashboard-model.ts";
import type { RectificationPanelView } from "./rectification-shared.ts";
import type { RedSummaryView } from "./red-items-model.ts";

export interface SummaryView {
  index: number | null;
  grade: Grade | null;
  rank: number | null;
  /** Number of siblings ranked with it (null at the top of the tree). */
  siblings: number | null;
  complete: boolean;
  /** Chinese names of the dimensions without a score (why there is no index). */
  missingLabels: string[];
  previousIndex: number | null;
  lastYearIndex: number | null;
  previousPeriod: string;
  lastYearPeriod: string;
}

/** The total (综合得分) and its parts (issue 20), with what the legend needs. */
export interface TotalView {
  total: number | null;
  index: number | null;
  assessorScore: number | null;
  adjustment: number;
  provisional: boolean;
  /** 已签署 / 草稿 / 未评估; null when the scheme has no assessor item. */
  stateLabel: string | null;
  assessorWeight: number;
  adjustmentCap: number;
  /** The scoring page, for those who may score; else null. */
  scoringHref: string | null;
  /**
   * The scheme has assessor items, an assessor weight or adjustment items: the total may differ
   * from the index, so rankings show it. False: total = index and the pages look as before.
   */
  scored: boolean;
}

export interface DimensionView {
  key: Dimension;
  label: string;
  score: number | null;
  previous: number | null;
}

export interface TrendPoint {
  period: string;
  index: number | null;
}

export interface IndicatorView {
  code: IndicatorCode;
  name: string;
  dimension: Dimension;
  unit: UnitLabel;
  direction: "up" | "down";
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  score: number | null;
  status: Status | null;
  target: number;
  floor: number;
  previous: number | null;
  lastYear: number | null;
  /** Values over {@link OverviewView.trend}'s quarters, oldest first. */
  sparkline: (number | null)[];
  /** G4 with a sample under 30 responses: shown, flagged 样本不足. */
  insufficientSample: boolean;
}

/** One child unit in the ranking and in the children × indicators table. */
export interface ChildRow {
  code: string;
  name: string;
  href: string;
  index: number | null;
  /** 综合得分 (issue 20); grade and rank follow it. */
  total: number | null;
  /** 暂定: the assessment is not signed off. */
  provisional: boolean;
  /** Why the unit has no total (未参评), else null. */
  unratedReason: string | null;
  /** Grade of the total. */
  grade: Grade | null;
  rank: number | null;
  complete: boolean;
  missingLabels: string[];
  insufficientSample: boolean;
  /** The four dimension scores, in catalogue order. */
  dimensions: { key: Dimension; score: number | null }[];
  cells: {
    code: IndicatorCode;
    value: number | null;
    status: Status | null;
    numerator: number | null;
    denominator: number | null;
  }[];
}

/** The survey panel; `available: false` leaves a marked slot. */
export type SurveyPanelView =
  | { available: false; reason: string }
  | (SurveySampleSummary & {
      available: true;
      byAgeBand: { band: string; n: number; score: number | null; insufficient: boolean }[];
      /** Masked comments, newest first; null when the role may not read comments. */
      comments: { text: string; at: string | null }[] | null;
    });

export interface FreshnessView {
  /** When the latest data of the page's figures arrived, if the engine says. */
  dataAsOf: string | null;
  sources: {
    source: string;
    label: string;
    lastReceivedAt: string | null;
    maxReportedAt: string | null;
  }[];
  /** Communities (or the leaf units) of the subtree without a return for the quarter. */
  /** Grassroots units (communities, villages) without the quarter's return; `label` names them. */
  missingReturns: {
    count: number;
    total: number;
    label: string;
    units: { code: string; name: string }[];
  };
  /** Data-quality findings of the subtree; `count` null when the findings are not available. */
  findings: { count: number | null; href: string | null };
}

export interface OverviewView extends PageContext {
  /** Charts drawn in the browser; false renders the page without chart scripts (?charts=0). */
  charts: boolean;
  summary: SummaryView;
  /** The total and its parts (issue 20); absent where not built. */
  total?: TotalView | null;
  dimensions: DimensionView[];
  trend: TrendPoint[];
  indicators: IndicatorView[];
  /** Label of the children's level (街道, 社区, 网格); null when the unit has no children. */
  childLevelLabel: string | null;
  children: ChildRow[];
  red: RedSummaryView;
  survey: SurveyPanelView;
  freshness: FreshnessView;
  /** The unit's reports of the quarter; null when the role may not read reports. */
  reports: ReportListView | null;
  /** The rectification panel (issue 19); absent or null when the role does not read tasks. */
  rectification?: RectificationPanelView | null;
  /** Sample progress of the unit's communities (issue 22); absent or null: not shown. */
  samplePlan?: SamplePlanView | null;
}

/**
 * What the chart bundle draws: the radar, the trend and the ranking, serialised into the page so the
 * charts need no second request. Texts come formatted by the server (display rounding stays in one
 * place, and the browser bundle needs none of metrics).
 */
export interface ChartData {
  radar: {
    labels: string[];
    current: (number | null)[];
    previous: (number | null)[];
    currentName: string;
    previousName: string;
  };
  trend: {
    /** Axis labels (`25Q3`). */
    periods: string[];
    index: (number | null)[];
    /** Tooltip texts of the index (`84.3`, `无数据`). */
    indexText: string[];
    /** Position of the page's quarter in `periods` (-1 when absent). */
    selected: number;
  };
  ranking: {
    /** What the bars show: 综合得分 when the scheme scores, else 综合指数. */
    seriesName?: string;
    names: string[];
    index: (number | null)[];
    indexText: string[];
    grades: (string | null)[];
    hrefs: string[];
  };
}
