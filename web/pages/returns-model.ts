/**
 * The view model of the 季度填报 page (api/returns/pages.ts builds it): the communities of a unit
 * with the state of their return for a quarter, the template and upload, and, on a community's
 * own page, the online form and the return's history.
 */
import type { SamplePlanView } from "../components/sample-progress.tsx";
import type { PageContext } from "./dashboard-model.ts";

/**
 * 未报送 (no return), 已报送 (filed by the due day), 迟报 (filed after it). The street's review of
 * a filed return is beside it ({@link ReviewView}).
 */
export type ReturnState = "missing" | "filed" | "late";

/** The street's review of a filed return: 待审核, 已通过, or 已退回 with the reviewer's reason. */
export interface ReviewView {
  state: "pending" | "approved" | "returned";
  label: string;
  /** Who reviewed and when ("" while pending). */
  by: string;
  at: string;
  reason: string | null;
}

/** A return the viewer may review: its figures and the form that approves or sends it back. */
export interface ReviewFormView {
  code: string;
  name: string;
  stateLabel: string;
  review: ReviewView;
  filedBy: string;
  filedAt: string;
  figures: { label: string; value: string }[];
  /** The page route the form posts to (with the unit's code in a hidden field). */
  action: string;
}

export interface ReturnRowView {
  code: string;
  name: string;
  state: ReturnState;
  stateLabel: string;
  filedBy: string | null;
  filedAt: string | null;
  /** The street's review; null when nothing is filed. */
  review: ReviewView | null;
  /** This community's 季度填报 page: its form and history. */
  href: string;
  /** Assisted survey entry (代录问卷) and the printable QR poster of the community. */
  assistedHref: string;
  posterHref: string;
}

export interface FigureFieldView {
  /** The form field's name: the API's figure name (`population`). */
  name: string;
  label: string;
  help: string;
  /** As posted (after an error) or as stored; "" when not reported. */
  value: string;
  error: string | null;
}

export interface HistoryEntryView {
  at: string;
  by: string;
  /** 新建 (first filing) or the figures that changed, old → new. */
  created: boolean;
  changes: { label: string; before: string; after: string }[];
}

export interface CommunityFormView {
  code: string;
  name: string;
  state: ReturnState;
  stateLabel: string;
  review: ReviewView | null;
  action: string;
  fields: FigureFieldView[];
  history: HistoryEntryView[];
}

/** What the last upload or form post did: written (with the stored figures) or refused. */
export interface OutcomeView {
  ok: boolean;
  title: string;
  /** Refused: every problem, in Chinese, with its cell (`季度填报!C5：「约3000」不是数字`). */
  errors: string[];
  /** Written: the figures now stored of each community that changed (at most a few dozen). */
  stored: { code: string; name: string; figures: { label: string; value: string }[] }[];
}

export interface ReturnsView extends PageContext {
  /** 2026-10-10: the last day to file without being late. */
  dueDay: string;
  /** Past the due day: a filing now is marked 迟报. */
  overdue: boolean;
  /** The quarter is closed (关账): nothing can be filed. */
  closedNote: string | null;
  counts: {
    total: number;
    filed: number;
    late: number;
    missing: number;
    approved: number;
    returned: number;
  };
  /** The viewer files returns (returns.write): the template, upload and online form are shown. */
  canFile: boolean;
  /** The returns the viewer may approve or send back (a street leader's communities); null: not a reviewer. */
  reviews: ReviewFormView[] | null;
  templateHref: string;
  uploadAction: string;
  rows: ReturnRowView[];
  /** Present on a community's own page. */
  community: CommunityFormView | null;
  /** The unit's survey links: assisted entry (a community) and the posters of its communities. */
  assistedHref: string | null;
  postersHref: string;
  /** The satisfaction survey's sample progress of the unit's communities (issue 22). */
  samplePlan: SamplePlanView | null;
  outcome: OutcomeView | null;
}
