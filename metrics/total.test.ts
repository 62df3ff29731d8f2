import { describe, expect, it } from "vitest";
import { evaluateSiblings, scoreIndicators } from "./evaluate.ts";
import { defaultSchemeDefinition, goalpostsFor, type SchemeDefinition } from "./scheme.ts";
import { adjustmentOf, assessorScoreOf, totalOf } from "./total.ts";

// Hand-computed from INDICATORS.md "Assessor score", "Adjustment", "Total", "Rank".

function scheme(): SchemeDefinition {
  return {
    ...defaultSchemeDefinition(),
    assessorItems: [
      { code: "A1", name: "制度建设", weight: 2 },
      { code: "A2", name: "台账规范", weight: 1 },
    ],
    adjustmentItems: [
      { code: "B1", name: "创新举措", kind: "bonus", maxPoints: 3 },
      { code: "B2", name: "典型经验", kind: "bonus", maxPoints: 4 },
      { code: "D1", name: "重大失误", kind: "penalty", maxPoints: 10 },
    ],
    assessorWeight: 0.3,
    adjustmentCap: 5,
    targetOverrides: [
      { indicator: "R2", urban: false, target: 14, floor: 6 },
      { indicator: "R2", level: "village", target: 12, floor: 5 },
      { indicator: "R2", level: "village", urban: false, target: 10, floor: 4 },
    ],
  };
}

const signed = (
  items: [string, number][],
  adjustments: [string, number][] = [],
  signedOff = true,
) => ({
  items: items.map(([code, score]) => ({ code, score })),
  adjustments: adjustments.map(([code, points]) => ({ code, points })),
  signedOff,
});

