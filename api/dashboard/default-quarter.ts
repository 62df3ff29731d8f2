/**
 * Which quarter the dashboard opens on, and which quarters the picker marks complete.
 *
 * The rule ("complete"): a quarter is complete once it has ended and its quarterly returns are due,
 * that is from the start of day `returnsDueDay + 1` after the quarter's last day, Asia/Shanghai
 * (CYCLE.md: returns are filed "by day 10", day N being the N-th calendar day after the quarter's
 * last day; the scheme version of the quarter's year sets `returnsDueDay`, callers pass it as a
 * {@link DueDayOf} from api/schemes/cycle.ts `cycleDaysResolver`, default 10). 2026Q3 ends 2026-09-30, so it is complete from 2026-10-11T00:00+08:00. Before that a
 * quarter is `running` (not yet ended) or `filing` (ended, returns still coming in), and its
 * figures may still move a lot: a leader opening the dashboard three days into a quarter must not
 * see a quarter with two responses in it.
 *
 * The default quarter is the latest complete quarter with data; when no quarter with data is
 * complete yet, the latest quarter with data. A closed quarter (关账, CYCLE.md) will take
 * precedence once periods can be closed: extend {@link defaultQuarter} with the closed quarters.
 */
import { type Quarter, quarterEnd, quarterOf, quarterStart } from "../../shapes/periods.ts";
import { RETURNS_DUE_DAY, returnsDueAt } from "../periods/rules.ts";

/** Where a quarter stands at `now`. */
export type QuarterState = "future" | "running" | "filing" | "complete";

/** The returns' due day of a quarter's year (the scheme version of that year). */
export type DueDayOf = (year: number) => number;

const DEFAULT_DUE: DueDayOf = () => RETURNS_DUE_DAY;

/** The instant a quarter becomes complete: when its returns are due (periods/rules.ts). */
export function completeFrom(q: Quarter, dueDay: DueDayOf = DEFAULT_DUE): Date {
  return returnsDueAt(q, dueDay(q.year));
}

/** Where `q` stands at `now` (see the module comment for the rule). */
export function quarterState(q: Quarter, now: Date, dueDay: DueDayOf = DEFAULT_DUE): QuarterState {
  const t = now.getTime();
  if (t < quarterStart(q).getTime()) return "future";
  if (t < quarterEnd(q).getTime()) return "running";
  if (t < completeFrom(q, dueDay).getTime()) return "filing";
  return "complete";
}

/** Whether `q` starts after the quarter `now` falls in. */
export function isFutureQuarter(q: Quarter, now: Date): boolean {
  const current = quarterOf(now);
  return q.year * 4 + q.quarter > current.year * 4 + current.quarter;
}

/** Chinese note the quarter picker shows beside a quarter that is not complete; null when complete. */
export function quarterStateNote(state: QuarterState): string | null {
  switch (state) {
    case "running":
      return "进行中，数据不完整";
    case "filing":
      return "报表填报中，数据不完整";
    case "future":
      return "尚未开始";
    default:
      return null;
  }
}

/**
 * The quarter the dashboard opens on: the latest complete quarter in `quarters` (oldest first),
 * else the latest one. `quarters` must not be empty. Extension point for closed quarters.
 */
export function defaultQuarter(
  quarters: readonly Quarter[],
  now: Date,
  dueDay: DueDayOf = DEFAULT_DUE,
): Quarter {
  for (let i = quarters.length - 1; i >= 0; i--) {
    const q = quarters[i]!;
    if (quarterState(q, now, dueDay) === "complete") return q;
  }
  const last = quarters[quarters.length - 1];
  if (!last) throw new RangeError("defaultQuarter: no quarters");
  return last;
}
