/**
 * What every dashboard page needs before its figures: who is asking and what their role may see,
 * which unit (in their subtree) and which quarter, the quarters that have data, breadcrumbs and
 * navigation. Access decisions come back as values for the route to turn into a redirect or a
 * Chinese error page; nothing here knows HTTP.
 */
import type { Kysely } from "kysely";
import { periodLabel } from "../../shapes/format.ts";
import { LEVEL_LABELS, ROLE_LABELS } from "../../shapes/labels.ts";
import { isBaseLevel } from "../../shapes/org-levels.ts";
import {
  formatPeriod,
  parsePeriod,
  type Quarter,
  quarterOf,
  shiftQuarter,
} from "../../shapes/periods.ts";
import type {
  Crumb,
  ErrorView,
  NavView,
  PageContext,
  PeriodOption,
} from "../../web/pages/dashboard-model.ts";
import { type Action, can } from "../access/permissions.ts";
import type { Principal } from "../access/principal.ts";
import type { DB } from "../db/database.ts";
import type { EngineState, IndicatorEngine } from "../indicators/engine.ts";
import type { UnitRef } from "../org-tree/queries.ts";
import { inSubtree, type TreeIndex } from "../org-tree/tree-index.ts";
import {
  defaultQuarter,
  isFutureQuarter,
  quarterState,
  quarterStateNote,
} from "./default-quarter.ts";
import { dataSpan } from "./queries.ts";

/** The closing page (api/dashboard/periods-page.ts). */
export const PERIODS_PAGE = "/admin/periods";

/** Which dashboard page; decides the current navigation entry and the links' paths. */
export type PageKind =
  | "overview"
  | "red-items"
  | "data-quality"
  | "appeals"
  | "appeal-new"
  | "assessment";

const PAGE_SUFFIX: Record<PageKind, string> = {
  overview: "",
  "red-items": "/red-items",
  "data-quality": "/data-quality",
  appeals: "/appeals",
  "appeal-new": "/appeals/new",
  assessment: "/assessment",
};

/** What a role must be allowed, besides reading indicators, to open each page. */
const PAGE_ACTION: Record<PageKind, Action> = {
  overview: "indicators.read",
  "red-items": "indicators.read",
  "data-quality": "dataQuality.read",
  appeals: "appeals.read",
  "appeal-new": "appeals.file",
  assessment: "indicators.read",
};

/** The path of a dashboard page of a unit, for a quarter. */
export function pagePath(kind: PageKind, code: string, period: string, extra = ""): string {
  return `/dashboard/${encodeURIComponent(code)}${PAGE_SUFFIX[kind]}?period=${period}${extra}`;
}

/** Everything resolved about a page request that may proceed. */
export interface Resolved {
  principal: Principal;
  engine: IndicatorEngine;
  state: EngineState;
  tree: TreeIndex;
  unit: UnitRef;
  quarter: Quarter;
  /** Quarters with data, oldest first (the selected quarter included even when it has none). */
  quarters: Quarter[];
  ctx: PageContext;
}

/** What a page request resolves to: the page, a log-in, a redirect, or a Chinese error page. */
export type Resolution =
  | { kind: "ok"; page: Resolved }
  | { kind: "login" }
  | { kind: "redirect"; to: string }
  | { kind: "error"; view: ErrorView };

/**
 * The quarters from the first to the last with any data, never past the current quarter (a stray
 * future-dated record offers no future quarter); the current quarter when there is none.
 */
