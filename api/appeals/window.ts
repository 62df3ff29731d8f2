import { formatInstant } from "../../shapes/format.ts";
import { endOfDayAfter, formatPeriod, type Quarter } from "../../shapes/periods.ts";
import { Conflict } from "../errors.ts";
import { DEFAULT_CYCLE_DAYS } from "../schemes/cycle.ts";

/**
 * Appeals are filed by day 15 after the quarter's last day (CYCLE.md timeline, `appealsDueDay`):
 * the default scheme's value and the fallback; the scheme version of the quarter's year sets it
 * (api/schemes/cycle.ts `cycleDaysOf`), and callers pass it.
 */
export const APPEALS_DUE_DAY = DEFAULT_CYCLE_DAYS.appealsDueDay;

/**
 * The instant filing closes: the end of day {@link APPEALS_DUE_DAY} after the quarter's last day,
 * Asia/Shanghai. Day 1 starts at the quarter's end (the next quarter's first midnight), so day N
 * ends N days later. 2026Q3 → 2026-10-16T00:00+08:00.
 */
export function appealsDueAt(q: Quarter, dueDay = APPEALS_DUE_DAY): Date {
  return endOfDayAfter(q, dueDay);
}

/** `2026-10-15`: the last day to file, as people say it (the day before {@link appealsDueAt}). */
export function appealsLastDay(q: Quarter, dueDay = APPEALS_DUE_DAY): string {
  return formatInstant(new Date(appealsDueAt(q, dueDay).getTime() - 1).toISOString()).slice(0, 10);
}

/** Refuses filing once the window has passed (409, nothing written). */
export function assertFilingWindow(q: Quarter, now: Date, dueDay = APPEALS_DUE_DAY): void {
  if (now.getTime() >= appealsDueAt(q, dueDay).getTime()) {
    throw new Conflict(
      `${formatPeriod(q)} 的核减申请已于 ${appealsLastDay(q, dueDay)} 截止，不能再提出`,
    );
  }
}
