import { parseCanonicalBytes } from "../contract/timestamp.ts";
import { FIELD_BYTES, FIELD_NAMES, fieldOf, IS_TIME } from "./field-bytes.ts";
import {
  BACKSLASH,
  CLOSE_BRACE,
  COLON,
  COMMA,
  FALLBACK,
  JsonCursor,
  QUOTE,
} from "./json-cursor.ts";

/**
 * What a field of the record being read holds: nothing, a string (its bytes at `from`/`to`),
 * null, true or false. Any other value (a number, an object) leaves the record to the
 * reference checks.
 */
export const ABSENT = 0;
export const STRING = 1;
export const NULL = 2;
export const TRUE = 3;
export const FALSE = 4;

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

const KEY_SLOTS = 32;
/** Lengths of the common canonical timestamps: `…:SSZ`, `….fffZ`, `…:SS+hh:mm`, `….fff+hh:mm`. */
const CANONICAL_LENGTHS = [24, 20, 29, 25];

/**
 * The byte loop of the fast reader: one record's `{…}` read where it stands in the body into
 * per-field slots (what each field holds, where its string's bytes are, whether they are
 * ASCII, a timestamp already parsed), indexed as the field table (field-bytes.ts). What the
 * values mean is record-check.ts's business.
 */
export class RecordReader extends JsonCursor {
  /** The record being read: per field, what it holds and where its string's bytes are. */
  readonly type = new Uint8Array(FIELD_NAMES.length);
  readonly from = new Int32Array(FIELD_NAMES.length);
  readonly to = new Int32Array(FIELD_NAMES.length);
  readonly ascii = new Uint8Array(FIELD_NAMES.length);
  /** A time field read as a canonical timestamp while scanning: for which record, its value. */
  readonly parsedFor = new Int32Array(FIELD_NAMES.length).fill(-1);
  readonly parsedMs = new Float64Array(FIELD_NAMES.length);
  /** The fields of the previous record's first KEY_SLOTS keys, in order (-1: none). */
  private readonly keyOrder = new Int8Array(KEY_SLOTS + 1).fill(-1);

  /** The body's bytes (for the checks, which read values where they stand). */
  get bytes(): Uint8Array {
    return this.b;
  }

  /**
   * Record `k`'s `{…}` fields into `type`/`from`/`to` (a repeated key: the last one, as in
   * JSON.parse). False when a value is not plain (an escape, a number, an object): the record
   * goes to the reference checks. The hot loop: the position lives in a local, a key is first
   * compared with the one the previous record had in its place (senders write keys in one
   * order), and a time is read as a canonical timestamp where it stands.
   */
  protected record(k: number): boolean {
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
}
