/** GET /periods' answer: each quarter's state, built from its closings. */
import {
  formatPeriod,
  parsePeriod,
  type Quarter,
  quarterEnd,
  quarterOf,
  shiftQuarter,
} from "../../shapes/periods.ts";
import type { ClosingRow } from "./queries.ts";
import { isClosed, RETURNS_DUE_DAY, returnsDueAt } from "./rules.ts";

/** How many quarters up to the current one GET /periods lists besides those ever closed. */
export const RECENT_QUARTERS = 8;

export interface PeriodStateView {
  period: string;
  status: "open" | "closed";
  ended: boolean;
  returnsDueAt: string;
  version: number | null;
  closings: {
    version: number;
    closedAt: string;
    closedBy: string;
    scheme: { id: string; version: number };
    units: number;
    reopenedAt: string | null;
    reopenedBy: string | null;
    reopenReason: string | null;
  }[];
}

/**
 * The current quarter and the {@link RECENT_QUARTERS} − 1 before it, plus every quarter ever
 * closed, newest first, each with its closings (newest first, as `closings` arrive). Returns of a
 * quarter are due by `returnsDueDay(year)` (the scheme version of the quarter's year).
 */
export function periodStates(
  closings: readonly ClosingRow[],
  now: Date,
  returnsDueDay: (year: number) => number = () => RETURNS_DUE_DAY,
): PeriodStateView[] {
  const byPeriod = new Map<string, ClosingRow[]>();
  for (const c of closings) byPeriod.set(c.period, [...(byPeriod.get(c.period) ?? []), c]);
  const quarters = new Map<string, Quarter>();
  const current = quarterOf(now);
  for (let i = 0; i < RECENT_QUARTERS; i++) {
    const q = shiftQuarter(current, -i);
    quarters.set(formatPeriod(q), q);
  }
  for (const p of byPeriod.keys()) {
    const q = parsePeriod(p);
    if (q) quarters.set(p, q);
  }
  return [...quarters.values()]
    .sort((a, b) => b.year - a.year || b.quarter - a.quarter)
    .map((q) => {
      const rows = byPeriod.get(formatPeriod(q)) ?? [];
      const closed = rows[0] !== undefined && isClosed(rows[0]);
      return {
        period: formatPeriod(q),
        status: closed ? "closed" : "open",
        ended: now.getTime() >= quarterEnd(q).getTime(),
        returnsDueAt: returnsDueAt(q, returnsDueDay(q.year)).toISOString(),
        version: closed ? rows[0]!.version : null,
        closings: rows.map((r) => ({
          version: r.version,
          closedAt: r.closedAt.toISOString(),
          closedBy: r.closedBy,
          scheme: { id: r.schemeId, version: r.schemeVersion },
          units: r.units,
          reopenedAt: r.reopenedAt?.toISOString() ?? null,
          reopenedBy: r.reopenedBy,
          reopenReason: r.reopenReason,
        })),
      };
    });
}
