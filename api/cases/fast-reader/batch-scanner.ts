import { Buffer } from "node:buffer";
import { COMPLAINT, DEADLINE, FIRST_PASS, ONLINE, REPORTED } from "../case-batch.ts";
import {
  CLOCK_SKEW_MS,
  EARLIEST_MS,
  LATEST_MS,
  parseCanonicalBytes,
} from "../contract/validate.ts";
import {
  CALLBACK_BYTES,
  CHANNEL_BYTES,
  enumOf,
  F_CALLBACK,
  F_CATEGORY,
  F_CHANNEL,
  F_COMPLAINT,
  F_EXTERNALID,
  F_FIRSTPASS,
  F_KIND,
  F_ONLINE,
  F_ORGUNIT,
  F_SOURCE,
  FIELD_BYTES,
  FIELD_NAMES,
  fieldOf,
  IS_TIME,
  KIND_BYTES,
  MAX_LENGTH,
  REQUIRED,
  TIME_FIELDS,
} from "./field-bytes.ts";
import {
  BACKSLASH,
  CLOSE_BRACE,
  CLOSE_BRACKET,
  COLON,
  COMMA,
  FALLBACK,
  JsonCursor,
  OPEN_BRACE,
  OPEN_BRACKET,
  QUOTE,
} from "./json-cursor.ts";
import { ScanColumns, textOf } from "./scan-columns.ts";
import type { ScanParts } from "./scanned.ts";

/**
 * The byte reader behind `scanCaseBatch` (batch-body.ts): `{"cases": [ … ]}` read straight from
 * its UTF-8 bytes. Each plainly valid record is checked by validate.ts's rules and kept in
 * ScanColumns; any other record is left to the reference checks (its index goes in `slow`);
 * a body it does not plainly understand throws FALLBACK, and `scanParts` answers null.
 */

/** `scanCaseBatch` as plain data (what a scanning worker thread sends back). */
export function scanParts(body: Uint8Array, nowMs: number): ScanParts | null {
  try {
    return new Scanner(body, nowMs).top();
  } catch (err) {
    if (err === FALLBACK) return null;
    throw err;
  }
}

/** What a field of the record being read holds. */
const ABSENT = 0;
const STRING = 1;
const NULL = 2;
const TRUE = 3;
const FALSE = 4;

/** Byte classes inside a JSON string: plain ASCII, end, escape, control (invalid), non-ASCII. */
const PLAIN = 0;
const END = 1;
const ESCAPE = 2;
const CONTROL = 3;
const HIGH = 4;
const CLASS = new Uint8Array(256);
for (let c = 0; c < 0x20; c++) CLASS[c] = CONTROL;
for (let c = 0x80; c < 0x100; c++) CLASS[c] = HIGH;
CLASS[QUOTE] = END;
CLASS[BACKSLASH] = ESCAPE;

class Scanner extends JsonCursor {
  private readonly buf: Buffer;
  private readonly latestMs: number;
  private readonly slow: number[] = [];
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  /** The records kept. */
  private readonly kept: ScanColumns;
  /** The record being read: per field, what it holds and where its string's bytes are. */
  private readonly type = new Uint8Array(FIELD_NAMES.length);
  private readonly from = new Int32Array(FIELD_NAMES.length);
  private readonly to = new Int32Array(FIELD_NAMES.length);
  private readonly ascii = new Uint8Array(FIELD_NAMES.length);
  /** A time field read as a canonical timestamp while scanning: for which record, its value. */
  private readonly parsedFor = new Int32Array(FIELD_NAMES.length).fill(-1);
  private readonly parsedMs = new Float64Array(FIELD_NAMES.length);
  /** The fields of the previous record's first KEY_SLOTS keys, in order (-1: none). */
  private readonly keyOrder = new Int8Array(KEY_SLOTS + 1).fill(-1);
  private readonly timesScratch = new Float64Array(4);

