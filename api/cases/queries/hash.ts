import type { CaseBatch } from "../case-batch.ts";
import { BOOL_FIELDS, CONTENT_TEXTS, ENUM_FIELDS, ENUMS, INTS, TIMES } from "../contract/layout.ts";

/**
 * A 64-bit hash of what a case says beyond its identity: every field of the table
 * (contract/fields.ts) but source and externalId. case_record keeps it in `content_hash`, so
 * that a re-sent batch is compared by identity and hash (16 bytes a case) instead of whole rows:
 * equal hashes mean an identical case (two different cases share a hash with probability
 * 2^-64), a different or missing hash sends the case to the full row comparison in PostgreSQL.
 * A row written without a hash (the demo generator, rows from before the column) is simply
 * compared in full.
 *
 * The stored hashes depend on this exact function: changing it requires a migration that sets
 * `content_hash` to null, or every changed-looking case would go to the full comparison
 * (correct, only slower) and, far worse, an old hash could match by chance. Adding a field to
 * the table changes the function (its null bit, or where later values are packed): the
 * migration that adds the field's column sets `content_hash` to null.
 *
 * Two 32-bit lanes in the manner of MurmurHash3 x86-128 (multiply, rotate, mix; the lanes
 * differ in constants and seeds and are mixed into each other at the end), over 32-bit words.
 * Writes the high and low words into `out`.
 */
export function contentHash(batch: CaseBatch, j: number, out: Int32Array): void {
  let h1 = 0x3690_0369;
  let h2 = 0x9630_6930 | 0;
  const w = words.fill(0);
  w[0] = batch.unitId[j]!;
  for (let i = 0; i < ENUMS; i++) {
    w[ENUM_WORD[i]!]! |= (batch.enums[j * ENUMS + i]! - ENUM_BASE[i]!) << ENUM_SHIFT[i]!;
  }
  w[FLAGS_WORD]! |= batch.flags[j]! << FLAGS_SHIFT;
  const t = batch.times;
  for (let k = 0; k < TIMES; k++) {
    if (Number.isNaN(t[j * TIMES + k]!)) w[NULL_WORD[k]!]! |= 1 << NULL_SHIFT[k]!;
  }
  for (let c = 0; c < CONTENT_TEXTS.length; c++) {
    const s = batch.texts[CONTENT_TEXTS[c]!]![j];
    if (s === null || s === undefined) w[NULL_WORD[TIMES + c]!]! |= 1 << NULL_SHIFT[TIMES + c]!;
  }
  for (let k = 0; k < INTS; k++) {
    const at = TIMES + CONTENT_TEXTS.length + k;
    if (Number.isNaN(batch.ints[j * INTS + k]!)) w[NULL_WORD[at]!]! |= 1 << NULL_SHIFT[at]!;
  }
  for (let i = 0; i < w.length; i++) {
    h1 = lane1(h1, w[i]!);
    h2 = lane2(h2, w[i]!);
  }
  for (let k = 0; k < TIMES; k++) {
    const ms = t[j * TIMES + k]!;
    let hi = 0;
    let lo = 0;
    if (!Number.isNaN(ms)) {
      hi = Math.floor(ms / TWO_32);
      lo = (ms - hi * TWO_32) | 0;
    }
    h1 = lane1(h1, lo);
    h2 = lane2(h2, lo);
    h1 = lane1(h1, hi);
    h2 = lane2(h2, hi);
  }
  for (let k = 0; k < INTS; k++) {
    const v = batch.ints[j * INTS + k]!;
    const x = Number.isNaN(v) ? 0 : v | 0;
    h1 = lane1(h1, x);
    h2 = lane2(h2, x);
  }
  let n = 0;
  for (let c = 0; c < CONTENT_TEXTS.length; c++) {
    if (c > 0) {
      // Each text's length but the last's goes in as a word: "ab" + "c" is not "a" + "bc".
      h1 = lane1(h1, n);
      h2 = lane2(h2, n);
    }
    const text = batch.texts[CONTENT_TEXTS[c]!]![j];
    n = 0;
    if (text === null || text === undefined) continue;
    n = text.length;
    let i = 0;
    for (; i + 1 < n; i += 2) {
      const x = text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16);
      h1 = lane1(h1, x);
      h2 = lane2(h2, x);
    }
    if (i < n) {
      const x = text.charCodeAt(i);
      h1 = lane1(h1, x);
      h2 = lane2(h2, x);
    }
  }
  h1 ^= n;
  h2 ^= n;
  h1 = (h1 + h2) | 0;
  h2 = (h2 + h1) | 0;
  h1 = fmix(h1);
  h2 = fmix(h2);
  h1 = (h1 + h2) | 0;
  h2 = (h2 + h1) | 0;
  out[0] = h1;
  out[1] = h2;
}

/**
 * Where the small values go in the words hashed first: the org unit's id is a word; then, packed
 * from bit 0 in table order, each enum in 5 bits (a required one as its index, an optional one
 * as 0 for none or its index plus one), the booleans' flags in max(5, count) bits, and one bit
 * per time, content text and integer that is null. A value that does not fit in the current
 * word starts the next. (For the first table: the unit; then kind, channel, callback, flags
 * and the nulls at bits 0, 5, 10, 15 and 20 of one word.)
 */
let bit = 32;
let word = 0;
const place = (width: number): [number, number] => {
  if (bit + width > 32) {
    word++;
    bit = 0;
  }
  const at: [number, number] = [word, bit];
  bit += width;
  return at;
};
const ENUM_PLACES = ENUM_FIELDS.map(() => place(5));
const ENUM_WORD = ENUM_PLACES.map(([w]) => w);
const ENUM_SHIFT = ENUM_PLACES.map(([, s]) => s);
const ENUM_BASE = ENUM_FIELDS.map((f) => (f.required ? 1 : 0));
const [FLAGS_WORD, FLAGS_SHIFT] = place(Math.max(5, BOOL_FIELDS.length));
const NULL_PLACES = Array.from({ length: TIMES + CONTENT_TEXTS.length + INTS }, () => place(1));
const NULL_WORD = NULL_PLACES.map(([w]) => w);
const NULL_SHIFT = NULL_PLACES.map(([, s]) => s);
const words = new Int32Array(word + 1);

const TWO_32 = 4_294_967_296;

/** One word into a lane: multiply, rotate, multiply, mix, rotate, multiply-add. */
function lane(h: number, k: number, c1: number, c2: number, r1: number, r2: number, n: number) {
  k = Math.imul(k, c1);
  k = (k << r1) | (k >>> (32 - r1));
  k = Math.imul(k, c2);
  h ^= k;
  h = (h << r2) | (h >>> (32 - r2));
  return (Math.imul(h, 5) + n) | 0;
}

const lane1 = (h: number, k: number) => lane(h, k, 0x239b961b, 0xab0e9789, 15, 19, 0x561ccd1b);
const lane2 = (h: number, k: number) => lane(h, k, 0x38b34ae5, 0xa1e38b93, 17, 13, 0x0bcaa747);

/** MurmurHash3's finaliser: every input bit reaches every output bit. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}
