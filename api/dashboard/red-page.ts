/** /dashboard/{code}/red-items: every red indicator of the subtree and the newly-red alert feed. */
import type { Kysely } from "kysely";
import { INDICATOR_CODES, type IndicatorCode } from "../../metrics/index.ts";
import type { RedItemsView, RedItemView } from "../../web/pages/dashboard-model.ts";
import type { DB } from "../db/database.ts";
import type { Resolved } from "./context.ts";
import {
  type History,
  historyQuarters,
  schemesByYear,
  subtreeHistory,
  subtreeUnits,
} from "./history.ts";
import { redItems } from "./red-items.ts";

/**
 * The subtree's figures over the page's quarters (with Q−1 and Q−4 for the comparisons) and its
 * red items in the page's quarter, most severe first: what the overview and the red-items page
 * both show.
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
    ),
    schemesByYear(db, [q.year]),
  ]);
  const scheme = schemes.get(q.year)?.definition;
  const red = scheme
    ? redItems(
        history,
        subtreeUnits(tree, unit),
        q,
        Object.fromEntries(INDICATOR_CODES.map((c) => [c, scheme.indicators[c].target])) as Record<
          IndicatorCode,
          number
        >,
        (u) => (u.parentId === null ? null : (tree.byId.get(u.parentId)?.name ?? null)),
      )
    : [];
  return { history, red };
}

/** Builds the red-items page: the subtree evaluated over the quarters with data, red items sorted. */
export async function buildRedItems(db: Kysely<DB>, page: Resolved): Promise<RedItemsView> {
  const { red } = await historyAndRedItems(db, page);
  return { ...page.ctx, items: red, newlyRed: red.filter((i) => i.newlyRed) };
}
