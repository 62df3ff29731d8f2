import type { CaseBatch } from "../case-batch.ts";

/**
 * A 64-bit hash of what a case says beyond its identity: org unit, kind, channel, the four
 * times, the three flags, callback and category. case_record keeps it in `content_hash`, so
 * that a re-sent batch is compared by identity and hash (16 bytes a case) instead of whole rows:
 * equal hashes mean an identical case (two different cases share a hash with probability
 * 2^-64), a different or missing hash sends the case to the full row comparison in PostgreSQL.
 * A row written without a hash (the demo generator, rows from before the column) is simply
 * compared in full.
 *
 * The stored hashes depend on this exact function: changing it requires a migration that sets
 * `content_hash` to null, or every changed-looking case would go to the full comparison
 * (correct, only slower) and, far worse, an old hash could match by chance.
 *
 * Two 32-bit lanes in the manner of MurmurHash3 x86-128 (multiply, rotate, mix; the lanes
 * differ in constants and seeds and are mixed into each other at the end), over 32-bit words.
 * Writes the high and low words into `out`.
 */
export function contentHash(batch: CaseBatch, j: number, out: Int32Array): void {
  let h1 = 0x3690_0369;
  let h2 = 0x9630_6930 | 0;
  const t = batch.times;
  const category = batch.category[j];
  let nulls = category === null || category === undefined ? 16 : 0;
  for (let k = 0; k < 4; k++) if (Number.isNaN(t[j * 4 + k]!)) nulls |= 1 << k;
  const w0 = batch.unitId[j]!;
  const w1 =
    batch.kind[j]! |
    (batch.channel[j]! << 5) |
    (batch.callback[j]! << 10) |
    (batch.flags[j]! << 15) |
    (nulls << 20);
  h1 = lane1(h1, w0);
  h2 = lane2(h2, w0);
  h1 = lane1(h1, w1);
  h2 = lane2(h2, w1);
  for (let k = 0; k < 4; k++) {
    const ms = t[j * 4 + k]!;
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
  let n = 0;
  if (category !== null && category !== undefined) {
    n = category.length;
    let i = 0;
    for (; i + 1 < n; i += 2) {
      const w = category.charCodeAt(i) | (category.charCodeAt(i + 1) << 16);
      h1 = lane1(h1, w);
      h2 = lane2(h2, w);
    }
    if (i < n) {
      const w = category.charCodeAt(i);
      h1 = lane1(h1, w);
      h2 = lane2(h2, w);
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
