import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { competitionRanks } from "./rank.ts";

describe("competitionRanks", () => {
  it.each([
    { name: "INDICATORS.md example 1, 2, 2, 4", values: [100, 90, 90, 80], ranks: [1, 2, 2, 4] },
    {
      name: "input order kept, nulls unranked",
      values: [80, 100, 90, null, 90],
      ranks: [4, 1, 2, null, 2],
    },
    { name: "empty", values: [], ranks: [] },
    { name: "single value", values: [55], ranks: [1] },
    { name: "single null", values: [null], ranks: [null] },
    { name: "all tied", values: [70, 70, 70], ranks: [1, 1, 1] },
    { name: "zeros", values: [0, 0, 10], ranks: [2, 2, 1] },
    { name: "negatives", values: [-1, -5, 0], ranks: [2, 3, 1] },
    { name: "0 and -0 tie", values: [0, -0], ranks: [1, 1] },
    { name: "tie at the bottom", values: [3, 1, 2, 1], ranks: [1, 3, 2, 3] },
    // both show as 85.0 after rounding, but ties use unrounded values
    { name: "exact, unrounded ties only", values: [84.96, 85.04], ranks: [2, 1] },
  ])("$name", ({ values, ranks }) => {
    expect(competitionRanks(values)).toEqual(ranks);
  });

  it.each([[[1, Number.NaN]], [[Number.POSITIVE_INFINITY]], [[Number.NEGATIVE_INFINITY, 2]]])(
    "throws RangeError for %j",
    (values) => {
      expect(() => competitionRanks(values)).toThrow(/competitionRanks/);
    },
  );

  // Small integers make ties frequent.
  const values = fc.array(
    fc.option(
      fc.oneof(fc.integer({ min: -3, max: 3 }), fc.double({ min: -1e6, max: 1e6, noNaN: true })),
      {
        freq: 5,
      },
    ),
    { maxLength: 30 },
  );

  it("gives equal values equal ranks and nulls null ranks (property)", () => {
    fc.assert(
      fc.property(values, (vs) => {
        const rs = competitionRanks(vs);
        return vs.every((v, i) =>
          v === null
            ? rs[i] === null
            : vs.every((w, j) => w === null || (v === w) === (rs[i] === rs[j])),
        );
      }),
    );
  });

  it("ranks within 1..n, and exactly r - 1 units rank above rank r (property)", () => {
    fc.assert(
      fc.property(values, (vs) => {
        const rs = competitionRanks(vs);
        const ranked = rs.filter((r): r is number => r !== null);
        return ranked.every(
          (r) => r >= 1 && r <= ranked.length && ranked.filter((q) => q < r).length === r - 1,
        );
      }),
    );
  });

  it("ranks a higher value better (property)", () => {
    fc.assert(
      fc.property(values, (vs) => {
        const rs = competitionRanks(vs);
        return vs.every((v, i) =>
          vs.every((w, j) => v === null || w === null || !(v > w) || rs[i]! < rs[j]!),
        );
      }),
    );
  });
});
