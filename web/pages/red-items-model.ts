/**
 * The view models of the red items: one red indicator of a unit, the overview's summary of them,
 * and the red-items page with its filters and paging. Built by api/dashboard/red-page.ts.
 */

import type { IndicatorCode } from "../../metrics/catalogue.ts";
import type { Status } from "../../metrics/score.ts";
import type { PageContext } from "./dashboard-model.ts";
import type { RedItemTaskView, TaskStateFilter } from "./rectification-shared.ts";

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
  /** Its rectification task (issue 19); null: none; absent: the role does not read tasks. */
  task?: RedItemTaskView | null;
}

export interface RedSummaryView {
  count: number;
  newlyRedCount: number;
  /** The most severe few, for the overview. */
  top: RedItemView[];
  href: string;
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
  /** Only the items whose task stands so ("none": without a task). */
  task?: TaskStateFilter | null;
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
  /** The role reads rectification tasks: the task column and filter are shown (issue 19). */
  tasksShown?: boolean;
}
