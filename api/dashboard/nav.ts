/**
 * The dashboard's navigation: the pages and their paths, the links a role may follow, the
 * breadcrumbs from the top of a user's scope down to a unit, and the Chinese 403 page.
 */
import { ROLE_LABELS } from "../../shapes/labels.ts";
import type { Crumb, ErrorView, NavView } from "../../web/pages/dashboard-model.ts";
import { type Action, can, type PrincipalRole } from "../access/permissions.ts";
import type { Principal } from "../access/principal.ts";
import type { UnitRef } from "../org-tree/queries.ts";
import type { TreeIndex } from "../org-tree/tree-index.ts";

/** The closing page (api/dashboard/periods-page.ts). */
export const PERIODS_PAGE = "/admin/periods";
/** The administrator's home, 系统管理 (api/access/pages). */
export const ADMIN_PAGE = "/admin";

/** Which dashboard page; decides the current navigation entry and the links' paths. */
export type PageKind =
  | "overview"
  | "red-items"
  | "data-quality"
  | "appeals"
  | "appeal-new"
  | "rectifications"
  | "tasks"
  | "verify"
  | "assessment"
  | "returns"
  | "workbench"
  | "what-if"
  | "sensitivity"
  | "survey-flags";

const PAGE_SUFFIX: Record<PageKind, string> = {
  overview: "",
  "red-items": "/red-items",
  "data-quality": "/data-quality",
  appeals: "/appeals",
  "appeal-new": "/appeals/new",
  rectifications: "/rectifications",
  tasks: "/tasks",
  verify: "/verify",
  assessment: "/assessment",
  returns: "/returns",
  workbench: "/workbench",
  "what-if": "/workbench/what-if",
  sensitivity: "/workbench/sensitivity",
  "survey-flags": "/survey-flags",
};

/**
 * What a role must be allowed, besides reading indicators, to open each page (a list: any of
 * them). 季度填报 is for those who file (returns.write) and those who review (returns.review):
 * its upload and form posts check returns.write themselves.
 */
export const PAGE_ACTION: Record<PageKind, Action | readonly Action[]> = {
  overview: "indicators.read",
  "red-items": "indicators.read",
  "data-quality": "dataQuality.read",
  appeals: "appeals.read",
  "appeal-new": "appeals.file",
  rectifications: "rectifications.read",
  tasks: "rectifications.read",
  verify: "rectifications.decide",
  assessment: "indicators.read",
  returns: ["returns.write", "returns.review"],
  // The assessor's workbench (评估工作台): exports for every role that may export; what-if for
  // those who may run it; the rank sensitivity for every reader (as the API).
  workbench: "exports.read",
  "what-if": "whatIf.run",
  sensitivity: "indicators.read",
  // 问卷核查 (issue 22): flagged survey responses to confirm or dismiss.
  "survey-flags": "surveyFlags.decide",
};

/** Whether a role may open a kind of page (PAGE_ACTION). */
export function mayOpenPage(role: PrincipalRole, kind: PageKind): boolean {
  const need = PAGE_ACTION[kind];
  return typeof need === "string" ? can(role, need) : need.some((a) => can(role, a));
}

/** The path of a dashboard page of a unit, for a quarter. */
export function pagePath(kind: PageKind, code: string, period: string, extra = ""): string {
  return `/dashboard/${encodeURIComponent(code)}${PAGE_SUFFIX[kind]}?period=${period}${extra}`;
}

/** The navigation's entries. */
export type NavKey =
  | "overview"
  | "red-items"
  | "data-quality"
  | "appeals"
  | "tasks"
  | "verify"
  | "rectifications"
  | "assessment"
  | "survey-flags"
  | "returns"
  | "workbench"
  | "admin"
  | "periods"
  | "api-docs";

/** One entry of the navigation; `href` gets the path of a dashboard page of the home unit. */
interface NavEntry {
  label: string;
  href: (at: (k: PageKind) => string, code: string | null) => string;
  /** The dashboard pages on which this entry is the current one. */
  pages: readonly PageKind[];
  allowed: (p: Principal) => boolean;
}

/** Roles that see the API reference in the navigation (they script against the API). */
const API_DOCS_ROLES: ReadonlySet<PrincipalRole> = new Set<PrincipalRole>(["admin", "assessor"]);

/**
 * Every navigation entry, in the order a role sees those it does not list first (`ROLE_FIRST`).
 * A new page adds its key here and to the lists of the roles whose work it is.
 */
