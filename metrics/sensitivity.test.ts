import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DIMENSION_DEFS, DIMENSIONS, INDICATOR_CODES, type IndicatorCode } from "./catalogue.ts";
import { defaultSchemeDefinition } from "./scheme.ts";
import {
  DEFAULT_SENSITIVITY,
  mulberry32,
  perturbedScheme,
  rankSensitivity,
} from "./sensitivity.ts";

type Scores = Partial<Record<IndicatorCode, number | null>>;
const allAt = (v: number): Scores => Object.fromEntries(INDICATOR_CODES.map((c) => [c, v]));

describe("mulberry32", () => {
  it.each([
    // reference values from an independent Python port of mulberry32
    [369, [0.7926284219138324, 0.8377341276500374, 0.392292823176831]],
    [0, [0.26642920868471265, 0.0003297457005828619]],
  ])("seed %d gives %j", (seed, expected) => {
    const random = mulberry32(seed);
    for (const e of expected) expect(random()).toBe(e);
  });

  it("reduces the seed modulo 2³²", () => {
    const a = mulberry32(5);
    const b = mulberry32(2 ** 32 + 5);
    expect([a(), a()]).toEqual([b(), b()]);
  });

  it("stays in [0, 1)", () => {
    const random = mulberry32(1);
    for (let i = 0; i < 10_000; i++) {
      const x = random();
      expect(x >= 0 && x < 1).toBe(true);
    }
  });

  it.each([1.5, Number.NaN, Number.POSITIVE_INFINITY])("throws RangeError for seed %s", (seed) => {
    expect(() => mulberry32(seed)).toThrow(/mulberry32/);
  });
});

describe("perturbedScheme", () => {
  const scheme = defaultSchemeDefinition();

  it("keeps each set's total weight and moves each weight by at most 1.2 / 0.8", () => {
    const p = perturbedScheme(scheme, mulberry32(7), 0.2);
    for (const d of DIMENSIONS) {
      const codes = DIMENSION_DEFS[d].indicators;
      expect(codes.reduce((a, c) => a + p.indicators[c].weight, 0)).toBeCloseTo(100, 10);
      for (const c of codes) {
        const ratio = p.indicators[c].weight / scheme.indicators[c].weight;
        expect(ratio).toBeGreaterThanOrEqual(0.8 / 1.2);
        expect(ratio).toBeLessThanOrEqual(1.2 / 0.8);
      }
    }
    expect(DIMENSIONS.reduce((a, d) => a + p.dimensions[d].weight, 0)).toBeCloseTo(100, 10);
  });

  it("changes only weights", () => {
    const p = perturbedScheme(scheme, mulberry32(7), 0.2);
    expect(p.method).toEqual(scheme.method);
    expect(p.responseSlaMinutes).toBe(60);
    for (const c of INDICATOR_CODES) {
      const { weight: _w, ...rest } = p.indicators[c];
      const { weight: _v, ...base } = scheme.indicators[c];
      expect(rest).toEqual(base);
    }
    expect(scheme).toEqual(defaultSchemeDefinition()); // the input is not modified
  });

  it("leaves weights alone with spread 0 and keeps an all-zero set at zero", () => {
    const s = defaultSchemeDefinition();
    for (const c of DIMENSION_DEFS.service.indicators) s.indicators[c].weight = 0;
    const p = perturbedScheme(s, mulberry32(3), 0);
    expect(p.indicators.G1.weight).toBeCloseTo(25, 12);
    expect(p.dimensions.resources.weight).toBeCloseTo(20, 12);
    expect(p.indicators.S1.weight).toBe(0);
  });

  it.each([-0.1, 1, Number.NaN])("throws RangeError for spread %s", (spread) => {
    expect(() => perturbedScheme(scheme, mulberry32(1), spread)).toThrow(/perturbedScheme/);
  });
});

