import { describe, expect, it } from "vitest";
import { emptyFigures, indicatorFigures } from "./values.ts";

const withReturn = () => {
  const f = emptyFigures(1);
  f.returns = {
    unitId: 1,
    filed: 1,
    population: 8000,
    budgetAllocatedYear: 1000,
    budgetSpent: 100,
    spentYtd: 250,
    workersInPost: 12,
    positions: null,
    participants: 400,
    itemsRaised: 0,
    itemsResolved: 0,
    volunteers: 80,
    platformActiveUsers: 1600,
  };
  return f;
};

describe("indicatorFigures", () => {
  it("gives no value anywhere for a unit with nothing, and no return figures at all", () => {
    const f = indicatorFigures(emptyFigures(1), 3);
    expect(Object.values(f).every((x) => x.value === null)).toBe(true);
    // Case counts are real zeros; return-based figures are absent, not 0.
    expect(f.G1).toEqual({ numerator: 0, denominator: 0, value: null });
    expect(f.R4).toEqual({ numerator: null, denominator: null, value: null });
    expect(f.P1).toEqual({ numerator: null, denominator: null, value: null });
  });

  it("reads each return figure into its indicator", () => {
    const f = indicatorFigures(withReturn(), 2);
    // R1: (250 / 1000) / (2 / 4) × 100 = 50
    expect(f.R1).toEqual({ numerator: 250, denominator: 1000, value: 50 });
    // R2: 12 / 8000 × 10000 = 15
    expect(f.R2.value).toBeCloseTo(15, 12);
    // R3: positions left blank → no value
    expect(f.R3.value).toBeNull();
    // R4: 100 yuan over 0 resolved cases → no value (not 0 yuan, not infinite)
    expect(f.R4).toEqual({ numerator: 100, denominator: 0, value: null });
    // P2: 0 items raised → no value
    expect(f.P2.value).toBeNull();
    expect(f.P1.value).toBe(5);
    expect(f.P3.value).toBe(1);
    expect(f.P4.value).toBe(20);
  });

  it("turns handling seconds into hours and survey sums into a mean", () => {
    const f = withReturn();
    f.cases.s1Seconds = 3 * 3600 * 10;
    f.cases.serviceResolved = 3;
    f.survey = { unitId: 1, n: 4, scoreSum: 300, scoreSquares: 0, overallN: 4, satisfied: 3 };
    const v = indicatorFigures(f, 4);
    expect(v.S1).toEqual({ numerator: 30, denominator: 3, value: 10 });
    expect(v.G4.value).toBe(75);
  });
});
