import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { grade, overallIndex, renormalisedMean, type WeightedScore } from "./aggregate.ts";

const items = (...rows: [string, number | null, number][]): WeightedScore[] =>
  rows.map(([key, score, weight]) => ({ key, score, weight }));

describe("renormalisedMean", () => {
  it.each([
    {
      name: "all four governance indicators",
      // (50·25 + 100·25 + 80·20 + 60·30) / 100 = (1250 + 2500 + 1600 + 1800) / 100
      input: items(["G1", 50, 25], ["G2", 100, 25], ["G3", 80, 20], ["G4", 60, 30]),
      score: 71.5,
      missing: [],
      available: 100,
    },
    {
      name: "exactly half the weight available (25 + 25 of 100) still scores",
      // (50·25 + 100·25) / 50
      input: items(["G1", 50, 25], ["G2", 100, 25], ["G3", null, 20], ["G4", null, 30]),
      score: 75,
      missing: ["G3", "G4"],
      available: 50,
    },
    {
      name: "G3 + G4 = 50 of 100 is also exactly half",
      // (80·20 + 60·30) / 50 = (1600 + 1800) / 50
      input: items(["G1", null, 25], ["G2", null, 25], ["G3", 80, 20], ["G4", 60, 30]),
      score: 68,
      missing: ["G1", "G2"],
      available: 50,
    },
    {
      name: "less than half available (25 + 20 = 45 of 100) gives no score",
      input: items(["G1", 50, 25], ["G2", null, 25], ["G3", 80, 20], ["G4", null, 30]),
      score: null,
      missing: ["G2", "G4"],
      available: 45,
    },
    {
      name: "resources R1 + R4 (35 + 20 = 55 of 100)",
      // (100·35 + 50·20) / 55 = 4500 / 55
      input: items(["R1", 100, 35], ["R2", null, 25], ["R3", null, 20], ["R4", 50, 20]),
      score: 4500 / 55,
      missing: ["R2", "R3"],
      available: 55,
    },
    {
      name: "resources R3 + R4 (20 + 20 = 40 of 100) gives no score",
      input: items(["R1", null, 35], ["R2", null, 25], ["R3", 90, 20], ["R4", 90, 20]),
      score: null,
      missing: ["R1", "R2"],
      available: 40,
    },
    { name: "empty list", input: items(), score: null, missing: [], available: 0 },
    { name: "single value", input: items(["a", 42, 1]), score: 42, missing: [], available: 1 },
    {
      name: "all missing",
      input: items(["a", null, 1], ["b", null, 1]),
      score: null,
      missing: ["a", "b"],
      available: 0,
    },
    {
      name: "zero scores count: (0·10 + 100·10) / 20",
      input: items(["a", 0, 10], ["b", 100, 10]),
      score: 50,
      missing: [],
      available: 20,
    },
    {
      name: "zero-weight item does not move the mean",
      input: items(["a", 0, 0], ["b", 80, 10]),
      score: 80,
      missing: [],
      available: 10,
    },
    {
      name: "all weights zero: nothing to average",
      input: items(["a", 50, 0], ["b", 80, 0]),
      score: null,
      missing: [],
      available: 0,
    },
    {
      name: "negative scores are averaged: (-10 + 10) / 2",
      input: items(["a", -10, 1], ["b", 10, 1]),
      score: 0,
      missing: [],
      available: 2,
    },
  ])("$name", ({ input, score, missing, available }) => {
    const r = renormalisedMean(input);
    if (score === null) expect(r.score).toBeNull();
    else expect(r.score).toBeCloseTo(score, 10);
    expect(r.missing).toEqual(missing);
    expect(r.availableWeight).toBeCloseTo(available, 12);
  });

  it("treats decimal weights summing to exactly half as half (0.25 + 0.25 of 1.0)", () => {
    const r = renormalisedMean(
      items(["a", 80, 0.25], ["b", 60, 0.25], ["c", null, 0.2], ["d", null, 0.3]),
    );
    expect(r.score).toBeCloseTo(70, 12); // (80 + 60) / 2
  });

  it("does not score just below half (49.9 of 100)", () => {
    expect(renormalisedMean(items(["a", 80, 49.9], ["b", null, 50.1])).score).toBeNull();
  });

  it("gives exactly the common score when all scores are equal", () => {
    // 90·(0.1 + 0.7 + 0.2) / (0.1 + 0.7 + 0.2) could be an ulp off without the clamp
    expect(renormalisedMean(items(["a", 90, 0.1], ["b", 90, 0.7], ["c", 90, 0.2])).score).toBe(90);
  });

  it.each([
    ["NaN score", items(["a", Number.NaN, 1])],
    ["infinite score", items(["a", Number.POSITIVE_INFINITY, 1])],
    ["negative weight", items(["a", 50, -1], ["b", 50, 2])],
    ["NaN weight", items(["a", 50, Number.NaN])],
    ["infinite weight", items(["a", 50, Number.POSITIVE_INFINITY])],
  ])("throws RangeError for %s", (_, input) => {
    expect(() => renormalisedMean(input)).toThrow(/renormalisedMean/);
  });

  const item = fc.record({
    key: fc.constantFrom("a", "b", "c", "d", "e"),
    // No subnormal scores: w·s would underflow, and exact scale invariance with it.
    score: fc.option(fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 100, noNaN: true })), {
      freq: 4,
    }),
    weight: fc.double({ min: 0.001, max: 1000, noNaN: true }),
  });
  const list = fc.array(item, { minLength: 1, maxLength: 12 });

  it("lies between the smallest and largest available score (property)", () => {
    fc.assert(
      fc.property(list, (xs) => {
        const r = renormalisedMean(xs).score;
        if (r === null) return true;
        const present = xs.flatMap((x) => (x.score === null ? [] : [x.score]));
        return r >= Math.min(...present) && r <= Math.max(...present);
      }),
    );
  });

  it("does not change when every weight is scaled by a positive constant (property)", () => {
    fc.assert(
      fc.property(list, fc.double({ min: 1e-3, max: 1e3, noNaN: true }), (xs, c) => {
        const a = renormalisedMean(xs).score;
        const b = renormalisedMean(xs.map((x) => ({ ...x, weight: x.weight * c }))).score;
        if (a === null || b === null) return a === b;
        return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));
      }),
    );
  });

  it("is exactly unchanged by scaling with a power of two (property)", () => {
    fc.assert(
      fc.property(list, fc.integer({ min: -20, max: 20 }), (xs, k) => {
        const a = renormalisedMean(xs).score;
        const b = renormalisedMean(xs.map((x) => ({ ...x, weight: x.weight * 2 ** k }))).score;
        return a === b;
      }),
    );
  });
});

