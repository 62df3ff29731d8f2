import { describe, expect, it } from "vitest";
import { INDICATOR_CODES, type IndicatorCode } from "./catalogue.ts";
import {
  evaluateSiblings,
  evaluateUnit,
  type IndicatorValues,
  scoreIndicators,
  unitIndex,
} from "./evaluate.ts";
import { defaultSchemeDefinition, type SchemeDefinition } from "./scheme.ts";

const withMethod = (method: Partial<SchemeDefinition["method"]>): SchemeDefinition => {
  const s = defaultSchemeDefinition();
  return { ...s, method: { ...s.method, ...method } };
};

// Governance (50·25 + 100·25 + 80·20 + 60·30) / 100 = 71.5
// Service (50·20 + 100·25 + 80·20 + 0·15 + 100·20) / 100 = 71
// Resources (100·35 + 40·25 + 50·20 + 50·20) / 100 = 65
// Participation (100·30 + 50·30 + 75·20 + 50·20) / 100 = 70
// Index (71.5·30 + 71·30 + 65·20 + 70·20) / 100 = (2145 + 2130 + 1300 + 1400) / 100 = 69.75
const FULL: Record<IndicatorCode, number> = {
  G1: 50,
  G2: 100,
  G3: 80,
  G4: 60,
  S1: 50,
  S2: 100,
  S3: 80,
  S4: 0,
  S5: 100,
  R1: 100,
  R2: 40,
  R3: 50,
  R4: 50,
  P1: 100,
  P2: 50,
  P3: 75,
  P4: 50,
};

describe("scoreIndicators", () => {
  it("scores against goalposts by default", () => {
    // G1 (40 - 20) / 40 = 50; S1 (120 - 72) / 96 = 50; R4 (1500 - 900) / 1200 = 50
    const [s] = scoreIndicators([{ G1: 40, S1: 72, R4: 900, G2: null }], defaultSchemeDefinition());
    expect(s).toMatchObject({ G1: 50, S1: 50, R4: 50, G2: null, P4: null });
    expect(Object.keys(s!)).toEqual(INDICATOR_CODES);
  });

  it("scores min-max across siblings, reversed for ↓", () => {
    const units: IndicatorValues[] = [
      { G1: 20, S1: 24 },
      { G1: 40, S1: 72 },
      { G1: 60, S1: 120 },
      {},
    ];
    const scores = scoreIndicators(units, withMethod({ normalisation: "minmax" }));
    expect(scores.map((s) => s.G1)).toEqual([0, 50, 100, null]);
    expect(scores.map((s) => s.S1)).toEqual([100, 50, 0, null]);
  });

  it("scores z-scores across siblings as 50 + 10z", () => {
    const units: IndicatorValues[] = [{ G1: 10 }, { G1: 20 }, { G1: 30 }];
    const scores = scoreIndicators(units, withMethod({ normalisation: "zscore" }));
    scores.forEach((s, i) => {
      expect(s.G1).toBeCloseTo([40, 50, 60][i]!, 10);
    });
  });

  it("gives an empty list for no units", () => {
    expect(scoreIndicators([], defaultSchemeDefinition())).toEqual([]);
  });
});

