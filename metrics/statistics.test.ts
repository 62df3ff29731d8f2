import { describe, expect, it } from "vitest";
import {
  mean,
  median,
  nearestRankQuantile,
  quantile,
  sampleStandardDeviation,
  sampleVariance,
} from "./statistics.ts";

describe("mean", () => {
  it.each([
    [[], null],
    [[5], 5],
    [[1, 2, 3, 4], 2.5], // 10 / 4
    [[-1, 1], 0],
    [[0, 0, 0], 0],
    [[100, 50, 0], 50],
  ])("%j → %s", (values, expected) => {
    expect(mean(values)).toBe(expected);
  });

  it("throws RangeError for NaN", () => {
    expect(() => mean([1, Number.NaN])).toThrow(/mean/);
  });
});

describe("sampleVariance and sampleStandardDeviation", () => {
  it.each([
    // mean 5; squared deviations 9 1 1 1 0 0 4 16 = 32; 32 / 7 (R: var() 4.571429, sd() 2.13809)
    [[2, 4, 4, 4, 5, 5, 7, 9], 32 / 7, 2.138089935299395],
    [[-2, 2], 8, Math.sqrt(8)], // mean 0; (4 + 4) / 1
    [[0, 10], 50, Math.sqrt(50)],
    [[3, 3], 0, 0],
    [[0.1, 0.1, 0.1], 0, 0], // exactly 0 although 0.3 / 3 is not 0.1 in binary
  ])("%j: variance %d, sd %d", (values, variance, sd) => {
    expect(sampleVariance(values)).toBeCloseTo(variance, 12);
    expect(sampleStandardDeviation(values)).toBeCloseTo(sd, 12);
  });

  it("is exactly zero for equal values", () => {
    expect(sampleVariance([0.1, 0.1, 0.1])).toBe(0);
  });

  it.each([[[]], [[7]]])("is null for %j (needs two values)", (values) => {
    expect(sampleVariance(values)).toBeNull();
    expect(sampleStandardDeviation(values)).toBeNull();
  });

  it("throws RangeError for NaN", () => {
    expect(() => sampleStandardDeviation([1, Number.NaN])).toThrow(/sampleVariance/);
  });
});

describe("quantile (type 7)", () => {
  it.each([
    // h = (n - 1) p (0-based); Q = x[⌊h⌋] + (h - ⌊h⌋)(x[⌊h⌋ + 1] - x[⌊h⌋]); checked with R quantile()
    [[1, 2, 3, 4], 0.5, 2.5], // h 1.5: 2 + 0.5·1
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9, 9.1], // h 8.1: 9 + 0.1·1
    [[2, 4, 8, 16, 30], 0.9, 24.4], // handling hours: h 3.6: 16 + 0.6·14
    [[2, 4, 8, 16, 30], 0.5, 8],
    [[3, 1, 2], 0.5, 2], // unsorted input
    [[1, 1, 1, 4], 0.5, 1], // ties: h 1.5: 1 + 0.5·0
    [[-5, -1], 0.25, -4], // negatives: h 0.25: -5 + 0.25·4
    [[0, 0], 0.9, 0],
    [[10, 20, 30], 0, 10],
    [[10, 20, 30], 1, 30],
    [[7], 0.9, 7], // a single value
  ])("%j at p = %d → %d", (values, p, expected) => {
    expect(quantile(values, p)).toBeCloseTo(expected, 12);
  });

  it("is null for an empty list", () => {
    expect(quantile([], 0.5)).toBeNull();
    expect(median([])).toBeNull();
  });

  it("does not reorder its input", () => {
    const xs = [3, 1, 2];
    quantile(xs, 0.5);
    expect(xs).toEqual([3, 1, 2]);
  });

  it.each([
    [[1, 2], -0.1],
    [[1, 2], 1.1],
    [[1, 2], Number.NaN],
    [[1, Number.NaN], 0.5],
  ])("throws RangeError for %j at p = %s", (values, p) => {
    expect(() => quantile(values, p)).toThrow(/quantile/);
  });
});

describe("median", () => {
  it.each([
    [[5, 1, 3], 3],
    [[4, 1, 3, 2], 2.5],
    [[9], 9],
  ])("%j → %d", (values, expected) => {
    expect(median(values)).toBe(expected);
  });
});

describe("nearestRankQuantile", () => {
  it.each([
    // ⌈p·n⌉-th smallest of 15 20 35 40 50 (n = 5)
    [0, 15], // p = 0: the smallest
    [0.05, 15], // ⌈0.25⌉ = 1
    [0.3, 20], // ⌈1.5⌉ = 2
    [0.4, 20], // ⌈2⌉ = 2
    [0.5, 35], // ⌈2.5⌉ = 3
    [0.95, 50], // ⌈4.75⌉ = 5
    [1, 50],
  ])("of [15, 20, 35, 40, 50] at p = %d → %d", (p, expected) => {
    expect(nearestRankQuantile([50, 15, 40, 20, 35], p)).toBe(expected);
  });

  it("does not skip a rank when p·n has binary error (0.07 × 100 = 7.000000000000001)", () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(nearestRankQuantile(xs, 0.07)).toBe(7);
  });

  it("takes the 500th, 50th and 950th of 1,000 ranks for median, 5th and 95th", () => {
    const xs = Array.from({ length: 1000 }, (_, i) => i + 1);
    expect(nearestRankQuantile(xs, 0.5)).toBe(500);
    expect(nearestRankQuantile(xs, 0.05)).toBe(50);
    expect(nearestRankQuantile(xs, 0.95)).toBe(950);
  });

  it("is null for an empty list and throws for a bad p", () => {
    expect(nearestRankQuantile([], 0.5)).toBeNull();
    expect(() => nearestRankQuantile([1], 2)).toThrow(/nearestRankQuantile/);
    expect(() => nearestRankQuantile([Number.NaN], 0.5)).toThrow(RangeError);
  });
});
