/**
 * The quarters a dashboard page offers and the state of the one it shows: the quarters with data,
 * the switcher's options (each marked 已关账 when closed, else how complete it is), and whether the
 * page's figures are official (已关账, the closing the rule of api/periods/official.ts picks, with
 * the cases of the quarter that arrived since) or live (实时).
 */
import { periodLabel } from "../../shapes/format.ts";
import { formatPeriod, type Quarter, quarterOf, shiftQuarter } from "../../shapes/periods.ts";
import type { PeriodOption, PeriodStateView } from "../../web/pages/dashboard-model.ts";
import {
  type EngineState,
  type IndicatorEngine,
  quarterRange,
  versionKey,
} from "../indicators/engine.ts";
import { type ClosingRow, lateCasesBySubtree } from "../periods/queries.ts";
import { isClosed } from "../periods/rules.ts";
import { type DueDayOf, quarterState, quarterStateNote } from "./default-quarter.ts";
import { type PageKind, pagePath } from "./nav.ts";
import { dataFingerprint, dataSpan } from "./queries.ts";

/**
 * The quarters from the first to the last with any data, never past the current quarter (a stray
 * future-dated record offers no future quarter); the current quarter when there is none. The span
 * is memoised in the engine's cache until a write changes the data versions.
 */
export async function quartersWithData(
  engine: IndicatorEngine,
  now = new Date(),
): Promise<Quarter[]> {
  const key = `span|${await dataFingerprint(engine.db)}`;
  const span = await engine.memo(key, 1, () => dataSpan(engine.db));
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

/** The newest closing of each quarter that is closed now, from every closing (newest first). */
export function closedNow(all: readonly ClosingRow[]): Map<string, ClosingRow> {
  const out = new Map<string, ClosingRow>();
  const seen = new Set<string>();
  for (const row of all) {
    if (seen.has(row.period)) continue;
    seen.add(row.period);
    if (isClosed(row)) out.set(row.period, row);
  }
  return out;
}

/** The switcher's options: a closed quarter says 已关账, an open one how complete it is. */
export function periodOptions(
  quarters: readonly Quarter[],
  selected: string,
  kind: PageKind,
  code: string,
  closed: ReadonlyMap<string, ClosingRow>,
  now: Date,
  dueDay?: DueDayOf,
): PeriodOption[] {
  return quarters.map((q) => {
    const value = formatPeriod(q);
    return {
      value,
      label: periodLabel(value),
      note: quarterStateNote(quarterState(q, now, dueDay)),
      closed: closed.has(value),
      href: pagePath(kind, code, value),
      selected: value === selected,
    };
  });
}

/**
 * The page's 已关账 / 实时 state for `unitId` in `q`: official when `answering` (the closing the
 * rule picked), with the cases of the unit's subtree and quarter stored or changed since (memoised
 * under the quarter's data versions, as GET /indicators counts them); live otherwise, saying when
 * the quarter is closed all the same (the reader asked for live figures). `path(extra)` is the
 * page's own path with `extra` query parameters.
 */
export async function periodStateOf(
  engine: IndicatorEngine,
  state: EngineState,
  unitId: number,
  q: Quarter,
  answering: ClosingRow | undefined,
  closed: ClosingRow | undefined,
  path: (extra: string) => string,
): Promise<PeriodStateView> {
  if (!answering) {
    return {
      status: "live",
      closed: closed
        ? { version: closed.version, closedAt: closed.closedAt.toISOString(), href: path("") }
        : null,
    };
  }
  const period = formatPeriod(q);
  const key = `late|${period}|${answering.version}|${state.treeKey}|${versionKey(q, state)}|${unitId}`;
  const late = await engine.memo(key, 1, () =>
    lateCasesBySubtree(engine.db, quarterRange(q), answering.closedAt, [unitId]),
  );
  return {
    status: "closed",
    version: answering.version,
    closedAt: answering.closedAt.toISOString(),
    reopenedAt: answering.reopenedAt?.toISOString() ?? null,
    lateCases: late.get(unitId) ?? 0,
    liveHref: path("&live=true"),
  };
}