describe("evaluateUnit", () => {
  it("aggregates a complete unit", () => {
    const e = evaluateUnit(FULL, defaultSchemeDefinition());
    expect(e.dimensions.governance.score).toBeCloseTo(71.5, 10);
    expect(e.dimensions.service.score).toBeCloseTo(71, 10);
    expect(e.dimensions.resources.score).toBeCloseTo(65, 10);
    expect(e.dimensions.participation.score).toBeCloseTo(70, 10);
    expect(e.index).toBeCloseTo(69.75, 10);
    expect(e.grade).toBe("pass");
    expect(e.complete).toBe(true);
    expect(e.missing).toEqual([]);
    expect(e.missingDimensions).toEqual([]);
  });

  it("uses the geometric index when the scheme says so", () => {
    // exp(0.3 ln 71.5 + 0.3 ln 71 + 0.2 ln 65 + 0.2 ln 70), from Python
    const e = evaluateUnit(FULL, withMethod({ aggregation: "geometric" }));
    expect(e.index).toBeCloseTo(69.70623024878374, 10);
  });

  it("applies the half-weight rule per dimension and lists what is missing", () => {
    const e = evaluateUnit(
      { G1: 50, G2: 100, S1: 80, S2: 60, R1: 100, R3: 50, P1: 70, P2: 90 },
      defaultSchemeDefinition(),
    );
    expect(e.dimensions.governance.score).toBeCloseTo(75, 10); // 25 + 25 of 100: exactly half
    expect(e.dimensions.service.score).toBeNull(); // 20 + 25 = 45 of 100
    expect(e.dimensions.resources.score).toBeCloseTo(4500 / 55, 10); // (100·35 + 50·20) / 55
    expect(e.dimensions.participation.score).toBeCloseTo(80, 10); // (70·30 + 90·30) / 60
    expect(e.index).toBeNull();
    expect(e.grade).toBeNull();
    expect(e.complete).toBe(false);
    expect(e.missingDimensions).toEqual(["service"]);
    expect(e.missing).toEqual(["G3", "G4", "S3", "S4", "S5", "R2", "R4", "P3", "P4"]);
    expect(e.dimensions.service.missing).toEqual(["S3", "S4", "S5"]);
  });

  it("has nothing for a unit with no scores", () => {
    const e = evaluateUnit({}, defaultSchemeDefinition());
    expect(e.index).toBeNull();
    expect(e.missingDimensions).toEqual(["governance", "service", "resources", "participation"]);
    expect(e.missing).toEqual(INDICATOR_CODES);
  });

  it("follows the scheme's weights", () => {
    const s = defaultSchemeDefinition();
    s.dimensions = {
      governance: { weight: 1 },
      service: { weight: 0 },
      resources: { weight: 0 },
      participation: { weight: 0 },
    };
    expect(evaluateUnit(FULL, s).index).toBeCloseTo(71.5, 10);
  });

  it("gives unitIndex's documented example", () => {
    const scores = {
      G1: 100,
      G2: 100,
      S1: 100,
      S2: 100,
      S3: 100,
      R1: 100,
      R2: 100,
      P1: 100,
      P2: 100,
    };
    expect(unitIndex(scores, defaultSchemeDefinition())).toBe(100);
  });

  it("agrees with unitIndex", () => {
    const scheme = defaultSchemeDefinition();
    for (const scores of [FULL, {}, { G1: 50, G2: 100, S1: 80, S2: 60 }]) {
      expect(unitIndex(scores, scheme)).toBe(evaluateUnit(scores, scheme).index);
    }
  });

  it("throws RangeError for a NaN score", () => {
    expect(() => evaluateUnit({ ...FULL, G1: Number.NaN }, defaultSchemeDefinition())).toThrow(
      RangeError,
    );
  });
});

describe("evaluateSiblings", () => {
  it("scores, aggregates and ranks the siblings together", () => {
    const allAt = (v: number): IndicatorValues =>
      Object.fromEntries(INDICATOR_CODES.map((c) => [c, v]));
    // Min-max over siblings: equal values on every indicator score 100 each, so the two tie.
    const units = [allAt(10), allAt(10), {}];
    const r = evaluateSiblings(units, withMethod({ normalisation: "minmax" }));
    expect(r.map((e) => e.index)).toEqual([100, 100, null]);
    expect(r.map((e) => e.rank)).toEqual([1, 1, null]);
  });

  it("ranks by index under goalposts", () => {
    const scheme = defaultSchemeDefinition();
    const a = evaluateSiblings([{ G1: 60 }, { G1: 60 }], scheme); // one indicator only: no index
    expect(a.map((e) => e.rank)).toEqual([null, null]);
    const values: IndicatorValues[] = [
      { G1: 40, G2: 95, S1: 24, S2: 90, S3: 5, R1: 100, R2: 18, P1: 30, P2: 80 }, // G1 scores 50
      { G1: 60, G2: 95, S1: 24, S2: 90, S3: 5, R1: 100, R2: 18, P1: 30, P2: 80 }, // every score 100
    ];
    const r = evaluateSiblings(values, scheme);
    expect(r[1]!.index).toBe(100);
    // governance (50·25 + 100·25) / 50 = 75; index (75·30 + 100·70) / 100 = 92.5
    expect(r[0]!.index).toBeCloseTo(92.5, 10);
    expect(r.map((e) => e.rank)).toEqual([2, 1]);
    expect(r[0]!.scores.G1).toBe(50);
  });
});