const NAV: Record<NavKey, NavEntry> = {
  overview: {
    label: "驾驶舱",
    href: (at) => at("overview"),
    pages: ["overview"],
    allowed: (p) => can(p.role, "indicators.read"),
  },
  "red-items": {
    label: "红色指标",
    href: (at) => at("red-items"),
    pages: ["red-items"],
    allowed: (p) => can(p.role, "indicators.read"),
  },
  "data-quality": {
    label: "数据质量",
    href: (at) => at("data-quality"),
    pages: ["data-quality"],
    allowed: (p) => can(p.role, "dataQuality.read"),
  },
  appeals: {
    label: "核减申请",
    href: (at) => at("appeals"),
    pages: ["appeals", "appeal-new"],
    allowed: (p) => can(p.role, "appeals.read"),
  },
  // Rectification (issue 19): the unit's tasks for those who work them, the ledger for readers.
  tasks: {
    label: "整改任务",
    href: (at) => at("tasks"),
    pages: ["tasks"],
    allowed: (p) => can(p.role, "rectifications.work"),
  },
  verify: {
    label: "整改验收",
    href: (at) => at("verify"),
    pages: ["verify"],
    allowed: (p) => can(p.role, "rectifications.decide"),
  },
  rectifications: {
    label: "整改台账",
    href: (at) => at("rectifications"),
    pages: ["rectifications"],
    allowed: (p) => can(p.role, "rectifications.read"),
  },
  assessment: {
    label: "评估打分",
    href: (at) => at("assessment"),
    pages: ["assessment"],
    allowed: (p) => can(p.role, "assessments.write"),
  },
  // Survey responses flagged as possible stuffing (issue 22), for an assessor to decide.
  "survey-flags": {
    label: "问卷核查",
    href: (at) => at("survey-flags"),
    pages: ["survey-flags"],
    allowed: (p) => can(p.role, "surveyFlags.decide"),
  },
  // Quarterly returns (issue 21): without a quarter the page opens on the one being filed now.
  returns: {
    label: "季度填报",
    href: (_at, code) => (code ? `/dashboard/${encodeURIComponent(code)}/returns` : "/dashboard"),
    pages: ["returns"],
    allowed: (p) => mayOpenPage(p.role, "returns"),
  },
  // The assessor's workbench (issue 21): workbook, raw exports, what-if, rank sensitivity.
  workbench: {
    label: "评估工作台",
    href: (at) => at("workbench"),
    pages: ["workbench", "what-if", "sensitivity"],
    allowed: (p) => can(p.role, "whatIf.run") && can(p.role, "exports.read"),
  },
  admin: {
    label: "系统管理",
    href: () => ADMIN_PAGE,
    pages: [],
    allowed: (p) => can(p.role, "users.manage"),
  },
  // Closing quarters is for an administrator of the whole tree (api/periods/routes.ts).
  periods: {
    label: "季度关账",
    href: () => PERIODS_PAGE,
    pages: [],
    allowed: (p) => can(p.role, "periods.close") && p.scopeUnitId === null,
  },
  "api-docs": {
    label: "接口文档",
    href: () => "/api/v1/docs",
    pages: [],
    allowed: (p) => API_DOCS_ROLES.has(p.role),
  },
};

/**
 * Each role's own work first, in the order it does it; the entries a role may open but does not
 * list follow in `NAV`'s order. A clerk fills in and answers for the unit; an assessor scores and
 * rules on appeals; an administrator runs the system; a leader reads results and follows up.
 * New pages of a role's own work go at the head of its list (季度填报 for clerks, 评估工作台 for
 * assessors, 系统管理 for administrators). A leader reviews its communities' returns (季度填报)
 * after its follow-up work.
 */
export const ROLE_FIRST: Readonly<Record<PrincipalRole, readonly NavKey[]>> = {
  clerk: ["returns", "tasks", "appeals", "data-quality"],
  assessor: ["workbench", "assessment", "survey-flags", "appeals", "verify", "data-quality"],
  admin: ["admin", "periods", "overview", "data-quality"],
  leader: ["overview", "red-items", "verify", "rectifications", "appeals", "returns"],
  volunteer: [],
  platform: [],
};

/** The navigation's keys for a principal: its role's own work first, then the rest it may open. */
export function navKeysFor(principal: Principal): NavKey[] {
  const keys = Object.keys(NAV) as NavKey[];
  const first = ROLE_FIRST[principal.role];
  const ordered = [...first, ...keys.filter((k) => !first.includes(k))];
  return ordered.filter((k) => NAV[k].allowed(principal));
}

/** The navigation a principal's role allows, for a unit and quarter. */
export function navFor(
  principal: Principal,
  scopeName: string | null,
  kind: PageKind | null,
  code: string | null,
  period: string | null,
): NavView {
  const at = (k: PageKind) => (code && period ? pagePath(k, code, period) : "/dashboard");
  const links: NavView["links"] = navKeysFor(principal).map((key) => {
    const e = NAV[key];
    return {
      href: e.href(at, code),
      label: e.label,
      current: kind !== null && e.pages.includes(kind),
    };
  });
  return {
    userName: principal.name,
    roleLabel: ROLE_LABELS[principal.role] ?? principal.role,
    scopeName,
    links,
  };
}

/** The Chinese 403 page. */
export function forbiddenView(
  message: string,
  nav: NavView | null,
  home: string | null,
): ErrorView {
  return {
    status: 403,
    title: "无权访问",
    message,
    back: home ? { href: home, label: "返回本单位驾驶舱" } : null,
    nav,
  };
}

/** Breadcrumbs from the top of what the principal may see down to `unit`. */
export function crumbsOf(
  tree: TreeIndex,
  unit: UnitRef,
  scopeUnitId: number | null,
  kind: PageKind,
  period: string,
): Crumb[] {
  const chain: UnitRef[] = [];
  let at: UnitRef | undefined = unit;
  for (let steps = 0; at && steps < 16; steps++) {
    chain.unshift(at);
    if (at.id === scopeUnitId || at.parentId === null) break;
    at = tree.byId.get(at.parentId);
  }
  return chain.map((u) => ({ code: u.code, name: u.name, href: pagePath(kind, u.code, period) }));
}
