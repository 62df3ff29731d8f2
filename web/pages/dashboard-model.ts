/**
 * The view models every leadership dashboard page shares (navigation, the unit and quarter, the
 * 已关账 / 实时 state, the error and sign-in pages) and the data-quality page's. The overview's are
 * in overview-model.ts, the red items' in red-items-model.ts. `api/dashboard` builds them; the
 * pages only render them (STYLE.md: pages receive view models and never query). Numbers are
 * unrounded: pages round for display and carry the raw values in `data-value` attributes, so
 * tests compare them with the API.
 */

import type { OrgLevel } from "../../shapes/org-levels.ts";

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
  /** Closed (已关账): its pages show the official figures. */
  closed: boolean;
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
  /** 已关账 (official figures) or 实时 (live), shown beside the title of every page. */
  periodState: PeriodStateView;
  periods: PeriodOption[];
  /** From the top of the user's scope down to this unit (the unit last). */
  crumbs: Crumb[];
}

/**
 * Whether the page's figures are official (已关账: frozen at close, with the closing's version
 * and date, and the cases of the unit's subtree and quarter stored or changed since) or live
 * (实时; `closed` set when the quarter is closed but the reader asked for live figures).
 */
export type PeriodStateView =
  | {
      status: "closed";
      version: number;
      closedAt: string;
      /** Set when this closing was reopened since (an older version asked by `version=N`). */
      reopenedAt: string | null;
      lateCases: number;
      /** The same page with the live figures. */
      liveHref: string;
    }
  | {
      status: "live";
      /** The quarter's current closing when it is closed, and the page with its figures. */
      closed: { version: number; closedAt: string; href: string } | null;
    };

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
  /** Where to act on it (flagged surveys: 问卷核查), when the reader may. */
  href?: string | null;
}

export interface DataQualityView extends PageContext {
  available: boolean;
  findings: FindingView[];
  /** Findings per rule, in the list's order of first appearance. */
  byRule: { ruleLabel: string; count: number }[];
}

/** The Chinese error page (403, 404, 500 …): a message and where to go instead. */
export interface ErrorView {
  status: 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 422 | 429 | 500 | 503;
  title: string;
  message: string;
  back: { href: string; label: string } | null;
  nav: NavView | null;
}

/** Built bundle file names by entry; absent when not built (the page then works without them). */
export interface ScriptFiles {
  dashboard?: string | undefined;
  charts?: string | undefined;
  /** The assessor's workbench: export jobs and the what-if and sensitivity charts. */
  workbench?: string | undefined;
}

export interface LoginView {
  next: string;
  username: string | null;
}
