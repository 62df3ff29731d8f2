/**
 * View models of the administrator's setup pages (系统管理): the org tree and a unit's yearly
 * facts, the scheme versions, the survey definitions, the report schedule and report jobs.
 * Built in the areas (api/org-tree/pages.ts, api/schemes/pages.ts, api/surveys/admin-view.ts,
 * api/reporting/schedule-page.ts); the pages only render them.
 */
import type { SchemeChange } from "../../shapes/scheme-diff.ts";
import type { NavView } from "./dashboard-model.ts";

/** Which setup page: the tabs under 系统管理. */
export type SetupSection = "org-units" | "schemes" | "surveys" | "reports";

/** What every setup page carries: navigation and the administrator's scope. */
export interface SetupBase {
  nav: NavView;
  /** Name of the administrator's subtree root; null for the whole tree. */
  scopeName: string | null;
}

export interface UnitRowView {
  code: string;
  name: string;
  levelLabel: string;
  urbanLabel: string;
  population: number | null;
  households: number | null;
  factsYear: number | null;
  children: number;
  href: string;
}

export interface YearFactsView {
  year: number;
  population: number | null;
  households: number | null;
}

/** The unit whose facts may be edited: what a PUT /org-units of it must repeat unchanged. */
export interface FactsEditView {
  code: string;
  name: string;
  level: string;
  parentCode: string | null;
  urban: boolean | null;
  year: number;
  population: number | null;
  households: number | null;
}

export interface OrgUnitsView extends SetupBase {
  crumbs: { name: string; href: string }[];
  /** The unit shown; null for the list of the tree's roots. */
  unit: (UnitRowView & { parentName: string | null }) | null;
  years: YearFactsView[];
  /** null when this administrator may not change the unit (their own scope root). */
  edit: FactsEditView | null;
  editNote: string | null;
  children: UnitRowView[];
}

export interface IndicatorFormRow {
  code: string;
  name: string;
  unit: string;
  dimension: string;
  direction: "up" | "down";
  target: number;
  floor: number;
  weight: number;
}

export interface SchemeVersionView {
  id: string;
  version: number;
  name: string;
  validFromYear: number;
  createdBy: string | null;
  createdAt: string;
  /** Changes against the version before it; null for the first. */
  changes: SchemeChange[] | null;
}

export interface SchemesView extends SetupBase {
  versions: SchemeVersionView[];
  /** The form for the next version, prefilled from the latest; null when not allowed. */
  form: {
    id: string;
    baseVersion: number;
    name: string;
    validFromYear: number;
    dimensions: { code: string; name: string; weight: number }[];
    indicators: IndicatorFormRow[];
    /** The latest version's whole definition (JSON): the parts the form does not show are kept. */
    baseDefinition: unknown;
  } | null;
  formNote: string | null;
  /** Names shown in the change lists. */
  names: Record<string, string>;
}

export interface SurveyQuestionView {
  name: string;
  title: string;
  typeLabel: string;
  required: boolean;
  options: string[];
}

export interface SurveysView extends SetupBase {
  surveys: { id: string; title: string; version: number; versions: number; href: string }[];
  selected: {
    id: string;
    title: string;
    version: number;
    versions: { version: number; createdAt: string; createdBy: string | null; href: string }[];
    createdAt: string;
    createdBy: string | null;
    pages: { title: string; questions: SurveyQuestionView[] }[];
  } | null;
}

export interface ReportJobView {
  id: string;
  unitName: string;
  unitCode: string;
  period: string;
  editionLabel: string;
  status: "queued" | "running" | "done" | "failed";
  statusLabel: string;
  progress: number;
  attempts: number;
  maxAttempts: number;
  error: string | null;
  createdBy: string;
  createdAt: string;
  finishedAt: string | null;
  published: string | null;
  htmlHref: string | null;
}

export interface ReportsView extends SetupBase {
  schedule: {
    cron: string;
    off: boolean;
    timeZone: string;
    nextRuns: string[];
    drafts: string[];
  };
  trial: { cron: string; problem: string | null; nextRuns: string[] } | null;
  jobs: ReportJobView[];
  counts: Record<"queued" | "running" | "done" | "failed", number>;
}