describe("overallIndex", () => {
  const dims = items(
    ["governance", 80, 30],
    ["service", 90, 30],
    ["resources", 70, 20],
    ["participation", 60, 20],
  );

  it("is the weighted arithmetic mean: (80·30 + 90·30 + 70·20 + 60·20) / 100 = 77", () => {
    const r = overallIndex(dims);
    expect(r.score).toBeCloseTo(77, 12);
    expect(r.missing).toEqual([]);
  });

  it("is the weighted geometric mean: 80^0.3 · 90^0.3 · 70^0.2 · 60^0.2 = 76.1815…", () => {
    // value from Python: 80**.3 * 90**.3 * 70**.2 * 60**.2
    expect(overallIndex(dims, "geometric").score).toBeCloseTo(76.18151533469178, 10);
  });

  it("makes a geometric index zero when any dimension scores zero", () => {
    const r = overallIndex(
      items(["a", 0, 30], ["b", 100, 30], ["c", 100, 20], ["d", 100, 20]),
      "geometric",
    );
    expect(r.score).toBe(0);
  });

  it("keeps an arithmetic index with a zero dimension: (0·30 + 100·70) / 100", () => {
    expect(overallIndex(items(["a", 0, 30], ["b", 100, 70])).score).toBeCloseTo(70, 12);
  });

  it.each(["arithmetic", "geometric"] as const)("gives exactly 100 for all-100 (%s)", (method) => {
    expect(
      overallIndex(items(["a", 100, 0.3], ["b", 100, 0.3], ["c", 100, 0.4]), method).score,
    ).toBe(100);
  });

  it("has no index when any dimension has no score, and names it", () => {
    const r = overallIndex(
      items(
        ["governance", 80, 30],
        ["service", null, 30],
        ["resources", 70, 20],
        ["participation", null, 20],
      ),
    );
    expect(r.score).toBeNull();
    expect(r.missing).toEqual(["service", "participation"]);
  });

  it("has no index for an empty list or zero total weight", () => {
    expect(overallIndex([]).score).toBeNull();
    expect(overallIndex(items(["a", 50, 0])).score).toBeNull();
  });

  it("gives a single dimension's score", () => {
    expect(overallIndex(items(["a", 63, 5]), "geometric").score).toBeCloseTo(63, 12);
  });

  it.each([
    ["NaN score", items(["a", Number.NaN, 1])],
    ["negative weight", items(["a", 50, -1])],
    ["negative score in a geometric mean", items(["a", -5, 1])],
  ])("throws RangeError for %s", (_, input) => {
    expect(() => overallIndex(input, "geometric")).toThrow(/overallIndex/);
  });
});

describe("grade", () => {
  it.each([
    [100, "excellent"],
    [90, "excellent"],
    [89.99, "good"],
    [80, "good"],
    [79.999, "pass"],
    [60, "pass"],
    [59.99, "fail"],
    [0, "fail"],
    [null, null],
  ])("%s → %s", (index, expected) => {
    expect(grade(index)).toBe(expected);
  });

  it.each([Number.NaN, -0.1, 100.1])("throws RangeError for %s", (index) => {
    expect(() => grade(index)).toThrow(/grade/);
  });
});
