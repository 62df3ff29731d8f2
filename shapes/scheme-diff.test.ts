import { describe, expect, it } from "vitest";
import { schemeChanges } from "./scheme-diff.ts";

const base = {
  dimensions: { governance: { weight: 30 }, service: { weight: 30 } },
  indicators: {
    G1: { target: 80, floor: 20, weight: 10 },
    S1: { target: 24, floor: 120, weight: 5 },
  },
};

describe("schemeChanges", () => {
  it("finds nothing between a version and its copy", () => {
    expect(schemeChanges(base, structuredClone(base))).toEqual([]);
  });

  it("names each changed figure with both values, dimensions first", () => {
    const next = structuredClone(base);
    next.indicators.S1.weight = 7.5;
    next.indicators.G1.target = 85;
    next.dimensions.service.weight = 25;
    expect(schemeChanges(base, next)).toEqual([
      { kind: "dimension", code: "service", field: "weight", before: 30, after: 25 },
      { kind: "indicator", code: "G1", field: "target", before: 80, after: 85 },
      { kind: "indicator", code: "S1", field: "weight", before: 5, after: 7.5 },
    ]);
  });

  it("treats a missing entry as null on that side and 0 = -0, NaN = NaN as no change", () => {
    const next = {
      dimensions: { governance: { weight: 30 }, service: { weight: 30 } },
      indicators: { G1: { target: 80, floor: 20, weight: -0 * 10 }, S1: base.indicators.S1 },
    };
    const prev = structuredClone(base);
    prev.indicators.G1.weight = 0;
    expect(schemeChanges(prev, next)).toEqual([]);
    const nan = { dimensions: { governance: { weight: Number.NaN } }, indicators: {} };
    expect(schemeChanges(nan, structuredClone(nan))).toEqual([]);
    const fewer = { dimensions: { governance: { weight: 30 } }, indicators: {} };
    expect(schemeChanges(base, fewer)).toEqual([
      { kind: "dimension", code: "service", field: "weight", before: 30, after: null },
      { kind: "indicator", code: "G1", field: "target", before: 80, after: null },
      { kind: "indicator", code: "G1", field: "floor", before: 20, after: null },
      { kind: "indicator", code: "G1", field: "weight", before: 10, after: null },
      { kind: "indicator", code: "S1", field: "target", before: 24, after: null },
      { kind: "indicator", code: "S1", field: "floor", before: 120, after: null },
      { kind: "indicator", code: "S1", field: "weight", before: 5, after: null },
    ]);
  });
});
