/**
 * What every dashboard page needs before its figures: who is asking and what their role may see,
 * which unit (in their subtree) and which quarter, the quarters that have data, breadcrumbs and
 * navigation, and which figures the page shows: a closed quarter's official ones unless the
 * reader asks `live=true` or `version=N` (the rule of api/periods/official.ts). Access decisions
 * come back as values for the route to turn into a redirect or a Chinese error page; nothing here
 * knows HTTP.
 */
import { periodLabel } from "../../shapes/format.ts";
import { LEVEL_LABELS } from "../../shapes/labels.ts";
import { isBaseLevel } from "../../shapes/org-levels.ts";
import { formatPeriod, parsePeriod, type Quarter } from "../../shapes/periods.ts";
import type { ErrorView, PageContext } from "../../web/pages/dashboard-model.ts";
import { can } from "../access/permissions.ts";
import type { Principal } from "../access/principal.ts";
import { NotFound } from "../errors.ts";
import type { EngineState, IndicatorEngine } from "../indicators/engine.ts";
import type { UnitRef } from "../org-tree/queries.ts";
import { inSubtree, type TreeIndex } from "../org-tree/tree-index.ts";
import { closingsByRule, type FigureChoice } from "../periods/official.ts";
import { type ClosingRow, listClosings } from "../periods/queries.ts";
import { cycleDaysResolver } from "../schemes/cycle.ts";
import {
  defaultQuarter,
  isFutureQuarter,
  quarterState,
  quarterStateNote,
} from "./default-quarter.ts";
import { crumbsOf, forbiddenView, mayOpenPage, navFor, type PageKind, pagePath } from "./nav.ts";
import { closedNow, periodOptions, periodStateOf, quartersWithData } from "./page-quarters.ts";

/** `live` and `version` as a page's query string carries them (malformed ones are ignored). */
export function parseFigureChoice(q: (name: string) => string | undefined): FigureChoice {
  const live = q("live");
  const version = Number(q("version"));
  if (live === "true" || live === "1") return { live: true };
  return Number.isInteger(version) && version >= 1 && version <= 10_000 ? { version } : {};
}

/** The query parameters (after `period=…`) that keep a page's choice of figures in its links. */
export function figureQuery(choice: FigureChoice): string {
  if (choice.live) return "&live=true";
  return choice.version !== undefined ? `&version=${choice.version}` : "";
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
  /** The reader's choice of figures (`live=true`, `version=N`) and its query string. */
  choice: FigureChoice;
  choiceQuery: string;
  /**
   * The closing whose official figures each closed quarter shows under the choice, by period
   * (`2026Q3`); a quarter absent is read live. Trends, red items and exports all read these.
   */
  closings: Map<string, ClosingRow>;
  ctx: PageContext;
}

/** What a page request resolves to: the page, a log-in, a redirect, or a Chinese error page. */
export type Resolution =
  | { kind: "ok"; page: Resolved }
  | { kind: "login" }
  | { kind: "redirect"; to: string }
  | { kind: "error"; view: ErrorView };

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
  choice: FigureChoice = {},
  now = new Date(),
): Promise<Resolution> {
  if (!principal) return { kind: "login" };
  const db = engine.db;
  const [quarters, cycle] = await Promise.all([
    quartersWithData(engine, now),
    cycleDaysResolver(db),
  ]);
  // "Complete" by the returns' due day of each quarter's year (the scheme version of that year).
  const dueDay = (year: number) => cycle(year).returnsDueDay;
  const latest = defaultQuarter(quarters, now, dueDay);
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
  if (!can(principal.role, "indicators.read") || !mayOpenPage(principal.role, kind)) {
    const message =
      kind === "appeal-new"
        ? "只有单位的领导或数据填报员可以提出核减申请。"
        : kind === "workbench" || kind === "what-if"
          ? "评估工作台的导出与情景模拟仅对第三方评估人员和管理员开放。"
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
  const everyClosing = await listClosings(db);
  let closings: Map<string, ClosingRow>;
  try {
    closings = closingsByRule(everyClosing, { ...choice, selected: period });
  } catch (e) {
    if (!(e instanceof NotFound)) throw e;
    const back = pagePath(kind, unit.code, period);
    return {
      kind: "error",
      view: {
        status: 404,
        title: "没有该版正式数据",
        message: e.message,
        nav,
        back: { href: back, label: "查看当前数据" },
      },
    };
  }
  const closed = closedNow(everyClosing);
  const choiceQuery = figureQuery(choice);
  const periodState = await periodStateOf(
    engine,
    state,
    unit.id,
    quarter,
    closings.get(period),
    closed.get(period),
    (extra) => pagePath(kind, unit.code, period, extra),
  );
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
    periodNote: quarterStateNote(quarterState(quarter, now, dueDay)),
    periodState,
    periods: periodOptions(all, period, kind, unit.code, closed, now, dueDay),
    crumbs: crumbsOf(tree, unit, principal.scopeUnitId, kind, period),
  };
  return {
    kind: "ok",
    page: {
      principal,
      engine,
      state,
      tree,
      unit,
      quarter,
      quarters: all,
      choice,
      choiceQuery,
      closings,
      ctx,
    },
  };
}
