import { describe, expect, it } from "vitest";
import {
  finitePopulationCorrection,
  initialSampleSize,
  planSd,
  SAMPLE_PLAN,
  sampleProgress,
  targetSampleSize,
} from "./sample-size.ts";

// Expected values by hand (and checked with Python): n₀ = (1.96 · s / 5)² = 3.8416 · s² / 25,
// n = n₀ / (1 + (n₀ − 1) / N), rounded up, at least 30, at most N.

describe("initialSampleSize", () => {
  it.each([
    [20, 61.4656], // 7.84²
    [25, 96.04], // 9.8²
    [10, 15.3664], // 3.92²
    [50, 384.16], // 19.6²
    [0, 0],
    [Math.sqrt(440), 67.61216], // 3.8416 · 440 / 25
  ])("s = %d → n₀ = %d", (sd, n0) => {
    expect(initialSampleSize(sd)).toBeCloseTo(n0, 9);
  });

  it("takes another margin and z", () => {
    expect(initialSampleSize(20, 10)).toBeCloseTo(15.3664, 9); // 3.92²
    expect(initialSampleSize(20, 5, 2)).toBeCloseTo(64, 9); // 8²
  });

  it.each([[-1], [Number.NaN], [Number.POSITIVE_INFINITY]])("throws for s = %d", (sd) => {
    expect(() => initialSampleSize(sd)).toThrow(RangeError);
    expect(() => initialSampleSize(sd)).toThrow(/initialSampleSize/);
  });

  it("throws for a margin that is not positive", () => {
    expect(() => initialSampleSize(20, 0)).toThrow(/initialSampleSize/);
  });
});

describe("finitePopulationCorrection", () => {
  it.each([
    [61.4656, 5000, 60.7311707], // 61.4656 / (1 + 60.4656 / 5000) = 61.4656 / 1.01209312
    [96.04, 8000, 94.9124402], // 96.04 / 1.01188
    [96.04, 20, 16.6968011], // 96.04 / 5.752
    [384.16, 1000, 277.7408254], // 384.16 / 1.38316
    [30, 1, 1], // a population of one: ask that one
    [1, 50, 1], // (n₀ − 1) = 0: no change
  ])("n₀ %d, N %d → %d", (n0, population, n) => {
    expect(finitePopulationCorrection(n0, population)).toBeCloseTo(n, 6);
  });

  it.each([
    [-1, 10],
    [10, 0],
    [10, 2.5],
    [Number.NaN, 10],
  ])("throws for n₀ %d, N %d", (n0, population) => {
    expect(() => finitePopulationCorrection(n0, population)).toThrow(/finitePopulationCorrection/);
  });
});

describe("targetSampleSize", () => {
  it.each<[number, number | null, number]>([
    // s, N, target: the example, 61.4656 → 60.73 → 61
    [20, 5000, 61],
    // no population recorded: no correction, ⌈61.4656⌉
    [20, null, 62],
    // n₀ < 30: raised to the minimum
    [10, 5000, 30],
    [0, null, 30],
    // 96.04 / (1 + 95.04 / 8000) = 94.91 → 95
    [25, 8000, 95],
    // a small community: 96.04 → 16.70 → 17 → 30, at most N = 20
    [25, 20, 20],
    // N below the minimum with a tiny n: still everyone, 20
    [0, 20, 20],
    // no SD at all: the maximum 50, 384.16 → 385; with N = 1000, 277.74 → 278
    [50, null, 385],
    [50, 1000, 278],
    // √440 (the fixture's pooled SD): 67.61216 → 68
    [Math.sqrt(440), null, 68],
    // exactly 100 and 400 in decimals: not rounded up past them by floating point
    [50 / 1.96, null, 100],
    [100 / 1.96, null, 400],
    [(5 * Math.sqrt(32)) / 1.96, null, 32], // 32.00000000000001 in floating point
  ])("s = %d, N = %s → %d", (sd, population, target) => {
    expect(targetSampleSize(sd, population)).toBe(target);
  });

  it("gives no target for a population of 0", () => {
    expect(targetSampleSize(20, 0)).toBeNull();
  });

  it.each([
    [-5, 100],
    [20, -1],
    [20, 10.5],
    [Number.NaN, 100],
  ])("throws for s = %d, N = %d", (sd, population) => {
    expect(() => targetSampleSize(sd, population)).toThrow(RangeError);
  });
});

describe("planSd", () => {
  it.each([
    [
      { n: 3, sd: 25 },
      { n: 40, sd: 18 },
      { sd: 25, source: "own" },
    ],
    [
      { n: 2, sd: 0 },
      { n: 40, sd: 18 },
      { sd: 0, source: "own" },
    ],
    [
      { n: 1, sd: null },
      { n: 40, sd: 18 },
      { sd: 18, source: "pooled" },
    ],
    [
      { n: 0, sd: null },
      { n: 2, sd: 7 },
      { sd: 7, source: "pooled" },
    ],
    [
      { n: 0, sd: null },
      { n: 1, sd: null },
      { sd: 50, source: "maximum" },
    ],
    [
      { n: 0, sd: null },
      { n: 0, sd: null },
      { sd: 50, source: "maximum" },
    ],
  ] as const)("%j, pooled %j → %j", (own, pooled, expected) => {
    expect(planSd(own, pooled)).toEqual(expected);
  });

  it("states the default as the maximum SD of a 0–100 score", () => {
    expect(SAMPLE_PLAN.maximumSd).toBe(50);
    expect(SAMPLE_PLAN.minimum).toBe(30);
  });

  it("throws for a negative SD", () => {
    expect(() => planSd({ n: 3, sd: -1 }, { n: 0, sd: null })).toThrow(/planSd/);
  });
});

describe("sampleProgress", () => {
  it.each([
    [45, 60, { collected: 45, target: 60, remaining: 15, share: 0.75, met: false }],
    [60, 60, { collected: 60, target: 60, remaining: 0, share: 1, met: true }],
    [70, 60, { collected: 70, target: 60, remaining: 0, share: 1, met: true }],
    [0, 30, { collected: 0, target: 30, remaining: 30, share: 0, met: false }],
    [5, null, { collected: 5, target: null, remaining: null, share: null, met: false }],
  ] as const)("%d of %s", (collected, target, expected) => {
    expect(sampleProgress(collected, target)).toEqual(expected);
  });

  it.each([
    [-1, 30],
    [1.5, 30],
    [3, 0],
  ])("throws for %d of %d", (collected, target) => {
    expect(() => sampleProgress(collected, target)).toThrow(/sampleProgress/);
  });
});
