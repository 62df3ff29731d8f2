/** /dashboard/{code}/red-items: every red indicator of the subtree and the newly-red alert feed. */
import type { Kysely } from "kysely";
import { INDICATOR_CODES, INDICATORS, type IndicatorCode } from "../../metrics/index.ts";
import { formatPeriod } from "../../shapes/periods.ts";
import type { RedFilterView, RedItemsView, RedItemView } from "../../web/pages/red-items-model.ts";
import { can } from "../access/permissions.ts";
import type { DB } from "../db/database.ts";
import type { Resolved } from "./context.ts";
import {
  type History,
  historyQuarters,
  schemesByYear,
  schemeVersionOf,
  subtreeHistory,
  subtreeUnits,
} from "./history.ts";
import { pagePath } from "./nav.ts";
import { filterRedItems, RED_PAGE_SIZE, redFilterQuery } from "./red-filter.ts";
import { redItems } from "./red-items.ts";
import { withTasks } from "./red-tasks.ts";
import { placeOf } from "./unit-place.ts";

/**
 * The subtree's figures over the page's quarters (with Q−1 and Q−4 for the comparisons) and its
 * red items in the page's quarter, most severe first: what the overview, the red-items page and
 * its export show. Every closed quarter reads the official figures of the closing the page's rule
 * picked (`page.closings`), with the targets of the scheme version it was closed under; an open
 * quarter reads live figures.
 */
export async function historyAndRedItems(
  db: Kysely<DB>,
  page: Resolved,
): Promise<{ history: History; red: RedItemView[] }> {
  const { unit, quarter: q, tree } = page;
  const [history, schemes] = await Promise.all([
    subtreeHistory(
      db,
      page.engine,
      page.state,
      tree,
      unit,
      historyQuarters(page.quarters, q),
      true,
      page.closings,
    ),
    schemesByYear(db, [q.year]),
  ]);
  const closing = page.closings.get(formatPeriod(q));
  const scheme = closing
    ? (await schemeVersionOf(db, closing.schemeId, closing.schemeVersion))?.definition
    : schemes.get(q.year)?.definition;
  const red = scheme
    ? redItems(
        history,
        subtreeUnits(tree, unit),
        q,
        Object.fromEntries(INDICATOR_CODES.map((c) => [c, scheme.indicators[c].target])) as Record<
          IndicatorCode,
          number
        >,
        (u) => placeOf(tree, u),
      )
    : [];
  return { history, red };
}

/** Builds the red-items page: the subtree's red items, filtered, one page of them, the alerts. */
export async function buildRedItems(
  db: Kysely<DB>,
  page: Resolved,
  filter: RedFilterView,
  now = new Date(),
): Promise<RedItemsView> {
  const red = await withTasks(page, (await historyAndRedItems(db, page)).red, now);
  const { unit, tree, ctx } = page;
  const matched = filterRedItems(red, filter);
  const pages = Math.max(1, Math.ceil(matched.length / RED_PAGE_SIZE));
  const at = Math.min(filter.page, pages);
  const link = (extra: string) =>
    pagePath("red-items", unit.code, ctx.period, `${page.choiceQuery}${extra}`);
  const withPage = (n: number) => link(redFilterQuery({ ...filter, page: n }));
  const exportHref = (format: string) =>
    `/dashboard/${encodeURIComponent(unit.code)}/red-items/export?period=${ctx.period}${page.choiceQuery}&format=${format}${redFilterQuery(filter, false)}`;
  const streets =
    unit.level === "street"
      ? []
      : subtreeUnits(tree, unit)
          .filter((u) => u.level === "street")
          .map((u) => ({ code: u.code, name: u.name }));
  const newly = red.filter((i) => i.newlyRed);
  return {
    ...ctx,
    filter: { ...filter, page: at },
    streets,
    indicators: INDICATOR_CODES.map((code) => ({ code, name: INDICATORS[code].nameZh })),
    total: red.length,
    matched: matched.length,
    items: matched.slice((at - 1) * RED_PAGE_SIZE, at * RED_PAGE_SIZE),
    pages,
    prevHref: at > 1 ? withPage(at - 1) : null,
    nextHref: at < pages ? withPage(at + 1) : null,
    csvHref: exportHref("csv"),
    xlsxHref: exportHref("xlsx"),
    newlyRed: newly.slice(0, 10),
    newlyRedCount: newly.length,
    newlyRedHref: link("&newly=1"),
    tasksShown:
      red.some((i) => i.task !== undefined) || can(page.principal.role, "rectifications.read"),
  };
}
