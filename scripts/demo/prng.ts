/**
 * A small seeded pseudo-random generator for the demo data: sfc32 (Chris Doty-Humphrey's "small
 * fast counting" generator from PractRand, public domain): 128 bits of state, one of them a
 * counter, so every stream has a period of at least 2^32 and passes PractRand to terabytes.
 *
 * Each (seed, purpose, unit, quarter) gets its own stream via `streamFor`, so a unit's data never
 * depends on how many draws another unit made. A 32-bit generator such as mulberry32 is not
 * enough here: its streams are windows on one 2^32 cycle, and at city scale (~50,000 streams of
 * a few thousand draws) many windows overlap, which repeated survey UUIDs exactly.
 */
export type Rng = () => number;

/** An sfc32 stream from three seed words: uniform floats in [0, 1). */
export function sfc32(seedA: number, seedB: number, seedC: number): Rng {
  let a = seedA >>> 0;
  let b = seedB >>> 0;
  let c = seedC >>> 0;
  let d = 1;
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next(); // warm-up, as PractRand seeds it
  return next;
}

/** Mixes integers into one 32-bit word (murmur3's finaliser after each part). */
export function deriveSeed(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const p of parts) {
    h = Math.imul(h ^ (p >>> 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

/** The stream for one purpose of one unit in one quarter: 96 seed bits hashed from `parts`. */
export function streamFor(...parts: number[]): Rng {
  return sfc32(
    deriveSeed(...parts),
    deriveSeed(0x5f3759df, ...parts),
    deriveSeed(0x2545f491, ...parts),
  );
}

/** Integer in [lo, hi], both inclusive. */
export function intBetween(rng: Rng, lo: number, hi: number): number {
  return lo + Math.floor(rng() * (hi - lo + 1));
}

/** Standard normal by Box–Muller (one value per call; the second is dropped for simplicity). */
export function normal(rng: Rng): number {
  const u = 1 - rng();
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Log-normal with the given median and log-scale spread. */
export function logNormal(rng: Rng, median: number, sigma: number): number {
  return median * Math.exp(sigma * normal(rng));
}

/** Exponential with the given mean. */
export function exponential(rng: Rng, mean: number): number {
  return -mean * Math.log(1 - rng());
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new RangeError("pick: empty list");
  return item;
}

/** Cumulative weights for `pickWeighted`, computed once per table. */
export interface WeightedTable<T> {
  items: readonly T[];
  cumulative: Float64Array;
}

export function weightedTable<T>(entries: readonly (readonly [T, number])[]): WeightedTable<T> {
  const total = entries.reduce((s, [, w]) => s + w, 0);
  const cumulative = new Float64Array(entries.length);
  let acc = 0;
  entries.forEach(([, w], i) => {
    acc += w / total;
    cumulative[i] = acc;
  });
  cumulative[entries.length - 1] = 1;
  return { items: entries.map(([item]) => item), cumulative };
}

export function pickWeighted<T>(rng: Rng, table: WeightedTable<T>): T {
  const r = rng();
  const { cumulative, items } = table;
  for (let i = 0; i < cumulative.length; i++) {
    if (r < (cumulative[i] ?? 1)) return items[i] as T;
  }
  return items[items.length - 1] as T;
}

/** Fisher–Yates shuffle of a copy. */
export function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/** A UUID shaped as version 4 (RFC 9562), its 122 random bits drawn from `rng`. */
export function uuidV4(rng: Rng): string {
  const b = new Array<number>(16);
  for (let i = 0; i < 16; i++) b[i] = Math.floor(rng() * 256);
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = b.map((x) => HEX[x]);
  return `${h[0]}${h[1]}${h[2]}${h[3]}-${h[4]}${h[5]}-${h[6]}${h[7]}-${h[8]}${h[9]}-${h[10]}${h[11]}${h[12]}${h[13]}${h[14]}${h[15]}`;
}

/** Logistic function, used to map a latent quality onto a probability. */
export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

export function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}
