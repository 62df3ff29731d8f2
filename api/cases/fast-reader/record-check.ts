import type { Buffer } from "node:buffer";
import { ENUMS, INTS, NOT_BEFORE, TEXT_FIELDS, TIMES } from "../contract/layout.ts";
import { EARLIEST_MS, LATEST_MS, parseCanonicalBytes } from "../contract/timestamp.ts";
import {
  BOOL_AT,
  ENUM_AT,
  ENUM_BYTES,
  enumOf,
  INT_AT,
  MAX_LENGTH,
  REQUIRED,
  TEXT_AT,
  TEXT_REPEATS,
  TIME_AT,
  TIME_FUTURE,
  UNIT_AT,
} from "./field-bytes.ts";
import { ABSENT, NULL, type RecordReader, STRING, TRUE } from "./record-reader.ts";
import { type ScanColumns, textOf } from "./scan-columns.ts";

// One record's fields (as RecordReader left them) checked by validate.ts's rules, field by
// field of the table (field-bytes.ts), and kept in ScanColumns when they all pass. The values
// go to scratch columns first: a record that fails leaves nothing behind.

const TEXTS = TEXT_FIELDS.length;
const enums = new Uint8Array(ENUMS);
const times = new Float64Array(TIMES);
const ints = new Float64Array(INTS);
const textIx = new Int32Array(TEXTS);
const textStr: (string | null)[] = new Array(TEXTS).fill(null);

/**
 * Record `k`'s fields, checked by validate.ts's rules, into a new slot of `kept`; false
 * (nothing kept) when any rule fails or the record needs a closer look (the reference checks
 * then decide and word the error). `latestMs`: the latest time accepted (now + clock skew).
 */
export function keepRecord(
  r: RecordReader,
  buf: Buffer,
  kept: ScanColumns,
  k: number,
  latestMs: number,
): boolean {
  const { type, from, to, ascii } = r;
  const b = r.bytes;
  // Required strings (an empty one is missing); any other value goes to the reference.
  for (const f of REQUIRED) {
    if (type[f] !== STRING || to[f] === from[f]) return false;
  }
  // Enums spelled exactly; an optional one may be absent, null or empty.
  for (let i = 0; i < ENUMS; i++) {
    const f = ENUM_AT[i]!;
    const t = type[f];
    if (t === STRING && to[f] !== from[f]) {
      const code = enumOf(b, from[f]!, to[f]!, ENUM_BYTES[i]!) + 1;
      if (code === 0) return false;
      enums[i] = code;
    } else if (t === ABSENT || t === NULL || t === STRING) enums[i] = 0;
    else return false;
  }
  // Each flag: true, false, null or absent (a string or other value: the reference decides).
  let flags = 0;
  for (let i = 0; i < BOOL_AT.length; i++) {
    const t = type[BOOL_AT[i]!];
    if (t === STRING) return false;
    if (t === TRUE) flags |= 1 << i;
  }
  for (let i = 0; i < TIMES; i++) {
    const f = TIME_AT[i]!;
    const t = type[f];
    if (t === ABSENT || t === NULL || (t === STRING && to[f] === from[f])) {
      times[i] = Number.NaN; // a required time cannot get here: checked above
      continue;
    }
    if (t !== STRING || !ascii[f]) return false;
    const ms = r.parsedFor[f] === k ? r.parsedMs[f]! : parseCanonicalBytes(b, from[f]!, to[f]!);
    if (ms < EARLIEST_MS) return false; // also -1: not the canonical shape
    if (TIME_FUTURE[i] ? ms >= LATEST_MS : ms > latestMs) return false;
    times[i] = ms;
  }
  for (let i = 0; i < TIMES; i++) {
    const before = NOT_BEFORE[i]!;
    if (before >= 0 && times[i]! < times[before]!) return false; // NaN compares false
  }
  // Integers come as JSON numbers, which the reader leaves to the reference: only none here.
  for (let i = 0; i < INTS; i++) {
    const t = type[INT_AT[i]!];
    if (t !== ABSENT && t !== NULL) return false;
    ints[i] = Number.NaN;
  }
  for (let i = 0; i < TEXTS; i++) {
    const f = TEXT_AT[i]!;
    const t = type[f];
    if (t === STRING && to[f] !== from[f]) {
      if (TEXT_REPEATS[i]) {
        const ix = kept.intern(from[f]!, to[f]!, ascii[f] === 1);
        if (kept.strings[ix]!.length > MAX_LENGTH[f]!) return false;
        textIx[i] = ix;
      } else {
        // The length counts UTF-16 units, as validate.ts's does; a value without escapes has
        // no NUL and no lone surrogate.
        const value = textOf(buf, from[f]!, to[f]!, ascii[f] === 1);
        if (value.length > MAX_LENGTH[f]!) return false;
        textStr[i] = value;
      }
    } else if (t === ABSENT || t === NULL || t === STRING) {
      textIx[i] = -1; // a required text cannot get here: checked above
      textStr[i] = null;
    } else return false;
  }
  const unit = kept.intern(from[UNIT_AT]!, to[UNIT_AT]!, ascii[UNIT_AT] === 1);
  if (kept.strings[unit]!.length > MAX_LENGTH[UNIT_AT]!) return false;

  const j = kept.grow();
  for (let i = 0; i < TEXTS; i++) {
    const column = kept.texts[i]!;
    if (TEXT_REPEATS[i]) (column as Int32Array)[j] = textIx[i]!;
    else (column as (string | null)[]).push(textStr[i]!);
  }
  kept.unit[j] = unit;
  for (let i = 0; i < ENUMS; i++) kept.enums[j * ENUMS + i] = enums[i]!;
  kept.flags[j] = flags;
  for (let i = 0; i < TIMES; i++) kept.times[j * TIMES + i] = times[i]!;
  for (let i = 0; i < INTS; i++) kept.ints[j * INTS + i] = ints[i]!;
  kept.position[j] = k;
  return true;
}