describe("assessor score, adjustment and total", () => {
  it("weights the scored items, renormalised; sums and caps the points", () => {
    const s = scheme();
    // (2·90 + 1·60) / 3 = 80; A2 unscored: 90; nothing scored: none
    expect(
      assessorScoreOf(
        s,
        signed([
          ["A1", 90],
          ["A2", 60],
        ]),
      ),
    ).toBe(80);
    expect(assessorScoreOf(s, signed([["A1", 90]]))).toBe(90);
    expect(assessorScoreOf(s, signed([]))).toBeNull();
    expect(assessorScoreOf(s, undefined)).toBeNull();
    // +3 − 1 = 2; 3 + 4 = 7 → cap 5; −10 → −5; over an item's maximum counts the maximum
    expect(
      adjustmentOf(
        s,
        signed(
          [],
          [
            ["B1", 3],
            ["D1", 1],
          ],
        ),
      ),
    ).toBe(2);
    expect(
      adjustmentOf(
        s,
        signed(
          [],
          [
            ["B1", 3],
            ["B2", 4],
          ],
        ),
      ),
    ).toBe(5);
    expect(adjustmentOf(s, signed([], [["D1", 10]]))).toBe(-5);
    expect(adjustmentOf(s, signed([], [["B1", 9]]))).toBe(3);
    expect(adjustmentOf(s, undefined)).toBe(0);
  });

  it("totals 0.7 × index + 0.3 × assessor score + adjustment, clamped to 0–100", () => {
    const s = scheme();
    // 0.7·80 + 0.3·80 + 2 = 82
    expect(
      totalOf(
        80,
        s,
        signed(
          [
            ["A1", 90],
            ["A2", 60],
          ],
          [
            ["B1", 3],
            ["D1", 1],
          ],
        ),
      ),
    ).toEqual({
      assessorScore: 80,
      adjustment: 2,
      total: 82,
      provisional: false,
    });
    // 0.7·99 + 0.3·100 + 3 = 102.3 → 100; 0.7·3 + 0.3·0 − 5 = −2.9 → 0
    expect(
      totalOf(
        99,
        s,
        signed(
          [
            ["A1", 100],
            ["A2", 100],
          ],
          [["B1", 3]],
        ),
      ).total,
    ).toBe(100);
    expect(
      totalOf(
        3,
        s,
        signed(
          [
            ["A1", 0],
            ["A2", 0],
          ],
          [["D1", 8]],
        ),
      ).total,
    ).toBe(0);
    // a draft: the same total, provisional
    const draft = totalOf(
      80,
      s,
      signed(
        [
          ["A1", 90],
          ["A2", 60],
        ],
        [],
        false,
      ),
    );
    expect(draft).toMatchObject({ total: 80, provisional: true });
    // w > 0 and no assessor score: index + adjustment, provisional
    expect(totalOf(80, s, signed([], [["B1", 1]]))).toMatchObject({ total: 81, provisional: true });
    // no index, no total
    expect(totalOf(null, s, signed([["A1", 90]])).total).toBeNull();
    // the default scheme: the total is the index, never provisional
    expect(totalOf(73.5, defaultSchemeDefinition(), undefined)).toEqual({
      assessorScore: null,
      adjustment: 0,
      total: 73.5,
      provisional: false,
    });
  });

  it("ranks and grades siblings by total; ties in total share a rank", () => {
    const s = scheme();
    const all = { G1: 60, G2: 95, G3: 95, G4: 85, S1: 24, S2: 90, S3: 5, S4: 70, S5: 90 };
    const full = { ...all, R1: 100, R2: 18, R3: 95, R4: 300, P1: 30, P2: 80, P3: 5, P4: 60 };
    // index 100 each. A: 0.7·100 + 0.3·100 + 3 = 103 → 100; B: 100 → tie with A;
    // C: 0.7·100 + 0.3·(2·50 + 1·50)/3 − 5 = 80 → 良好; D: no return → no total, unranked.
    const e = evaluateSiblings([full, full, full, all], s, {
      assessments: [
        signed(
          [
            ["A1", 100],
            ["A2", 100],
          ],
          [["B1", 3]],
        ),
        signed([
          ["A1", 100],
          ["A2", 100],
        ]),
        signed(
          [
            ["A1", 50],
            ["A2", 50],
          ],
          [["D1", 5]],
        ),
        undefined,
      ],
    });
    expect(e.map((x) => x.index)).toEqual([100, 100, 100, null]);
    expect(e.map((x) => x.total)).toEqual([100, 100, 80, null]);
    expect(e.map((x) => x.rank)).toEqual([1, 1, 3, null]);
    expect(e.map((x) => x.grade)).toEqual(["excellent", "excellent", "good", null]);
    expect(e[2]!.indexGrade).toBe("excellent");
  });
});

describe("targets by level and urban/rural", () => {
  it("picks the most specific override: level and urban, level, urban, the indicator's own", () => {
    const s = scheme();
    const at = (level: string, urban: boolean | null) => goalpostsFor(s, "R2", { level, urban });
    expect(at("village", false)).toMatchObject({ target: 10, floor: 4 });
    expect(at("village", true)).toMatchObject({ target: 12, floor: 5 });
    expect(at("community", false)).toMatchObject({ target: 14, floor: 6 });
    expect(at("community", true)).toMatchObject({ target: 18, floor: 8 });
    expect(at("community", null)).toMatchObject({ target: 18, floor: 8 });
    expect(goalpostsFor(s, "R3", { level: "village", urban: false })).toMatchObject({
      target: 95,
      floor: 60,
    });
  });

  it("changes a rural community's R2 score: 12 per 10k scores 40 urban, 75 rural", () => {
    const s = scheme();
    // urban: (12 − 8)/(18 − 8) = 40; rural community: (12 − 6)/(14 − 6) = 75
    const [urban, rural] = scoreIndicators([{ R2: 12 }, { R2: 12 }], s, [
      { level: "community", urban: true },
      { level: "community", urban: false },
    ]);
    expect(urban!.R2).toBeCloseTo(40, 9);
    expect(rural!.R2).toBe(75);
    // without profiles the indicator's own goalposts apply
    expect(scoreIndicators([{ R2: 12 }], s)[0]!.R2).toBeCloseTo(40, 9);
  });
});
