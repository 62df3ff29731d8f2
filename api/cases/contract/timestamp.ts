// Timestamps of the Case record: ISO 8601 with a UTC offset, read to epoch milliseconds, and the
// bounds validate.ts (and the byte reader, by the same rules) holds them to.

/** Timestamps may lie this far in the future: clocks of sending platforms drift. */
export const CLOCK_SKEW_MS = 5 * 60_000;
/** Nothing this product counts happened before 2000; older dates are typos (0026 for 2026). */
export const EARLIEST_MS = Date.UTC(2000, 0, 1);
/** Deadlines may lie in the future, but not past the periods the product knows. */
export const LATEST_MS = Date.UTC(2100, 0, 1);

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))?$/;

/**
 * Parses an ISO 8601 date-time that carries its UTC offset (`Z` or `±hh:mm`), to epoch
 * milliseconds (sub-millisecond digits are dropped). A time without an offset is refused as
 * ambiguous rather than guessed; so are impossible dates (Feb 30) and offsets beyond ±14:00.
 * Returns the error message instead of throwing: the hot path checks millions of them.
 */
export function parseTimestamp(text: string): number | string {
  const fast = parseCanonical(text);
  if (fast >= 0) return fast;
  const m = ISO.exec(text);
  if (!m) return "不是 ISO 8601 日期时间（例如 2026-07-01T08:30:00+08:00）";
  if (m[8] === undefined && m[9] === undefined) {
    return "没有时区，含义不明：请加 Z 或 +08:00 这样的时区";
  }
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const ms = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, "0"));
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) {
    return "不是有效的日期时间";
  }
  const local = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  if (new Date(local).getUTCDate() !== day) return "不是有效的日期（没有这一天）";
  let offsetMin = 0;
  if (m[9] !== undefined) {
    const oh = Number(m[10]);
    const om = Number(m[11]);
    if (oh > 14 || om > 59) return "不是有效的时区";
    offsetMin = (m[9] === "-" ? -1 : 1) * (oh * 60 + om);
  }
  return local - offsetMin * 60_000;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Two ASCII digits at `i` as a number, or -1000 (keeps any sum using it negative). */
function two(b: Uint8Array, i: number): number {
  const x = b[i]! - 48;
  const y = b[i + 1]! - 48;
  return x >= 0 && x <= 9 && y >= 0 && y <= 9 ? x * 10 + y : -1000;
}

const scratch = new Uint8Array(64);

/** `parseCanonicalBytes` of a string's characters (-1 for anything not ASCII). */
function parseCanonical(s: string): number {
  const n = s.length;
  if (n > scratch.length) return -1;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c > 0x7f) return -1;
    scratch[i] = c;
  }
  return parseCanonicalBytes(scratch, 0, n);
}

/**
 * The common shape `YYYY-MM-DDTHH:MM:SS[.fff]` + `Z` or `±HH:MM`, read from ASCII bytes without
 * a regex (the batch path parses four timestamps per case, millions per hour, straight from
 * the request body). Returns -1 for anything else, which then goes through the full parser
 * and gets its precise error message. Whatever it accepts, `parseTimestamp` gives the same.
 */
export function parseCanonicalBytes(b: Uint8Array, start: number, end: number): number {
  const n = end - start;
  // No helper closures here: this runs four times per case.
  if (
    n < 20 ||
    b[start + 4] !== 45 ||
    b[start + 7] !== 45 ||
    b[start + 13] !== 58 ||
    b[start + 16] !== 58
  )
    return -1;
  if (b[start + 10] !== 84 && b[start + 10] !== 32) return -1; // T or space
  const year = two(b, start) * 100 + two(b, start + 2);
  const month = two(b, start + 5);
  const day = two(b, start + 8);
  const hour = two(b, start + 11);
  const minute = two(b, start + 14);
  const second = two(b, start + 17);
  if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23) return -1;
  if (minute < 0 || minute > 59 || second < 0 || second > 59) return -1;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > MONTH_DAYS[month - 1]! + (leap ? 1 : 0)) return -1;
  let i = 19;
  let ms = 0;
  if (b[start + i] === 46) {
    let scale = 100;
    for (i++; i < n; i++) {
      const d = b[start + i]! - 48;
      if (d < 0 || d > 9) break;
      ms += d * scale;
      scale /= 10;
    }
    ms = Math.floor(ms);
    if (i === 20) return -1;
  }
  let offsetMin = 0;
  const sign = b[start + i];
  if (i === n - 1 && sign === 90)
    offsetMin = 0; // Z
  else if (i === n - 6 && (sign === 43 || sign === 45) && b[start + i + 3] === 58) {
    const oh = two(b, start + i + 1);
    const om = two(b, start + i + 4);
    if (oh < 0 || oh > 14 || om < 0 || om > 59) return -1;
    offsetMin = (sign === 45 ? -1 : 1) * (oh * 60 + om);
  } else return -1;
  // Date.UTC without the call (and without its reading of years 0–99 as 19xx: such years
  // fail the 2000 bound whichever way they are read).
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const days = era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  const seconds = (days - 719_468) * 86_400 + hour * 3600 + minute * 60 + second;
  return seconds * 1000 + ms - offsetMin * 60_000;
}
