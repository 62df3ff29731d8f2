/**
 * The view models of the leadership dashboard pages. `api/dashboard` builds them from the indicator
 * engine, survey statistics and data-quality findings; the pages only render them (STYLE.md: pages
 * receive view models and never query). Numbers are unrounded: pages round for display and carry
 * the raw values in `data-value` attributes, so tests compare them with the API.
 */

import type { Dimension, IndicatorCode, UnitLabel } from "../../metrics/catalogue.ts";
import type { Grade } from "../../metrics/scheme.ts";
import type { Status } from "../../metrics/score.ts";
import type { OrgLevel } from "../../shapes/org-levels.ts";
import type { SurveySampleSummary } from "../../shapes/survey-stats.ts";
import type { ReportListView } from "../components/report-list.tsx";

/** One navigation entry; shown only when the role may take its action. */
export interface NavLink {
  href: string;
  label: string;
  current: boolean;
}

/** The signed-in user and the navigation their role allows. */
export interface NavView {
  userName: string;
  roleLabel: string;
  /** Name of the unit whose subtree the user sees; null for the whole tree. */
  scopeName: string | null;
  links: NavLink[];
}

export interface Crumb {
  code: string;
  name: string;
  href: string;
}

export interface PeriodOption {
  value: string;
  label: string;
  /** Why the quarter's data is not complete yet (进行中…); null for a complete quarter. */
  note: string | null;
  href: string;
  selected: boolean;
}

/** The unit a page is about, its place in the tree and the quarter. */
export interface PageContext {
  nav: NavView;
  unit: {
    code: string;
    name: string;
    level: OrgLevel;
    levelLabel: string;
    /** A community or a village (the level under which only grids may sit). */
    grassroots: boolean;
  };
  period: string;
  periodLabel: string;
  /** Set when the page's quarter is not complete yet (its figures may still move). */
  periodNote: string | null;
  periods: PeriodOption[];
  /** From the top of the user's scope down to this unit (the unit last). */
  crumbs: Crumb[];
}

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

/** A red indicator of a unit in the subtree. */
export interface RedItemView {
  unitCode: string;
  unitName: string;
  unitLevelLabel: string;
  /** The street the unit is in (itself for a street); null above street level. */
  streetCode: string | null;
  streetName: string | null;
  /**
   * Names from the street down to the parent (`浦江街道 › 馨苑社区`), so that 馨苑社区 of two
   * streets and 第一网格 of two communities can be told apart; null for a street or above.
   */
  place: string | null;
  /** Set when the unit's place and name still read like another unit's: show the code too. */
  showCode: boolean;
  href: string;
  code: IndicatorCode;
  name: string;
  value: number | null;
  target: number;
  score: number;
  /** Consecutive quarters it has been red, this one included. */
  runningQuarters: number;
  /** Red this quarter and not red the quarter before. */
  newlyRed: boolean;
  /** The status of the quarter before (null: no value then). */
  previousStatus: Status | null;
}

export interface RedSummaryView {
  count: number;
  newlyRedCount: number;
  /** The most severe few, for the overview. */
  top: RedItemView[];
  href: string;
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

/**
 * Whether the quarter's figures are official (已关账: frozen at close, with the closing's version
 * and date, and the cases of the quarter that arrived since) or live (实时).
 */
export type PeriodStateView =
  | { status: "closed"; version: number; closedAt: string; lateCases: number }
  | { status: "live" };

export interface OverviewView extends PageContext {
  /** Charts drawn in the browser; false renders the page without chart scripts (?charts=0). */
  charts: boolean;
  periodState: PeriodStateView;
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
}

/** The red-items page's filters, as its query string carries them. */
export interface RedFilterView {
  street: string | null;
  indicator: IndicatorCode | null;
  /** Only the items red this quarter and not the quarter before. */
  newly: boolean;
  /** Only the items red at least this many quarters in a row. */
  minQuarters: number | null;
  /** 1-based page of the filtered list. */
  page: number;
}

export interface RedItemsView extends PageContext {
  filter: RedFilterView;
  /** Streets of the subtree (the street filter's options; empty when there is only one). */
  streets: { code: string; name: string }[];
  indicators: { code: IndicatorCode; name: string }[];
  /** Red items of the subtree before filtering. */
  total: number;
  /** Red items the filters keep. */
  matched: number;
  /** The page's slice of the filtered list, most severe first. */
  items: RedItemView[];
  pages: number;
  prevHref: string | null;
  nextHref: string | null;
  /** The filtered list (all its pages) as CSV and XLSX. */
  csvHref: string;
  xlsxHref: string;
  /** The most severe few newly red items, and how many there are in all. */
  newlyRed: RedItemView[];
  newlyRedCount: number;
  newlyRedHref: string;
}

export interface FindingView {
  /** null for a finding about a data source rather than a unit. */
  unitCode: string | null;
  unitName: string | null;
  /** Names from the street down to the unit's parent (`浦江街道 › 馨苑社区`); null for none. */
  place: string | null;
  rule: string;
  ruleLabel: string;
  figure: string | null;
  severity: "high" | "medium" | "low";
  severityLabel: string;
  /** The finding in Chinese. */
  message: string;
}

export interface DataQualityView extends PageContext {
  available: boolean;
  findings: FindingView[];
  /** Findings per rule, in the list's order of first appearance. */
  byRule: { ruleLabel: string; count: number }[];
}

/** The 403/404 page: a Chinese message and where to go instead. */
export interface ErrorView {
  status: 400 | 403 | 404;
  title: string;
  message: string;
  back: { href: string; label: string } | null;
  nav: NavView | null;
}

/** Built bundle file names by entry; absent when not built (the page then works without them). */
export interface ScriptFiles {
  dashboard?: string | undefined;
  charts?: string | undefined;
}

export interface LoginView {
  next: string;
  username: string | null;
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
    names: string[];
    index: (number | null)[];
    indexText: string[];
    grades: (string | null)[];
    hrefs: string[];
  };
}
