/**
 * PostgreSQL COPY text format (`COPY … FROM STDIN`, default text mode): columns separated by a
 * tab, rows by a newline, `\N` for NULL, and a backslash, tab, newline or carriage return inside a
 * value written as `\\`, `\t`, `\n`, `\r`.
 */
export const NULL_FIELD = "\\N";

const SPECIAL = /[\\\t\n\r]/;

/** Escapes one text value for COPY text format. */
export function escapeCopy(value: string): string {
  if (!SPECIAL.test(value)) return value;
  return value.replace(/[\\\t\n\r]/g, (c) =>
    c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r",
  );
}

/** A nullable text value, escaped, or `\N`. */
export function copyText(value: string | null): string {
  return value === null ? NULL_FIELD : escapeCopy(value);
}

const DAY_MS = 86_400_000;
const TWO = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, "0"));
const dayPrefixes = new Map<number, string>();

/**
 * A UTC instant (whole seconds) as a `timestamptz` literal, e.g. `2026-06-30 16:00:00+00`.
 * Dates are cached per day: at 20 million cases and four timestamps each, `toISOString` alone
 * would cost more than the rest of the row.
 */
export function formatTimestamp(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) {
    prefix = new Date(day * DAY_MS).toISOString().slice(0, 10);
    dayPrefixes.set(day, prefix);
  }
  const secs = Math.floor((ms - day * DAY_MS) / 1000);
  const h = Math.floor(secs / 3600);
  const m = Math.floor((secs % 3600) / 60);
  return `${prefix} ${TWO[h]}:${TWO[m]}:${TWO[secs % 60]}+00`;
}

/** A nullable instant as a COPY field. */
export function timestampField(ms: number | null): string {
  return ms === null ? NULL_FIELD : formatTimestamp(ms);
}

/**
 * Joins generated rows into chunks of about `targetChars` characters, as the async stream that
 * `Store.copyText` consumes. `copyText` accepts any `\n`-terminated text per item; handing it a
 * few hundred rows at a time instead of one cuts the per-item stream overhead (≈25–30 % faster on
 * both engines, measured), and the rows themselves come from a synchronous generator so no
 * promise is created per row. `onRows` is told how many rows each chunk held; `copyText`'s own
 * return value then counts chunks, not rows.
 */
export async function* chunkLines(
  rows: Iterable<string>,
  onRows: (n: number) => void = () => {},
  targetChars = 64_000,
): AsyncGenerator<string> {
  let parts: string[] = [];
  let size = 0;
  for (const row of rows) {
    parts.push(row);
    size += row.length;
    if (size >= targetChars) {
      const n = parts.length;
      yield parts.join("");
      onRows(n);
      parts = [];
      size = 0;
    }
  }
  if (parts.length > 0) {
    yield parts.join("");
    onRows(parts.length);
  }
}
