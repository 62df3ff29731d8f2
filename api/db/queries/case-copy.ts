import { CALLBACK_VERDICTS, CASE_CHANNELS, CASE_KINDS } from "../tables/case-record.ts";
import { type CaseBatch, COMPLAINT, FIRST_PASS, ONLINE } from "./case-batch.ts";

/** case_record's columns in the order `encodeCases` writes them (received_at and updated_at take their defaults). */
export const CASE_COPY_COLUMNS = [
  "source",
  "external_id",
  "org_unit_id",
  "kind",
  "channel",
  "reported_at",
  "responded_at",
  "resolved_at",
  "deadline_at",
  "first_pass",
  "complaint",
  "online",
  "callback",
  "category",
] as const;

const TAB = 9;
/** Size of CopyWriter's cache of date parts (a power of two). */
const DATE_SLOTS = 512;
const NEWLINE = 10;
const BACKSLASH = 92;
const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const NULL_FIELD = ascii("\\N");
const KINDS = CASE_KINDS.map(ascii);
const CHANNELS = CASE_CHANNELS.map(ascii);
const CALLBACKS = CALLBACK_VERDICTS.map(ascii);

/**
 * Writes COPY text (PostgreSQL's text format: tab-separated, `\N` for NULL, backslash escapes)
 * straight into bytes: a 10,000-case batch is one buffer, never 140,000 little strings joined.
 * Times are written as `YYYY-MM-DD HH:MM:SS.mmm+00` from their epoch milliseconds, so what
 * PostgreSQL stores is exactly what was validated, whatever form the sender used.
 */
class CopyWriter {
  buf: Uint8Array;
  pos = 0;

  constructor(bytes: number) {
    this.buf = new Uint8Array(Math.max(1024, bytes));
  }

  /** Room for `n` more bytes. */
  room(n: number) {
    if (this.pos + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.pos + n));
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }

  byte(b: number) {
    this.room(1);
    this.buf[this.pos++] = b;
  }

  /** A few constant bytes (a label, `\\N`): a loop beats `set` at this size. */
  bytes(b: Uint8Array) {
    const n = b.length;
    this.room(n);
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < n; i++) buf[p++] = b[i]!;
    this.pos = p;
  }

  /** A text value: ASCII in a plain loop (short strings), anything else through TextEncoder. */
  text(s: string) {
    const n = s.length;
    this.room(n * 2);
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) {
        this.unicode(s);
        return;
      }
      if (c === BACKSLASH || c === TAB || c === NEWLINE || c === 13) {
        buf[p++] = BACKSLASH;
        buf[p++] = c === BACKSLASH ? BACKSLASH : c === TAB ? 116 : c === NEWLINE ? 110 : 114;
      } else buf[p++] = c;
    }
    this.pos = p;
  }

  private unicode(s: string) {
    // Tab, newline, CR and backslash are ASCII, never part of a multi-byte UTF-8 sequence:
    // encode first, and escape (rarely) only when the bytes hold one.
    this.room(s.length * 3);
    const start = this.pos;
    const written = encoder.encodeInto(s, this.buf.subarray(start)).written;
    const buf = this.buf;
    for (let i = start; i < start + written; i++) {
      const c = buf[i]!;
      if (c === BACKSLASH || c === TAB || c === NEWLINE || c === 13) {
        const escaped = s.replace(/[\\\t\n\r]/g, (m) =>
          m === "\\" ? "\\\\" : m === "\t" ? "\\t" : m === "\n" ? "\\n" : "\\r",
        );
        this.room(escaped.length * 3);
        this.pos = start + encoder.encodeInto(escaped, this.buf.subarray(start)).written;
        return;
      }
    }
    this.pos = start + written;
  }

  int(v: number) {
    this.text(String(v));
  }

  /** Per cache slot: the day it spells (days since 1970-01-01), and its `YYYY-MM-DD ` bytes. */
  private readonly dayOf = new Float64Array(DATE_SLOTS).fill(Number.NaN);
  private readonly dates = new Uint8Array(DATE_SLOTS * 11);

  private setDay(days: number, slot: number) {
    // Civil date from days since 1970-01-01 (H. Hinnant's algorithm; proleptic Gregorian).
    const z = days + 719_468;
    const era = Math.floor(z / 146_097);
    const doe = z - era * 146_097;
    const yoe = Math.floor(
      (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
    );
    const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
    const mp = Math.floor((5 * doy + 2) / 153);
    const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
    const month = mp < 10 ? mp + 3 : mp - 9;
    const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    const d = this.dates;
    const at = slot * 11;
    digits(d, at, year, 4);
    d[at + 4] = 45;
    digits(d, at + 5, month, 2);
    d[at + 7] = 45;
    digits(d, at + 8, day, 2);
    d[at + 10] = 32;
    this.dayOf[slot] = days;
  }

  /** Epoch milliseconds as a UTC timestamptz literal, digits computed (no Date object). */
  time(ms: number) {
    this.room(26);
    const buf = this.buf;
    let p = this.pos;
    const days = Math.floor(ms / 86_400_000);
    let rest = ms - days * 86_400_000;
    // A batch's times fall on a few hundred days: each date part is computed once, kept in
    // a small direct-mapped cache (by day number modulo its size).
    const slot = days & (DATE_SLOTS - 1);
    if (this.dayOf[slot] !== days) this.setDay(days, slot);
    const date = this.dates;
    for (let i = 0, d = slot * 11; i < 11; i++) buf[p + i] = date[d + i]!;
    p += 11;
    const hour = Math.floor(rest / 3_600_000);
    rest -= hour * 3_600_000;
    const minute = Math.floor(rest / 60_000);
    rest -= minute * 60_000;
    const second = Math.floor(rest / 1000);
    p = digits(buf, p, hour, 2);
    buf[p++] = 58;
    p = digits(buf, p, minute, 2);
    buf[p++] = 58;
    p = digits(buf, p, second, 2);
    buf[p++] = 46;
    p = digits(buf, p, rest - second * 1000, 3);
    buf[p++] = 43;
    buf[p++] = 48;
    buf[p++] = 48;
    this.pos = p;
  }
}

