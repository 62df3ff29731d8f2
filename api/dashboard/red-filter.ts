/**
 * The red-items page's filters and paging: read from the query string (anything malformed is
 * ignored, a page past the end shows the last page), applied to the red items, and written back
 * into the links of the page (paging, export, the newly-red shortcut).
 */
import { INDICATOR_CODES, type IndicatorCode } from "../../metrics/index.ts";
import type { RedFilterView, RedItemView } from "../../web/pages/red-items-model.ts";
import { parseTaskFilter, taskMatches } from "./red-tasks.ts";

/** Red items per page. */
export const RED_PAGE_SIZE = 50;

const CODES = new Set<string>(INDICATOR_CODES);

/** The filters of a query string; unknown or malformed values are dropped. */
export function parseRedFilter(q: (name: string) => string | undefined): RedFilterView {
  const street = q("street")?.trim();
  const indicator = q("indicator")?.trim().toUpperCase();
  const min = Number(q("minQuarters"));
  const page = Number(q("page"));
  return {
    street: street && /^[\w-]{1,64}$/.test(street) ? street : null,
    indicator: indicator && CODES.has(indicator) ? (indicator as IndicatorCode) : null,
    newly: q("newly") === "1",
    minQuarters: Number.isInteger(min) && min >= 2 && min <= 40 ? min : null,
    page: Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1,
    task: parseTaskFilter(q("task")),
  };
}

/** The items `f` keeps, in their order (paging aside). */
export function filterRedItems(items: readonly RedItemView[], f: RedFilterView): RedItemView[] {
  return items.filter(
    (i) =>
      (f.street === null || i.streetCode === f.street) &&
      (f.indicator === null || i.code === f.indicator) &&
      (!f.newly || i.newlyRed) &&
      (f.minQuarters === null || i.runningQuarters >= f.minQuarters) &&
      taskMatches(i, f.task),
  );
}

/** The query string (after `period=…`) of `f`, with `page` only when past the first. */
export function redFilterQuery(f: RedFilterView, withPage = true): string {
  const parts: string[] = [];
  if (f.street) parts.push(`street=${encodeURIComponent(f.street)}`);
  if (f.indicator) parts.push(`indicator=${f.indicator}`);
  if (f.newly) parts.push("newly=1");
  if (f.minQuarters !== null) parts.push(`minQuarters=${f.minQuarters}`);
  if (f.task) parts.push(`task=${f.task}`);
  if (withPage && f.page > 1) parts.push(`page=${f.page}`);
  return parts.map((p) => `&${p}`).join("");
}
