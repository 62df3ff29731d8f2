import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { INDICATORS, type IndicatorCode } from "./catalogue.ts";
import { type Goalposts, goalpostScore, status } from "./score.ts";

const g = (code: IndicatorCode): Goalposts => INDICATORS[code];

describe("goalpostScore", () => {
  it.each([
    // code, value, expected; arithmetic with the 369-default goalposts
    ["G1", 40, 50], // (40 - 20) / (60 - 20) = 0.5
    ["G1", 20, 0], // at the floor
    ["G1", 10, 0], // below the floor: clamped
    ["G1", -10, 0], // negative value: clamped
    ["G1", 60, 100], // at the target
    ["G1", 75, 100], // beyond the target: clamped
    ["G2", 82.5, 50], // (82.5 - 70) / (95 - 70) = 12.5 / 25
    ["G2", 90, 80], // 20 / 25
    ["G4", 72.5, 50], // (72.5 - 60) / (85 - 60)
    ["S1", 72, 50], // ↓ (120 - 72) / (120 - 24) = 48 / 96
    ["S1", 24, 100],
    ["S1", 0, 100], // ↓ zero hours: clamped to 100
    ["S1", 150, 0], // ↓ worse than the floor
    ["S3", 10, 80], // ↓ (30 - 10) / (30 - 5) = 20 / 25
    ["R1", 60, 20], // (60 - 50) / (100 - 50) = 10 / 50
    ["R2", 12, 40], // (12 - 8) / (18 - 8) = 4 / 10
    ["R4", 900, 50], // ↓ (1500 - 900) / (1500 - 300) = 600 / 1200
    ["P4", 40, 50], // seed 6.3 case before: (40 - 20) / (60 - 20)
    ["P4", 80, 100], // seed 6.3 case after: above the 60 target
  ] as const)("%s = %d scores %d", (code, value, expected) => {
    expect(goalpostScore(value, g(code))).toBeCloseTo(expected, 10);
  });

  it("gives exactly 100 at the target and 0 at the floor", () => {
    expect(goalpostScore(95, g("G2"))).toBe(100);
    expect(goalpostScore(70, g("G2"))).toBe(0);
    expect(goalpostScore(24, g("S1"))).toBe(100);
    expect(goalpostScore(120, g("S1"))).toBe(0);
  });

  it("has no score without a value", () => {
    expect(goalpostScore(null, g("G1"))).toBeNull();
  });

  it.each([
    ["NaN value", Number.NaN, { target: 60, floor: 20, direction: "up" }],
    ["infinite value", Number.POSITIVE_INFINITY, { target: 60, floor: 20, direction: "up" }],
    ["target == floor", 5, { target: 20, floor: 20, direction: "up" }],
    ["↑ with target < floor", 5, { target: 20, floor: 60, direction: "up" }],
    ["↓ with target > floor", 5, { target: 120, floor: 24, direction: "down" }],
    ["NaN target", 5, { target: Number.NaN, floor: 20, direction: "up" }],
  ] as const)("throws RangeError for %s", (_, value, goalposts) => {
    expect(() => goalpostScore(value, goalposts)).toThrow(RangeError);
    expect(() => goalpostScore(value, goalposts)).toThrow(/goalpostScore/);
  });

  it("checks the goalposts even when there is no value", () => {
    expect(() => goalpostScore(null, { target: 1, floor: 1, direction: "down" })).toThrow(
      RangeError,
    );
  });

  const value = fc.double({ min: -1e6, max: 1e6, noNaN: true });
  const goalposts = fc
    .record({
      floor: fc.double({ min: -1e4, max: 1e4, noNaN: true }),
      gap: fc.double({ min: 1e-3, max: 1e4, noNaN: true }),
      direction: fc.constantFrom<"up" | "down">("up", "down"),
    })
    .map(({ floor, gap, direction }) => ({
      floor,
      direction,
      target: direction === "up" ? floor + gap : floor - gap,
    }));

  it("stays within [0, 100] (property)", () => {
    fc.assert(
      fc.property(value, goalposts, (v, gp) => {
        const s = goalpostScore(v, gp)!;
        return s >= 0 && s <= 100;
      }),
    );
  });

  it("is non-decreasing in the value for ↑ and non-increasing for ↓ (property)", () => {
    fc.assert(
      fc.property(value, value, goalposts, (a, b, gp) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const sLo = goalpostScore(lo, gp)!;
        const sHi = goalpostScore(hi, gp)!;
        return gp.direction === "up" ? sLo <= sHi : sLo >= sHi;
      }),
    );
  });
});

describe("status", () => {
  it.each([
    [100, "green"],
    [99.99, "amber"],
    [99.999999, "amber"], // unrounded: shows as 100.0 but is not the target
    [80, "amber"],
    [60, "amber"],
    [59.999, "red"],
    [0, "red"],
    [null, null],
  ])("%s → %s", (score, expected) => {
    expect(status(score)).toBe(expected);
  });

  it.each([Number.NaN, -1, 100.5])("throws RangeError for %s", (score) => {
    expect(() => status(score)).toThrow(/status/);
  });
});