  constructor(body: Uint8Array, nowMs: number) {
    super(body);
    this.buf = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    this.kept = new ScanColumns(this.buf);
    this.latestMs = nowMs + CLOCK_SKEW_MS;
  }

  top(): ScanParts {
    const b = this.b;
    if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) this.p = 3;
    this.ws();
    this.expect(OPEN_BRACE);
    this.ws();
    let seen = false;
    if (b[this.p] !== CLOSE_BRACE) {
      for (;;) {
        const isCases = this.topKey();
        this.ws();
        this.expect(COLON);
        this.ws();
        if (isCases) {
          if (seen || b[this.p] !== OPEN_BRACKET) throw FALLBACK;
          seen = true;
          this.cases();
        } else this.skipValue(1);
        this.ws();
        const c = b[this.p++];
        if (c === CLOSE_BRACE) break;
        if (c !== COMMA) throw FALLBACK;
        this.ws();
      }
    } else this.p++;
    this.ws();
    if (this.p !== this.n || !seen) throw FALLBACK;
    return {
      count: this.starts.length,
      strings: this.kept.strings,
      fast: this.kept.cases(),
      slow: this.slow,
      starts: Int32Array.from(this.starts),
      ends: Int32Array.from(this.ends),
    };
  }

  /** A top-level key; true when it is "cases". */
  private topKey(): boolean {
    const b = this.b;
    this.expect(QUOTE);
    const start = this.p;
    for (;;) {
      const c = b[this.p++];
      if (c === undefined || c === BACKSLASH || c < 0x20) throw FALLBACK;
      if (c === QUOTE) break;
    }
    const end = this.p - 1;
    return (
      end - start === 5 &&
      b[start] === 0x63 &&
      b[start + 1] === 0x61 &&
      b[start + 2] === 0x73 &&
      b[start + 3] === 0x65 &&
      b[start + 4] === 0x73
    );
  }

  private cases() {
    const b = this.b;
    this.p++; // [
    this.ws();
    if (b[this.p] === CLOSE_BRACKET) {
      this.p++;
      return;
    }
    for (;;) {
      const start = this.p;
      const k = this.starts.length;
      const read = b[start] === OPEN_BRACE && this.record(k);
      if (!read) {
        this.p = start;
        this.skipValue(1);
      }
      this.starts.push(start);
      this.ends.push(this.p);
      if (!read || !this.commit(k)) this.slow.push(k);
      this.ws();
      const c = b[this.p++];
      if (c === CLOSE_BRACKET) return;
      if (c !== COMMA) throw FALLBACK;
      this.ws();
    }
  }

  /**
   * Record `k`'s `{…}` fields into `type`/`from`/`to` (a repeated key: the last one, as in
   * JSON.parse). False when a value is not plain (an escape, a number, an object): the record
   * goes to the reference checks. The hot loop: the position lives in a local, a key is first
   * compared with the one the previous record had in its place (senders write keys in one
   * order), and a time is read as a canonical timestamp where it stands.
   */
  private record(k: number): boolean {
    const b = this.b;
    const { type, from, to, ascii, keyOrder } = this;
    type.fill(ABSENT);
    let keyCount = 0;
    let p = this.p + 1; // {
    let c = b[p];
    while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = b[++p];
    if (c === CLOSE_BRACE) {
      this.p = p + 1;
      return true;
    }
    for (;;) {
      if (b[p] !== QUOTE) throw FALLBACK;
      p++;
      let field = -1;
      const guess = keyOrder[keyCount]!;
      if (guess >= 0) {
        const name = FIELD_BYTES[guess]!;
        const len = name.length;
        let i = 0;
        while (i < len && b[p + i] === name[i]) i++;
        if (i === len && b[p + len] === QUOTE) {
          field = guess;
          p += len + 1;
        }
      }
      if (field < 0) {
        const keyStart = p;
        for (;;) {
          c = b[p++];
          if (c === QUOTE) break;
          if (c === BACKSLASH) return false;
          if (c === undefined || c < 0x20) throw FALLBACK;
        }
        field = fieldOf(b, keyStart, p - 1);
      }
      if (keyCount < KEY_SLOTS) keyOrder[keyCount++] = field;
      c = b[p];
      while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = b[++p];
      if (c !== COLON) throw FALLBACK;
      c = b[++p];
      while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = b[++p];
      if (field < 0) {
        this.p = p;
        this.skipValue(2);
        p = this.p;
      } else if (c === QUOTE) {
        const start = ++p;
        type[field] = STRING;
        from[field] = start;
        this.parsedFor[field] = -1;
        let end = -1;
        if (IS_TIME[field]) end = this.timeAt(start, k, field);
        if (end >= 0) {
          p = end + 1;
          ascii[field] = 1;
        } else {
          let high = 0;
          for (;;) {
            const cls = CLASS[b[p++]!];
            if (cls === PLAIN) continue;
            if (cls === END) break;
            if (cls === HIGH) high = 1;
            else if (cls === ESCAPE) return false;
            else throw FALLBACK; // a control byte, or the body's end
          }
          end = p - 1;
          ascii[field] = high === 0 ? 1 : 0;
        }
        to[field] = end;
      } else if (c === 0x6e && b[p + 1] === 0x75 && b[p + 2] === 0x6c && b[p + 3] === 0x6c) {
        type[field] = NULL;
        p += 4;
      } else if (c === 0x74 && b[p + 1] === 0x72 && b[p + 2] === 0x75 && b[p + 3] === 0x65) {
        type[field] = TRUE;
        p += 4;
      } else if (
        c === 0x66 &&
        b[p + 1] === 0x61 &&
        b[p + 2] === 0x6c &&
        b[p + 3] === 0x73 &&
        b[p + 4] === 0x65
      ) {
        type[field] = FALSE;
        p += 5;
      } else if (c === 0x6e || c === 0x74 || c === 0x66) {
        throw FALLBACK; // not a JSON literal
      } else return false;
      c = b[p];
      while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = b[++p];
      p++;
      if (c === CLOSE_BRACE) {
        this.p = p;
        return true;
      }
      if (c !== COMMA) throw FALLBACK;
      c = b[p];
      while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = b[++p];
    }
  }

  /**
   * A time field's string starting at `start`, read as a canonical timestamp of one of the
   * common lengths (`…:SSZ`, `….fffZ`, `…:SS+08:00`, `….fff+08:00`): the position of its
   * closing quote, with its value kept for `commit`; -1 for anything else, which is then read
   * as any string. A successful parse checked every byte up to that quote, so the quote does
   * end the string.
   */
  private timeAt(start: number, k: number, field: number): number {
    const b = this.b;
    for (const len of CANONICAL_LENGTHS) {
      if (b[start + len] !== QUOTE) continue;
      const ms = parseCanonicalBytes(b, start, start + len);
      if (ms < 0) continue;
      this.parsedFor[field] = k;
      this.parsedMs[field] = ms;
      return start + len;
    }
    return -1;
  }

  /**
   * Record `k`'s fields, checked by validate.ts's rules, into a new slot; false (nothing kept)
   * when any rule fails or the record needs a closer look.
   */
  private commit(k: number): boolean {
    const { type, from, to, b } = this;
    // Required strings (an empty one is missing), enums spelled exactly, booleans or nothing.
    for (const f of REQUIRED) {
      if (type[f] !== STRING || to[f] === from[f]) return false;
    }
    const kind = enumOf(b, from[F_KIND]!, to[F_KIND]!, KIND_BYTES);
    const channel = enumOf(b, from[F_CHANNEL]!, to[F_CHANNEL]!, CHANNEL_BYTES);
    if (kind < 0 || channel < 0) return false;
    let callback = 0;
    const cbType = type[F_CALLBACK];
    if (cbType === STRING && to[F_CALLBACK] !== from[F_CALLBACK]) {
      callback = enumOf(b, from[F_CALLBACK]!, to[F_CALLBACK]!, CALLBACK_BYTES) + 1;
      if (callback === 0) return false;
    } else if (cbType !== ABSENT && cbType !== NULL && cbType !== STRING) return false;
    const fp = type[F_FIRSTPASS]!;
    const cp = type[F_COMPLAINT]!;
    const ol = type[F_ONLINE]!;
    // Each flag: true, false, null or absent (a string or other value: the reference decides).
    if (fp === STRING || cp === STRING || ol === STRING) return false;
    const flags =
      (fp === TRUE ? FIRST_PASS : 0) | (cp === TRUE ? COMPLAINT : 0) | (ol === TRUE ? ONLINE : 0);
    const times = this.timesScratch;
    for (let i = 0; i < 4; i++) {
      const f = TIME_FIELDS[i]!;
      const t = type[f];
      if (t === ABSENT || t === NULL || (t === STRING && to[f] === from[f])) {
        times[i] = Number.NaN; // reportedAt cannot get here: checked above
        continue;
      }
      if (t !== STRING || !this.ascii[f]) return false;
      const ms =
        this.parsedFor[f] === k ? this.parsedMs[f]! : parseCanonicalBytes(b, from[f]!, to[f]!);
      if (ms < EARLIEST_MS) return false; // also -1: not the canonical shape
      if (i === DEADLINE ? ms >= LATEST_MS : ms > this.latestMs) return false;
      times[i] = ms;
    }
    const reported = times[REPORTED]!;
    if (times[1]! < reported || times[2]! < reported) return false; // NaN compares false
    let category = -1;
    const catType = type[F_CATEGORY];
    if (catType === STRING && to[F_CATEGORY] !== from[F_CATEGORY]) {
      category = this.intern(F_CATEGORY);
      if (category < 0) return false;
    } else if (catType !== ABSENT && catType !== NULL && catType !== STRING) return false;
    const source = this.intern(F_SOURCE);
    const unit = this.intern(F_ORGUNIT);
    const externalId = this.text(F_EXTERNALID);
    if (source < 0 || unit < 0 || externalId === null) return false;

    const kept = this.kept;
    const j = kept.grow();
    kept.externalId.push(externalId);
    kept.source[j] = source;
    kept.unit[j] = unit;
    kept.category[j] = category;
    kept.kind[j] = kind;
    kept.channel[j] = channel;
    kept.callback[j] = callback;
    kept.flags[j] = flags;
    const t = kept.times;
    t[j * 4] = times[0]!;
    t[j * 4 + 1] = times[1]!;
    t[j * 4 + 2] = times[2]!;
    t[j * 4 + 3] = times[3]!;
    kept.position[j] = k;
    return true;
  }

  /**
   * Field `f`'s string (null when longer than the field takes: the length counts UTF-16 units,
   * as validate.ts's does; a value without escapes has no NUL and no lone surrogate).
   */
  private text(f: number): string | null {
    const value = textOf(this.buf, this.from[f]!, this.to[f]!, this.ascii[f] === 1);
    return value.length > MAX_LENGTH[f]! ? null : value;
  }

  /** Field `f`'s string interned (`ScanColumns.intern`), or -1 when longer than the field takes. */
  private intern(f: number): number {
    const ix = this.kept.intern(this.from[f]!, this.to[f]!, this.ascii[f] === 1);
    return this.kept.strings[ix]!.length > MAX_LENGTH[f]! ? -1 : ix;
  }
}

const KEY_SLOTS = 32;
/** Lengths of the common canonical timestamps: `…:SSZ`, `….fffZ`, `…:SS+hh:mm`, `….fff+hh:mm`. */
const CANONICAL_LENGTHS = [24, 20, 29, 25];
