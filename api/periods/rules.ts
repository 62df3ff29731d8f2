/**
 * The rules of closing a quarter (CYCLE.md "Timeline", "Closing a quarter"): when a quarter may
 * be closed, when a return is late, and the guard every write of a quarter's data calls
 * (returns now; appeals after issue 18's merge).
 */
import type { Kysely, Transaction } from "kysely";
import { formatInstant, periodLabel } from "../../shapes/format.ts";
import {
  endOfDayAfter,
  formatPeriod,
  parsePeriod,
  type Quarter,
  quarterEnd,
  quarterOf,
} from "../../shapes/periods.ts";
import type { DB } from "../db/database.ts";
import { Conflict, Invalid } from "../errors.ts";
import { DEFAULT_CYCLE_DAYS } from "../schemes/cycle.ts";
import { type ClosingRow, lockPeriod, newestClosing } from "./queries.ts";

type Db = Kysely<DB> | Transaction<DB>;

/**
 * Days after a quarter's last day by which its returns are due (`returnsDueDay`, CYCLE.md: by day
 * 10): the default scheme's value, the fallback when no scheme version applies. The scheme
 * version of the quarter's year sets it (api/schemes/cycle.ts `cycleDaysOf`); callers pass it.
 */
export const RETURNS_DUE_DAY = DEFAULT_CYCLE_DAYS.returnsDueDay;

/**
 * Days a rectification task has from the day it is opened (`rectificationDays`, CYCLE.md: 30):
 * the default scheme's value; the scheme version of the year that opens the task may set another
 * (api/schemes/cycle.ts).
 */
export const RECTIFICATION_DAYS = DEFAULT_CYCLE_DAYS.rectificationDays;

/**
 * The instant after which a return of `q` is late: the end of day `dueDay` (the scheme's
 * `returnsDueDay`, default {@link RETURNS_DUE_DAY})
 * (Asia/Shanghai), i.e. the quarter's end plus that many whole days. China keeps UTC+8 without
 * daylight saving, so whole days of 24 hours are exact.
 *
 * @example returnsDueAt(2026Q3) = 2026-10-11T00:00+08:00 (a return filed on 10 October is on time)
 */
export function returnsDueAt(q: Quarter, dueDay = RETURNS_DUE_DAY): Date {
  return endOfDayAfter(q, dueDay);
}

/** Whether a return of `q` filed at `now` is late (迟报), returns being due by day `dueDay`. */
export function isLateReturn(q: Quarter, now: Date, dueDay = RETURNS_DUE_DAY): boolean {
  return now.getTime() >= returnsDueAt(q, dueDay).getTime();
}

/** A quarter's state as GET /periods shows it. */
export type PeriodStatus = "open" | "closed";

/**
 * The one rule for a quarter a request names (reads and writes alike): one that has not begun
 * at `now` has no data, and is refused with 422 naming the field (`path`) and a Chinese reason.
 */
export function refuseFutureQuarter(q: Quarter, path: string, now = new Date()): void {
  const current = quarterOf(now);
  if (q.year * 4 + q.quarter <= current.year * 4 + current.quarter) return;
  throw new Invalid(`${periodLabel(formatPeriod(q))}尚未开始，没有可查看或可提交的数据`, [
    { path, message: "该季度尚未开始" },
  ]);
}

/** A period text the schema accepted (shapes/period-schema.ts) as its quarter, not a future one. */
export function acceptedPeriod(text: string, path: string): Quarter {
  const q = parsePeriod(text);
  if (!q) throw new RangeError(`acceptedPeriod: malformed period '${text}'`);
  refuseFutureQuarter(q, path);
  return q;
}

/** Whether a closing row (the quarter's newest) leaves the quarter closed. */
export function isClosed(row: ClosingRow | undefined): boolean {
  return row !== undefined && row.reopenedAt === null;
}

/**
 * Refuses to close `q` at `now` unless the quarter has ended (a quarter still running, or one in
 * the future, has no final figures). Field errors name `period`.
 */
export function assertCanClose(q: Quarter, now: Date): void {
  if (now.getTime() < quarterEnd(q).getTime()) {
    throw new Invalid(`${formatPeriod(q)} 尚未结束，季度结束后才能关账`, [
      { path: "period", message: `季度 ${formatPeriod(q)} 尚未结束` },
    ]);
  }
}

/**
 * Throws Conflict (409, Chinese detail) when the quarter (`2026Q3` or a Quarter) is closed: its data may no longer change
 * (returns, appeals). Call it inside the writing transaction: it takes the quarter's lock in
 * shared mode, so a close (which takes it exclusively) waits for the write, and a write that
 * starts after a close sees it.
 */
export async function assertPeriodOpen(db: Db, period: Quarter | string): Promise<void> {
  const q = typeof period === "string" ? parsePeriod(period) : period;
  if (!q) throw new RangeError(`assertPeriodOpen: malformed period '${String(period)}'`);
  await lockPeriod(db, q, "shared");
  const row = await newestClosing(db, formatPeriod(q));
  if (row && isClosed(row)) {
    throw new Conflict(
      `${formatPeriod(q)} 已于 ${formatInstant(row.closedAt.toISOString())} 关账，不再接受该季度的数据；如需更正，请管理员先重新开账`,
    );
  }
}
