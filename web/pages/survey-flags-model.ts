/**
 * The view model of 问卷核查 (issue 22; api/surveys/integrity/page.ts builds it): the survey
 * responses of a unit's subtree flagged as possible stuffing in a quarter, grouped by signal, with
 * the counts by decision and a form to confirm (剔除) or dismiss (驳回) the selected ones.
 */
import type { PageContext } from "./dashboard-model.ts";

export type FlagStatusKey = "open" | "confirmed" | "dismissed";

/** One flagged response as a row of its signal's group. */
export interface FlagRowView {
  id: string;
  unitName: string;
  unitCode: string;
  /** The unit's street (and community for a grid): `浦江街道 › 馨苑社区`; null at street level. */
  place: string | null;
  time: string;
  /** `总体 5 · 时效 5 · …` and the score. */
  answers: string;
  /** 群众自填 or 代录（账号）. */
  source: string;
  status: FlagStatusKey;
  statusLabel: string;
  /** Who decided and when, once decided. */
  decided: string | null;
  /** The response's other signals, by label. */
  alsoKinds: string[];
}

export interface FlagGroupView {
  kind: string;
  label: string;
  rule: string;
  rows: FlagRowView[];
}

export interface FlagOutcomeView {
  ok: boolean;
  message: string;
}

export interface SurveyFlagsView extends PageContext {
  counts: { flagged: number; open: number; confirmed: number; dismissed: number };
  groups: FlagGroupView[];
  /** Set when more responses are flagged than the page lists. */
  truncatedNote: string | null;
  action: string;
  outcome: FlagOutcomeView | null;
}
