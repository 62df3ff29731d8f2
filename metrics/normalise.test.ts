import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { minMaxScores, zScoreScores } from "./normalise.ts";

const close = (actual: (number | null)[], expected: (number | null)[]) => {
  expect(actual).toHaveLength(expected.length);
  expected.forEach((e, i) => {
    if (e === null) expect(actual[i]).toBeNull();
    else expect(actual[i]).toBeCloseTo(e, 10);
  });
};

describe("minMaxScores", () => {
  it.each([
    // (v - min) / (max - min) × 100, reversed for ↓
    { values: [20, 40, null, 60], dir: "up", expected: [0, 50, null, 100] },
    { values: [20, 40, 60], dir: "down", expected: [100, 50, 0] },
    { values: [24, 72, 120], dir: "down", expected: [100, 50, 0] }, // S1 hours
    { values: [-10, 0, 10], dir: "up", expected: [0, 50, 100] }, // negatives
    { values: [0, 0, 5], dir: "up", expected: [0, 0, 100] }, // zeros
    { values: [10, 15, 30], dir: "up", expected: [0, 25, 100] }, // 5 / 20
    { values: [7, 7], dir: "up", expected: [100, 100] }, // all equal: 100 for everyone
    { values: [7, 7, null], dir: "down", expected: [100, 100, null] },
    { values: [5], dir: "up", expected: [100] }, // single value
    { values: [null, null], dir: "up", expected: [null, null] },
    { values: [], dir: "up", expected: [] },
  ] as const)("$values $dir → $expected", ({ values, dir, expected }) => {
    close(minMaxScores(values, dir), [...expected]);
  });

  it.each([[[1, Number.NaN]], [[Number.POSITIVE_INFINITY, 1]]])(
    "throws RangeError for %j",
    (values) => {
      expect(() => minMaxScores(values, "up")).toThrow(/minMaxScores/);
    },
  );
});

describe("zScoreScores", () => {
  it.each([
    // mean 20, s = √((100 + 0 + 100) / 2) = 10, z = -1, 0, 1 → 50 + 10z
    { values: [10, 20, 30], dir: "up", expected: [40, 50, 60] },
    { values: [10, 20, 30], dir: "down", expected: [60, 50, 40] },
    { values: [10, null, 30], dir: "up", expected: [42.928932188134524, null, 57.07106781186548] }, // s = √200, z = ∓10/√200 = ∓0.7071
    { values: [-5, 5], dir: "up", expected: [42.928932188134524, 57.07106781186548] },
    { values: [5, null], dir: "up", expected: [50, null] }, // one value: z = 0
    { values: [0.1, 0.1, 0.1], dir: "up", expected: [50, 50, 50] }, // all equal: z = 0
    { values: [0, 0], dir: "down", expected: [50, 50] },
    { values: [], dir: "up", expected: [] },
  ] as const)("$values $dir → $expected", ({ values, dir, expected }) => {
    close(zScoreScores(values, dir), [...expected]);
  });

  it("clamps beyond five standard deviations", () => {
    // 29 zeros and one 100: mean 10/3, s² = (29·(10/3)² + (290/3)²) / 29 = 1000/3, s = 18.257…;
    // the outlier's z = (290/3) / 18.257 = 5.29 → 102.9 → 100; the others z = -0.18257 → 48.174…
    const scores = zScoreScores([...Array(29).fill(0), 100], "up");
    expect(scores[29]).toBe(100);
    expect(scores[0]).toBeCloseTo(48.17426, 4);
  });

  it.each([[[1, Number.NaN]], [[Number.NEGATIVE_INFINITY]]])(
    "throws RangeError for %j",
    (values) => {
      expect(() => zScoreScores(values, "up")).toThrow(/zScoreScores/);
    },
  );
});

describe("normalisation properties", () => {
  const values = fc.array(fc.option(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { freq: 5 }), {
    maxLength: 25,
  });
  const dir = fc.constantFrom<"up" | "down">("up", "down");

  it.each([
    ["minMaxScores", minMaxScores],
    ["zScoreScores", zScoreScores],
  ] as const)("%s stays within [0, 100], keeps nulls, and orders like the values", (_, fn) => {
    fc.assert(
      fc.property(values, dir, (vs, d) => {
        const ss = fn(vs, d);
        return vs.every((v, i) => {
          const s = ss[i];
          if (v === null) return s === null;
          if (s === null || s === undefined || s < 0 || s > 100) return false;
          return vs.every((w, j) => {
            const t = ss[j];
            if (w === null || t === null || t === undefined || !(v < w)) return true;
            return d === "up" ? s <= t : s >= t;
          });
        });
      }),
    );
  });

  it("min-max gives the best 100 and the worst 0 unless all are equal", () => {
    fc.assert(
      fc.property(values, dir, (vs, d) => {
        const present = vs.filter((v): v is number => v !== null);
        const ss = minMaxScores(vs, d).filter((s): s is number => s !== null);
        if (present.length === 0) return ss.length === 0;
        if (Math.min(...present) === Math.max(...present)) return ss.every((s) => s === 100);
        return Math.max(...ss) === 100 && Math.min(...ss) === 0;
      }),
    );
  });
});