export async function quartersWithData(db: Kysely<DB>, now = new Date()): Promise<Quarter[]> {
  const span = await dataSpan(db);
  const index = (q: Quarter) => q.year * 4 + q.quarter - 1;
  const candidates: number[] = [];
  if (span.first) candidates.push(index(quarterOf(span.first)));
  if (span.last) candidates.push(index(quarterOf(span.last)));
  if (span.firstReturn !== null) candidates.push(span.firstReturn);
  if (span.lastReturn !== null) candidates.push(span.lastReturn);
  if (candidates.length === 0) return [quarterOf(now)];
  const first = Math.min(...candidates);
  // A stray far-past record must not make a selector of hundreds of quarters: at most 5 years.
  const last = Math.min(Math.max(...candidates), index(quarterOf(now)));
  const from = Math.max(first, last - 19);
  const out: Quarter[] = [];
  for (let i = from; i <= last; i++) out.push(shiftQuarter({ year: 0, quarter: 1 }, i));
  return out;
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
  if (can(principal.role, "assessments.write")) {
    links.push({ href: at("assessment"), label: "评估打分", current: kind === "assessment" });
  }
  // Closing quarters is for an administrator of the whole tree (api/periods/routes.ts).
  if (can(principal.role, "periods.close") && principal.scopeUnitId === null) {
    links.push({ href: PERIODS_PAGE, label: "季度关账", current: false });
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

/**
 * Resolves a page request: anonymous → log in; a role without `indicators.read` (or the page's
 * own action) → 403; no unit code → the principal's scope root; no or malformed period → the
 * default quarter (default-quarter.ts: the latest complete one with data); a quarter after the
 * current one → 400; unknown unit → 404; a unit outside the principal's subtree → 403.
 */
export async function resolvePage(
  engine: IndicatorEngine,
  principal: Principal | null,
  kind: PageKind,
  code: string | undefined,
  periodText: string | undefined,
  now = new Date(),
): Promise<Resolution> {
  if (!principal) return { kind: "login" };
  const db = engine.db;
  const quarters = await quartersWithData(db, now);
  const latest = defaultQuarter(quarters, now);
  const quarter = periodText ? parsePeriod(periodText) : null;
  const state = await engine.state([
    ...new Set([
      ...quarters.map((q) => q.year),
      ...(quarter ? [quarter.year - 1, quarter.year] : []),
    ]),
  ]);
  const tree = await engine.tree(state);
  const scope =
    principal.scopeUnitId === null ? null : (tree.byId.get(principal.scopeUnitId) ?? null);
  const roots = tree.children.get(null) ?? [];
  const home = scope ?? (roots.length === 1 ? roots[0]! : null);
  const homePath = home ? pagePath("overview", home.code, formatPeriod(latest)) : null;
  const nav = navFor(
    principal,
    scope?.name ?? null,
    kind,
    home?.code ?? null,
    formatPeriod(latest),
  );
  if (!can(principal.role, "indicators.read") || !can(principal.role, PAGE_ACTION[kind])) {
    const message =
      kind === "appeal-new"
        ? "只有单位的领导或数据填报员可以提出核减申请。"
        : "您的角色无权查看驾驶舱。如需开通，请联系系统管理员。";
    return {
      kind: "error",
      view: forbiddenView(message, nav, kind === "appeal-new" ? homePath : null),
    };
  }
  if (code === undefined || !quarter) {
    const target = code ?? home?.code;
    if (!target) {
      return {
        kind: "error",
        view: {
          status: 404,
          title: "尚无组织架构",
          message: "系统中还没有组织单元，请先由管理员导入组织架构。",
          back: null,
          nav,
        },
      };
    }
    return { kind: "redirect", to: pagePath(kind, target, formatPeriod(quarter ?? latest)) };
  }
  if (isFutureQuarter(quarter, now)) {
    return {
      kind: "error",
      view: {
        status: 400,
        title: "该季度尚未开始",
        message: `${periodLabel(formatPeriod(quarter))}尚未开始，没有可查看的数据。`,
        back: homePath ? { href: homePath, label: "返回本单位驾驶舱" } : null,
        nav,
      },
    };
  }
  const unit = tree.byCode.get(code);
  if (!unit) {
    return {
      kind: "error",
      view: {
        status: 404,
        title: "未找到该单位",
        message: `没有编码为 ${code} 的组织单元。`,
        back: homePath ? { href: homePath, label: "返回本单位驾驶舱" } : null,
        nav,
      },
    };
  }
  if (principal.scopeUnitId !== null && !inSubtree(tree, principal.scopeUnitId, unit.id)) {
    return {
      kind: "error",
      view: forbiddenView(
        `您只能查看${scope?.name ?? "本单位"}及其下级单位的数据，无权查看“${unit.name}”。`,
        nav,
        homePath,
      ),
    };
  }
  const period = formatPeriod(quarter);
  const all = quarters.some((q) => formatPeriod(q) === period)
    ? quarters
    : [...quarters, quarter].sort((a, b) => a.year - b.year || a.quarter - b.quarter);
  const periods: PeriodOption[] = all.map((q) => {
    const value = formatPeriod(q);
    const note = quarterStateNote(quarterState(q, now));
    return {
      value,
      label: periodLabel(value),
      note,
      href: pagePath(kind, unit.code, value),
      selected: value === period,
    };
  });
  const ctx: PageContext = {
    nav: navFor(principal, scope?.name ?? null, kind, unit.code, period),
    unit: {
      code: unit.code,
      name: unit.name,
      level: unit.level,
      levelLabel: LEVEL_LABELS[unit.level],
      grassroots: isBaseLevel(unit.level),
    },
    period,
    periodLabel: periodLabel(period),
    periodNote: quarterStateNote(quarterState(quarter, now)),
    periods,
    crumbs: crumbsOf(tree, unit, principal.scopeUnitId, kind, period),
  };
  return {
    kind: "ok",
    page: { principal, engine, state, tree, unit, quarter, quarters: all, ctx },
  };
}
