/** View models of the appeals pages (核减申请): built by api/appeals/pages.ts, text ready to show. */
import type { PageContext } from "./dashboard-model.ts";

export interface AppealCaseView {
  /** `source/externalId`. */
  key: string;
  source: string;
  externalId: string;
  unitName: string;
  kindLabel: string;
  channelLabel: string;
  reported: string;
  responded: string;
  resolved: string;
  deadline: string;
  /** Why it cannot be picked (已核减, 待审核 #3); null: it can. */
  blocked: string | null;
  /** What counts against the indicator (超期办结 …); null: nothing. */
  against: string | null;
  exempt: boolean;
}

export interface AppealEffectView {
  unitName: string;
  rows: { code: string; name: string; before: string; after: string; changed: boolean }[];
}

export interface AppealView {
  id: number;
  unitCode: string;
  unitName: string;
  periodLabel: string;
  reasonLabel: string;
  note: string;
  status: "pending" | "approved" | "rejected";
  statusLabel: string;
  filedBy: string;
  filedAt: string;
  decision: { by: string; at: string; note: string } | null;
  cases: AppealCaseView[];
  attachments: { url: string; name: string; typeLabel: string; image: boolean; size: string }[];
  /** The unit's (and its parent's) figures now and after approval; empty once decided. */
  effect: AppealEffectView[];
  /** The viewer may decide it now. */
  decidable: boolean;
  /** Why not, when pending and not decidable. */
  notDecidable: string | null;
}

export interface AppealQueueView extends PageContext {
  appeals: AppealView[];
  pending: number;
  /** `2026-10-15`: the last day to file for the quarter. */
  lastDay: string;
  windowOpen: boolean;
  /** The filing page, for roles that file. */
  newHref: string | null;
}

export interface AppealFormView extends PageContext {
  indicators: { code: string; name: string; href: string; selected: boolean }[];
  indicator: { code: string; name: string; againstLabel: string };
  cases: AppealCaseView[];
  /** More cases than shown (the list is cut at its limit). */
  truncated: boolean;
  reasons: { value: string; label: string }[];
  lastDay: string;
  windowOpen: boolean;
  queueHref: string;
  maxFileMb: number;
}