const encoder = new TextEncoder();

function digits(buf: Uint8Array, p: number, v: number, width: number): number {
  for (let k = width - 1; k >= 0; k--) {
    buf[p + k] = 48 + (v % 10);
    v = Math.floor(v / 10);
  }
  return p + width;
}

/**
 * The cases of `batch` as COPY text for CASE_COPY_COLUMNS, one row per slot, in slot order.
 * Built before the writing transaction starts, so that the transaction (which holds the
 * source's lock) only sends bytes.
 */
export function encodeCases(batch: CaseBatch): Uint8Array {
  const out = new CopyWriter(batch.size * 200);
  const { times } = batch;
  for (let j = 0; j < batch.size; j++) {
    out.text(batch.source[j]!);
    out.byte(TAB);
    out.text(batch.externalId[j]!);
    out.byte(TAB);
    out.int(batch.unitId[j]!);
    out.byte(TAB);
    out.bytes(KINDS[batch.kind[j]!]!);
    out.byte(TAB);
    out.bytes(CHANNELS[batch.channel[j]!]!);
    out.byte(TAB);
    for (let k = 0; k < 4; k++) {
      const t = times[j * 4 + k]!;
      if (Number.isNaN(t)) out.bytes(NULL_FIELD);
      else out.time(t);
      out.byte(TAB);
    }
    const f = batch.flags[j]!;
    out.room(6);
    out.buf[out.pos++] = f & FIRST_PASS ? 116 : 102;
    out.buf[out.pos++] = TAB;
    out.buf[out.pos++] = f & COMPLAINT ? 116 : 102;
    out.buf[out.pos++] = TAB;
    out.buf[out.pos++] = f & ONLINE ? 116 : 102;
    out.buf[out.pos++] = TAB;
    const cb = batch.callback[j]!;
    out.bytes(cb === 0 ? NULL_FIELD : CALLBACKS[cb - 1]!);
    out.byte(TAB);
    const category = batch.category[j];
    if (category === null || category === undefined) out.bytes(NULL_FIELD);
    else out.text(category);
    out.byte(NEWLINE);
  }
  return out.buf.subarray(0, out.pos);
}