describe("rankSensitivity", () => {
  const scheme = defaultSchemeDefinition();

  it("uses 1,000 draws, factors in [0.8, 1.2] and seed 369 by default", () => {
    expect(DEFAULT_SENSITIVITY).toEqual({ draws: 1000, seed: 369, spread: 0.2 });
  });

  it("keeps clearly separated units in place", () => {
    const r = rankSensitivity([allAt(50), allAt(100), allAt(0)], scheme);
    expect(r).toEqual([
      { rank: 2, medianRank: 2, p5Rank: 2, p95Rank: 2, rankedDraws: 1000 },
      { rank: 1, medianRank: 1, p5Rank: 1, p95Rank: 1, rankedDraws: 1000 },
      { rank: 3, medianRank: 3, p5Rank: 3, p95Rank: 3, rankedDraws: 1000 },
    ]);
  });

  it("keeps identical units tied in every draw", () => {
    const r = rankSensitivity([allAt(70), allAt(70)], scheme, { draws: 50 });
    expect(r.map((u) => [u.rank, u.medianRank, u.p95Rank])).toEqual([
      [1, 1, 1],
      [1, 1, 1],
    ]);
  });

  it("moves units whose order depends on the weights", () => {
    // a: governance 100, service 0; b: the reverse; other dimensions equal. Base weights 30 / 30
    // tie them; perturbed dimension weights break the tie either way.
    const a = {
      ...allAt(50),
      G1: 100,
      G2: 100,
      G3: 100,
      G4: 100,
      S1: 0,
      S2: 0,
      S3: 0,
      S4: 0,
      S5: 0,
    };
    const b = {
      ...allAt(50),
      G1: 0,
      G2: 0,
      G3: 0,
      G4: 0,
      S1: 100,
      S2: 100,
      S3: 100,
      S4: 100,
      S5: 100,
    };
    const r = rankSensitivity([a, b], scheme);
    expect(r.map((u) => u.rank)).toEqual([1, 1]);
    for (const u of r) {
      expect(u.p5Rank).toBe(1);
      expect(u.p95Rank).toBe(2);
    }
  });

  it("leaves units without an index unranked", () => {
    const r = rankSensitivity([allAt(80), {}], scheme, { draws: 20 });
    expect(r[0]).toEqual({ rank: 1, medianRank: 1, p5Rank: 1, p95Rank: 1, rankedDraws: 20 });
    expect(r[1]).toEqual({
      rank: null,
      medianRank: null,
      p5Rank: null,
      p95Rank: null,
      rankedDraws: 0,
    });
  });

  it("counts only the draws in which a unit on the half-weight line had an index", () => {
    // governance has only G1 + G2 (25 + 25 of 100, exactly half): ranked at base, but a draw that
    // weighs G3 + G4 more than G1 + G2 leaves governance, and so the index, without a score.
    const edge = { ...allAt(90), G3: null, G4: null };
    const [r] = rankSensitivity([edge, allAt(50)], scheme);
    expect(r!.rank).toBe(1);
    expect(r!.rankedDraws).toBeGreaterThan(0);
    expect(r!.rankedDraws).toBeLessThan(1000);
  });

  it("gives an empty list for no units and rank 1 for a single one", () => {
    expect(rankSensitivity([], scheme)).toEqual([]);
    expect(rankSensitivity([allAt(0)], scheme, { draws: 10 })[0]).toEqual({
      rank: 1,
      medianRank: 1,
      p5Rank: 1,
      p95Rank: 1,
      rankedDraws: 10,
    });
  });

  it("takes the defaults for options left undefined", () => {
    const units = [allAt(10), allAt(20)];
    expect(rankSensitivity(units, scheme, { draws: undefined, seed: undefined })).toEqual(
      rankSensitivity(units, scheme),
    );
  });

  it.each([0, -1, 2.5, Number.NaN])("throws RangeError for %s draws", (draws) => {
    expect(() => rankSensitivity([allAt(1)], scheme, { draws })).toThrow(/rankSensitivity/);
  });

  it("checks the spread even for no units", () => {
    expect(() => rankSensitivity([], scheme, { spread: 1.5 })).toThrow(/rankSensitivity/);
  });

  it("throws RangeError for a NaN score", () => {
    expect(() => rankSensitivity([{ ...allAt(1), G1: Number.NaN }], scheme, { draws: 1 })).toThrow(
      RangeError,
    );
  });

  const score = fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { freq: 8 });
  const unit = fc.record(
    Object.fromEntries(INDICATOR_CODES.map((c) => [c, score])) as Record<
      IndicatorCode,
      typeof score
    >,
  );
  const units = fc.array(unit, { minLength: 1, maxLength: 8 });

  it("is deterministic for a seed (property)", () => {
    fc.assert(
      fc.property(units, fc.integer({ min: 0, max: 2 ** 31 }), (us, seed) => {
        const a = rankSensitivity(us, scheme, { draws: 30, seed });
        const b = rankSensitivity(us, scheme, { draws: 30, seed });
        expect(b).toEqual(a);
      }),
      { numRuns: 40 },
    );
  });

  it("puts median and percentile ranks within [1, n] in order p5 ≤ median ≤ p95 (property)", () => {
    fc.assert(
      fc.property(units, fc.integer({ min: 0, max: 1000 }), (us, seed) => {
        const r = rankSensitivity(us, scheme, { draws: 30, seed });
        return r.every((u) => {
          if (u.rankedDraws === 0) return u.medianRank === null && u.p5Rank === null;
          const { p5Rank: lo, medianRank: mid, p95Rank: hi } = u;
          return lo! >= 1 && lo! <= mid! && mid! <= hi! && hi! <= us.length;
        });
      }),
      { numRuns: 40 },
    );
  });
});
