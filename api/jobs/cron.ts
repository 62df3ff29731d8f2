/**
 * Five-field cron expressions (minute hour day-of-month month day-of-week) and their next run
 * times in a time zone: a pure function, so the schedule's dates can be tested without waiting
 * for a clock, and usable in a Worker (no node-cron). Fields take `*`, numbers, ranges `a-b`,
 * lists `a,b` and steps `*\/n`, `a-b/n`; day of week 0–7 (0 and 7 are Sunday). As in Vixie cron,
 * when both day of month and day of week are restricted a day matching either one runs.
 */

/**
 * The report schedule's default: 02:00 on the 5th of the month after each quarter ends (5 April,
 * 5 July, 5 October, 5 January), read in Asia/Shanghai. "The 5th day after the quarter ends" is
 * taken as the 5th calendar day of the new quarter (the 1st is day 1), which leaves the platforms
 * four full days to send late data before the drafts are made.
 */
export const DEFAULT_REPORT_CRON = "0 2 5 1,4,7,10 *";

interface Field {
  values: Set<number>;
  /** The field was `*` (or `*\/1`): unrestricted. */
  any: boolean;
}

export interface CronSchedule {
  minute: Field;
  hour: Field;
  dayOfMonth: Field;
  month: Field;
  dayOfWeek: Field;
}

const BOUNDS: [string, number, number][] = [
  ["minute", 0, 59],
  ["hour", 0, 23],
  ["day of month", 1, 31],
  ["month", 1, 12],
  ["day of week", 0, 7],
];

function parseField(text: string, name: string, min: number, max: number): Field {
  const values = new Set<number>();
  let any = false;
  for (const part of text.split(",")) {
    const m = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
    if (!m) throw new RangeError(`parseCron: bad ${name} field '${text}'`);
    const step = m[4] === undefined ? 1 : Number(m[4]);
    let lo = min;
    let hi = max;
    if (m[1] === "*") {
      if (step === 1) any = true;
    } else {
      lo = Number(m[2]);
      hi = m[3] === undefined ? (m[4] === undefined ? lo : max) : Number(m[3]);
    }
    if (step < 1 || lo < min || hi > max || lo > hi) {
      throw new RangeError(`parseCron: ${name} '${part}' is outside ${min}–${max}`);
    }
    for (let v = lo; v <= hi; v += step) values.add(name === "day of week" && v === 7 ? 0 : v);
  }
  return { values, any };
}

/**
 * Parses a five-field cron expression. Throws a `RangeError` naming the bad field.
 *
 * @example
 * ```ts
 * parseCron("0 2 5 1,4,7,10 *").month.values; // Set {1, 4, 7, 10}
 * ```
 */
export function parseCron(expression: string): CronSchedule {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5) {
    throw new RangeError(`parseCron: expected 5 fields, got ${parts.length} in '${expression}'`);
  }
  const [minute, hour, dayOfMonth, month, dayOfWeek] = parts.map((p, i) => {
    const [name, min, max] = BOUNDS[i]!;
    return parseField(p, name, min, max);
  }) as [Field, Field, Field, Field, Field];
  return { minute, hour, dayOfMonth, month, dayOfWeek };
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** Why an expression is not a valid cron expression, or null when it is. */
export function cronProblem(expression: string): string | null {
  try {
    parseCron(expression);
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

/** Wall-clock fields of an instant in a time zone. */
function localParts(at: number, tz: string) {
  let format = formats.get(tz);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone: tz,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
    });
    formats.set(tz, format);
  }
  const parts = format.formatToParts(new Date(at));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  return {
    year: get("year"),
    month: get("month"),
    day: get("day"),
    hour: get("hour"),
    minute: get("minute"),
  };
}

/** The UTC instant of a wall-clock time in `tz`; null when that time does not exist there. */
function fromLocal(y: number, mo: number, d: number, h: number, mi: number, tz: string) {
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  // Two rounds of "guess the offset" settle on the offset in force at that instant.
  let guess = wall;
  for (let i = 0; i < 2; i++) {
    const p = localParts(guess, tz);
    const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
    guess = wall - (asUtc - guess);
  }
  const p = localParts(guess, tz);
  const ok = p.year === y && p.month === mo && p.day === d && p.hour === h && p.minute === mi;
  return ok ? guess : null;
}

function dayMatches(s: CronSchedule, y: number, mo: number, d: number): boolean {
  if (!s.month.values.has(mo)) return false;
  const dow = new Date(Date.UTC(y, mo - 1, d)).getUTCDay();
  const dom = s.dayOfMonth.values.has(d);
  const wd = s.dayOfWeek.values.has(dow);
  if (s.dayOfMonth.any && s.dayOfWeek.any) return true;
  if (s.dayOfMonth.any) return wd;
  if (s.dayOfWeek.any) return dom;
  return dom || wd;
}

/**
 * The next `n` run times of `cron` strictly after `from`, reading the expression in time zone
 * `timeZone` (IANA name). Wall-clock times that do not exist (a daylight-saving gap) are skipped.
 * Searches up to ten years ahead; an expression that never fires (31 February) gives fewer.
 *
 * @example
 * ```ts
 * nextRuns("0 2 5 1,4,7,10 *", new Date("2026-11-23T00:00:00Z"), 2, "Asia/Shanghai");
 * // [2027-01-04T18:00:00.000Z (05 Jan 02:00 in Shanghai), 2027-04-04T18:00:00.000Z]
 * ```
 */
export function nextRuns(cron: string, from: Date, n: number, timeZone = "Asia/Shanghai"): Date[] {
  const s = parseCron(cron);
  const out: Date[] = [];
  const after = from.getTime();
  const start = localParts(after, timeZone);
  const minutes = [...s.minute.values].sort((a, b) => a - b);
  const hours = [...s.hour.values].sort((a, b) => a - b);
  // Walk calendar days in the zone from `from`'s local date; at most ten years of days.
  for (let k = 0; k < 3700 && out.length < n; k++) {
    const day = new Date(Date.UTC(start.year, start.month - 1, start.day + k));
    const y = day.getUTCFullYear();
    const mo = day.getUTCMonth() + 1;
    const d = day.getUTCDate();
    if (!dayMatches(s, y, mo, d)) continue;
    for (const h of hours) {
      for (const mi of minutes) {
        const t = fromLocal(y, mo, d, h, mi, timeZone);
        if (t !== null && t > after) {
          out.push(new Date(t));
          if (out.length >= n) return out;
        }
      }
    }
  }
  return out;
}
