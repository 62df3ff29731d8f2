/**
 * The dashboard's navigation: the pages and their paths, the links a role may follow, the
 * breadcrumbs from the top of a user's scope down to a unit, and the Chinese 403 page.
 */
import { ROLE_LABELS } from "../../shapes/labels.ts";
import type { Crumb, ErrorView, NavView } from "../../web/pages/dashboard-model.ts";
import { type Action, can } from "../access/permissions.ts";
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
  | "sensitivity";

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
};

/** What a role must be allowed, besides reading indicators, to open each page. */
export const PAGE_ACTION: Record<PageKind, Action> = {
  overview: "indicators.read",
  "red-items": "indicators.read",
  "data-quality": "dataQuality.read",
  appeals: "appeals.read",
  "appeal-new": "appeals.file",
  rectifications: "rectifications.read",
  tasks: "rectifications.read",
  verify: "rectifications.decide",
  assessment: "indicators.read",
  returns: "returns.write",
  // The assessor's workbench (评估工作台): exports for every role that may export; what-if for
  // those who may run it; the rank sensitivity for every reader (as the API).
  workbench: "exports.read",
  "what-if": "whatIf.run",
  sensitivity: "indicators.read",
};

/** The path of a dashboard page of a unit, for a quarter. */
export function pagePath(kind: PageKind, code: string, period: string, extra = ""): string {
  return `/dashboard/${encodeURIComponent(code)}${PAGE_SUFFIX[kind]}?period=${period}${extra}`;
}

/** The navigation a principal's role allows, for a unit and quarter. */
export function navFor(
  principal: Principal,
  scopeName: string | null,
  kind: PageKind | null,
  code: string | null,
  period: string | null,
): NavView {
  const links: NavView["links"] = [];
  const at = (k: PageKind) => (code && period ? pagePath(k, code, period) : "/dashboard");
  if (can(principal.role, "indicators.read")) {
    links.push({ href: at("overview"), label: "驾驶舱", current: kind === "overview" });
    links.push({ href: at("red-items"), label: "红色指标", current: kind === "red-items" });
  }
  if (can(principal.role, "dataQuality.read")) {
    links.push({ href: at("data-quality"), label: "数据质量", current: kind === "data-quality" });
  }
  if (can(principal.role, "appeals.read")) {
    const current = kind === "appeals" || kind === "appeal-new";
    links.push({ href: at("appeals"), label: "核减申请", current });
  }
  // Rectification (issue 19): the unit's tasks for those who work them, the ledger for readers.
  if (can(principal.role, "rectifications.work")) {
    links.push({ href: at("tasks"), label: "整改任务", current: kind === "tasks" });
  }
  if (can(principal.role, "rectifications.decide")) {
    links.push({ href: at("verify"), label: "整改验收", current: kind === "verify" });
  }
  if (can(principal.role, "rectifications.read")) {
    links.push({
      href: at("rectifications"),
      label: "整改台账",
      current: kind === "rectifications",
    });
  }
  // Quarterly returns (issue 21): without a quarter the page opens on the one being filed now.
  if (can(principal.role, "returns.write")) {
    const href = code ? `/dashboard/${encodeURIComponent(code)}/returns` : "/dashboard";
    links.push({ href, label: "季度填报", current: kind === "returns" });
  }
  if (can(principal.role, "assessments.write")) {
    links.push({ href: at("assessment"), label: "评估打分", current: kind === "assessment" });
  }
  // The assessor's workbench (issue 21): workbook, raw exports, what-if, rank sensitivity.
  if (can(principal.role, "whatIf.run") && can(principal.role, "exports.read")) {
    const current = kind === "workbench" || kind === "what-if" || kind === "sensitivity";
    links.push({ href: at("workbench"), label: "评估工作台", current });
  }
  // Closing quarters is for an administrator of the whole tree (api/periods/routes.ts).
  if (can(principal.role, "periods.close") && principal.scopeUnitId === null) {
    links.push({ href: PERIODS_PAGE, label: "季度关账", current: false });
  }
  if (can(principal.role, "users.manage")) {
    links.push({ href: ADMIN_PAGE, label: "系统管理", current: false });
  }
  links.push({ href: "/api/v1/docs", label: "接口文档", current: false });
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
