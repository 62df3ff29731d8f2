/**
 * Quarters in Asia/Shanghai time (INDICATORS.md, counting rules): `2026Q3` is
 * [2026-07-01T00:00+08:00, 2026-10-01T00:00+08:00). China has kept UTC+8 without daylight
 * saving since 1991, so a fixed offset is exact for every date this product sees.
 */
export interface Quarter {
  year: number;
  quarter: 1 | 2 | 3 | 4;
}

/** Asia/Shanghai's offset from UTC: +8 h, all year. */
export const SHANGHAI_OFFSET_MS = 8 * 3600_000;
export const PERIOD_PATTERN = /^(\d{4})Q([1-4])$/;

/** `2026Q3` → {year: 2026, quarter: 3}; null when malformed. */
export function parsePeriod(text: string): Quarter | null {
  const m = PERIOD_PATTERN.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 2000 || year > 2100) return null;
  return { year, quarter: Number(m[2]) as Quarter["quarter"] };
}

export function formatPeriod(q: { year: number; quarter: number }): string {
  return `${q.year}Q${q.quarter}`;
}

/** The instant the quarter starts (Asia/Shanghai midnight on its first day). */
export function quarterStart(q: Quarter): Date {
  return new Date(Date.UTC(q.year, (q.quarter - 1) * 3, 1) - SHANGHAI_OFFSET_MS);
}

/** The instant the quarter ends (exclusive): the next quarter's start. */
export function quarterEnd(q: Quarter): Date {
  return quarterStart(shiftQuarter(q, 1));
}

/** The quarter an instant falls in, in Asia/Shanghai time. */
export function quarterOf(instant: Date): Quarter {
  const local = new Date(instant.getTime() + SHANGHAI_OFFSET_MS);
  return {
    year: local.getUTCFullYear(),
    quarter: (Math.floor(local.getUTCMonth() / 3) + 1) as Quarter["quarter"],
  };
}

/**
 * Beijing wall-clock time of an instant as ISO text without an offset:
 * `2026-09-30T10:05:00Z` → `2026-09-30T18:05:00.000`.
 */
export function shanghaiWallClock(instant: Date | number): string {
  const t = typeof instant === "number" ? instant : instant.getTime();
  return new Date(t + SHANGHAI_OFFSET_MS).toISOString().slice(0, 23);
}

/**
 * The Beijing calendar day of an instant (a Date, epoch milliseconds or ISO text):
 * `2026-10-01T16:00Z` → `2026-10-02`.
 */
export function shanghaiDate(instant: Date | number | string): string {
  return shanghaiWallClock(typeof instant === "string" ? Date.parse(instant) : instant).slice(
    0,
    10,
  );
}

/**
 * The start of the Beijing day an instant falls in: `2026-10-01T17:00Z` → `2026-10-01T16:00Z`.
 */
export function shanghaiDayStart(instant: Date): Date {
  const day = 86_400_000;
  return new Date(
    Math.floor((instant.getTime() + SHANGHAI_OFFSET_MS) / day) * day - SHANGHAI_OFFSET_MS,
  );
}

/**
 * The end of day `n` after `q`'s last day, Asia/Shanghai (CYCLE.md: "day N" is the N-th calendar
 * day after the quarter's last day): the quarter's end plus `n` whole days, exact because China
 * keeps UTC+8 without daylight saving. Due dates of the cycle (returns day 10, appeals day 15).
 *
 * @example endOfDayAfter(2026Q3, 10) = 2026-10-11T00:00+08:00
 */
export function endOfDayAfter(q: Quarter, n: number): Date {
  return new Date(quarterEnd(q).getTime() + n * 86_400_000);
}

/** `n` quarters later (negative: earlier). shiftQuarter(2026Q1, -1) = 2025Q4. */
export function shiftQuarter(q: Quarter, n: number): Quarter {
  const index = q.year * 4 + (q.quarter - 1) + n;
  return { year: Math.floor(index / 4), quarter: ((index % 4) + 1) as Quarter["quarter"] };
}
