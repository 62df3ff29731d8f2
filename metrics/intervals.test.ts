import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { meanWithInterval, wilsonInterval } from "./intervals.ts";

describe("meanWithInterval", () => {
  it("is mean ± 1.96 s / √n", () => {
    // mean 75, s = √((625 + 0 + 625) / 2) = 25, half-width 1.96 × 25 / √3 = 28.290163190291665
    const r = meanWithInterval([50, 75, 100])!;
    expect(r.n).toBe(3);
    expect(r.mean).toBe(75);
    expect(r.interval![0]).toBeCloseTo(46.709836809708335, 10);
    expect(r.interval![1]).toBeCloseTo(103.29016319029166, 10);
  });

  it("has a zero-width interval for equal values", () => {
    expect(meanWithInterval([60, 60])).toEqual({ n: 2, mean: 60, interval: [60, 60] });
  });

  it("has no interval for a single value, and nothing for none", () => {
    expect(meanWithInterval([80])).toEqual({ n: 1, mean: 80, interval: null });
    expect(meanWithInterval([])).toBeNull();
  });

  it("handles zeros and negatives", () => {
    // mean 0, s = √((1 + 1) / 1) = √2, half-width 1.96 × √2 / √2 = 1.96
    const r = meanWithInterval([-1, 1])!;
    expect(r.mean).toBe(0);
    expect(r.interval![0]).toBeCloseTo(-1.96, 12);
    expect(r.interval![1]).toBeCloseTo(1.96, 12);
  });

  it("throws RangeError for NaN", () => {
    expect(() => meanWithInterval([1, Number.NaN])).toThrow(RangeError);
  });
});

describe("wilsonInterval", () => {
  it.each([
    // expected values from an independent Python implementation of the Wilson formula, z = 1.96
    [8, 10, 0.49015684672072335, 0.9433190520193067],
    [0, 10, 0, 0.2775401687666166], // lower end exactly 0 (the formula gives -2.8e-17)
    [10, 10, 0.7224598312333834, 1],
    [1, 2, 0.09452865480086614, 0.9054713451991339],
    [50, 100, 0.40382982859014716, 0.5961701714098528],
    [0, 1, 0, 0.7934567085261071],
  ])("%d of %d → [%d, %d]", (k, n, lo, hi) => {
    const [l, h] = wilsonInterval(k, n)!;
    expect(l).toBeCloseTo(lo, 12);
    expect(h).toBeCloseTo(hi, 12);
  });

  it("is null for an empty sample", () => {
    expect(wilsonInterval(0, 0)).toBeNull();
  });

  it.each([
    [3, 2],
    [-1, 5],
    [1.5, 3],
    [1, Number.NaN],
    [Number.NaN, 3],
    [1, -1],
  ])("throws RangeError for %s of %s", (k, n) => {
    expect(() => wilsonInterval(k, n)).toThrow(/wilsonInterval/);
  });

  it("contains p̂ and stays within [0, 1] (property)", () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 1_000_000 })
          .chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n))),
        ([k, n]) => {
          const [lo, hi] = wilsonInterval(k, n)!;
          const p = k / n;
          return lo >= 0 && hi <= 1 && lo <= p && p <= hi && lo < hi;
        },
      ),
    );
  });
});
