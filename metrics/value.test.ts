import { describe, expect, it } from "vitest";
import { fundExecution, indicatorValue } from "./value.ts";

describe("indicatorValue", () => {
  it.each([
    // numerator, denominator, factor, expected
    [30, 50, 100, 60], // G1: 30 / 50 × 100
    [3, 1200, 1000, 2.5], // S3: 3 / 1200 × 1000 ‰
    [2400, 100, 1, 24], // S1: 2400 h over 100 cases
    [15, 10_000, 10_000, 15], // R2: 15 workers per 10,000 residents
    [0, 50, 100, 0], // zero numerator is a real 0
    [7, 7, 100, 100],
    [1, 3, 100, 100 / 3],
  ])("%d / %d × %d = %d", (n, d, f, expected) => {
    expect(indicatorValue(n, d, f)).toBeCloseTo(expected, 12);
  });

  it.each([
    [0, 0],
    [5, 0],
    [null, 10],
    [10, null],
    [null, null],
  ])("gives no value for %s / %s", (n, d) => {
    expect(indicatorValue(n, d, 100)).toBeNull();
  });

  it.each([
    [Number.NaN, 1, 100],
    [1, Number.NaN, 100],
    [-1, 10, 100],
    [1, -10, 100],
    [Number.POSITIVE_INFINITY, 10, 100],
    [1, 10, 0],
    [1, 10, -100],
    [1, 10, Number.NaN],
  ])("throws RangeError for %s / %s × %s", (n, d, f) => {
    expect(() => indicatorValue(n, d, f)).toThrow(RangeError);
    expect(() => indicatorValue(n, d, f)).toThrow(/indicatorValue/);
  });
});

describe("fundExecution", () => {
  it.each([
    // spent YTD, allocated, quarter, expected
    [300, 1000, 2, 60], // (300 / 1000) / (2 / 4) × 100 = 0.3 / 0.5 × 100
    [250, 1000, 1, 100], // 0.25 / 0.25: exactly on schedule
    [800, 1000, 4, 80], // 0.8 / 1
    [900, 1000, 3, 120], // 0.9 / 0.75: ahead of schedule
    [0, 1000, 1, 0],
  ])("(%d / %d) / (Q%d / 4) × 100 = %d", (spent, allocated, quarter, expected) => {
    expect(fundExecution(spent, allocated, quarter)).toBeCloseTo(expected, 12);
  });

  it("gives no value when nothing is allocated or a figure is missing", () => {
    expect(fundExecution(10, 0, 1)).toBeNull();
    expect(fundExecution(0, 0, 4)).toBeNull();
    expect(fundExecution(null, 1000, 2)).toBeNull();
    expect(fundExecution(10, null, 2)).toBeNull();
  });

  it.each([
    [10, 100, 0],
    [10, 100, 5],
    [10, 100, 2.5],
    [10, 100, Number.NaN],
    [-10, 100, 1],
    [10, -100, 1],
    [Number.NaN, 100, 1],
  ])("throws RangeError for (%s, %s, Q%s)", (spent, allocated, quarter) => {
    expect(() => fundExecution(spent, allocated, quarter)).toThrow(/fundExecution/);
  });
});
