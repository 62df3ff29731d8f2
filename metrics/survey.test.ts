import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  cronbachAlpha,
  isSatisfied,
  responseScore,
  SURVEY_ITEMS,
  type SurveyAnswers,
  surveyStatsFromSums,
  surveySummary,
} from "./survey.ts";

describe("responseScore", () => {
  it.each<[SurveyAnswers, number | null]>([
    [{ overall: 5, timeliness: 5, effectiveness: 5, transparency: 5, attitude: 5 }, 100],
    [{ overall: 1, timeliness: 1, effectiveness: 1, transparency: 1, attitude: 1 }, 0],
    [{ overall: 3 }, 50], // (3 - 1) / 4
    [{ overall: 5, timeliness: 4, attitude: 3 }, 75], // mean 4: (4 - 1) / 4
    [{ overall: 4, timeliness: 5 }, 87.5], // mean 4.5: 3.5 / 4
    [{ overall: 2, effectiveness: null, attitude: 3 }, 37.5], // null is unanswered: mean 2.5
    [{}, null],
    [{ overall: null, attitude: undefined }, null],
  ])("%j → %s", (answers, expected) => {
    expect(responseScore(answers)).toBe(expected);
  });

  it.each([0, 6, 3.5, Number.NaN, -1])("throws RangeError for an answer of %s", (a) => {
    expect(() => responseScore({ overall: a })).toThrow(/responseScore/);
  });

  it("names the five items", () => {
    expect(SURVEY_ITEMS).toEqual([
      "overall",
      "timeliness",
      "effectiveness",
      "transparency",
      "attitude",
    ]);
  });
});

describe("isSatisfied", () => {
  it.each<[SurveyAnswers, boolean | null]>([
    [{ overall: 5 }, true],
    [{ overall: 4 }, true],
    [{ overall: 3, attitude: 5 }, false],
    [{ overall: 1 }, false],
    [{ attitude: 5 }, null],
    [{ overall: null }, null],
  ])("%j → %s", (answers, expected) => {
    expect(isSatisfied(answers)).toBe(expected);
  });

  it("throws RangeError for an invalid overall answer", () => {
    expect(() => isSatisfied({ overall: 7 })).toThrow(/isSatisfied/);
  });
});

describe("cronbachAlpha", () => {
  it("is 1 for perfectly consistent items", () => {
    // item variances 1 + 1 = 2; totals 2, 4, 6 have variance 4: 2 / 1 × (1 - 2 / 4)
    expect(
      cronbachAlpha([
        [1, 1],
        [2, 2],
        [3, 3],
      ]),
    ).toBeCloseTo(1, 12);
  });

  it("matches a hand computation on three items", () => {
    // item variances 5/3, 9/4, 11/12 (Σ 4.8333); totals 13, 8, 14, 7 have variance 12.3333;
    // 3 / 2 × (1 - 4.8333 / 12.3333) = 0.912162… (Python statistics.variance)
    const m = [
      [4, 5, 4],
      [2, 3, 3],
      [5, 5, 4],
      [3, 2, 2],
    ];
    expect(cronbachAlpha(m)).toBeCloseTo(0.9121621621621622, 12);
  });

  it("uses complete responses only", () => {
    const m = [
      [4, 5, 4],
      [2, 3, 3],
      [null, 1, 5],
      [5, 5, 4],
      [3, 2, 2],
      [1, null, null],
    ];
    expect(cronbachAlpha(m)).toBeCloseTo(0.9121621621621622, 12);
  });

  it("can be negative when items disagree", () => {
    // item variances 1 + 1; totals 4, 3, 5 have variance 1: 2 × (1 - 2 / 1) = -2
    expect(
      cronbachAlpha([
        [1, 3],
        [2, 1],
        [3, 2],
      ]),
    ).toBeCloseTo(-2, 12);
  });

  it.each([
    ["no responses", []],
    ["one item", [[1], [2], [3]]],
    [
      "one complete response",
      [
        [1, 2],
        [3, null],
      ],
    ],
    [
      "zero total variance (totals all 4)",
      [
        [1, 3],
        [2, 2],
        [3, 1],
      ],
    ],
    [
      "all answers equal",
      [
        [3, 3],
        [3, 3],
      ],
    ],
  ])("is null for %s", (_, m) => {
    expect(cronbachAlpha(m)).toBeNull();
  });

  it.each([
    ["ragged rows", [[1, 2], [3]]],
    [
      "NaN",
      [
        [1, Number.NaN],
        [2, 3],
      ],
    ],
  ])("throws RangeError for %s", (_, m) => {
    expect(() => cronbachAlpha(m)).toThrow(/cronbachAlpha/);
  });
});

describe("surveySummary", () => {
  it("summarises a small sample", () => {
    // scores 100, 50, 0 (the third only answered timeliness = 1); mean 50, s 50,
    // half-width 1.96 × 50 / √3 = 56.58032638058333; satisfied 1 of the 2 that answered overall
    const s = surveySummary([{ overall: 5, attitude: 5 }, { overall: 3 }, { timeliness: 1 }, {}]);
    expect(s.n).toBe(3);
    expect(s.score).toBe(50);
    expect(s.scoreCi![0]).toBeCloseTo(50 - 56.58032638058333, 10);
    expect(s.scoreCi![1]).toBeCloseTo(50 + 56.58032638058333, 10);
    expect(s.satisfactionRate).toBe(50);
    // Wilson(1, 2) × 100, from the Python implementation
    expect(s.satisfactionCi![0]).toBeCloseTo(9.4528654800866, 10);
    expect(s.satisfactionCi![1]).toBeCloseTo(90.54713451991339, 10);
    expect(s.insufficient).toBe(true);
    expect(s.items).toEqual({
      overall: { n: 2, mean: 4 },
      timeliness: { n: 1, mean: 1 },
      effectiveness: { n: 0, mean: null },
      transparency: { n: 0, mean: null },
      attitude: { n: 1, mean: 5 },
    });
    expect(s.alpha).toBeNull(); // no response answered all five items
  });

  it("gives empty figures for no responses", () => {
    expect(surveySummary([])).toMatchObject({
      n: 0,
      score: null,
      scoreCi: null,
      satisfactionRate: null,
      satisfactionCi: null,
      insufficient: true,
      alpha: null,
    });
  });

  it("drops the insufficient flag at 30 responses and computes alpha on complete ones", () => {
    const full = (a: number, b: number): SurveyAnswers => ({
      overall: a,
      timeliness: a,
      effectiveness: b,
      transparency: b,
      attitude: a,
    });
    const responses = Array.from({ length: 30 }, (_, i) => full((i % 5) + 1, (i % 5) + 1));
    const s = surveySummary(responses);
    expect(s.n).toBe(30);
    expect(s.insufficient).toBe(false);
    expect(s.score).toBe(50); // answers 1..5 equally often: mean response score (0+25+50+75+100)/5
    expect(s.satisfactionRate).toBe(40); // answers 4 and 5: 12 of 30
    expect(s.alpha).toBeCloseTo(1, 12); // identical items
    expect(surveySummary(responses.slice(1)).insufficient).toBe(true);
  });

  it("throws RangeError for an invalid answer", () => {
    expect(() => surveySummary([{ overall: 9 }])).toThrow(RangeError);
  });
});

describe("surveyStatsFromSums", () => {
  it("hand-computed: scores 50, 75, 100, two of three satisfied", () => {
    const st = surveyStatsFromSums({
      n: 3,
      scoreSum: 225,
      scoreSquares: 50 * 50 + 75 * 75 + 100 * 100,
      overallN: 3,
      satisfied: 2,
    });
    expect(st.score).toBe(75);
    expect(st.sd).toBeCloseTo(25, 12);
    expect(st.scoreCi![0]).toBeCloseTo(75 - (1.96 * 25) / Math.sqrt(3), 12);
    expect(st.satisfactionRate).toBeCloseTo(200 / 3, 12);
    expect(st.insufficient).toBe(true);
    expect(
      surveyStatsFromSums({ n: 1, scoreSum: 80, scoreSquares: 6400, overallN: 0, satisfied: 0 }),
    ).toMatchObject({ score: 80, sd: null, scoreCi: null, satisfactionRate: null });
    expect(
      surveyStatsFromSums({ n: 0, scoreSum: 0, scoreSquares: 0, overallN: 0, satisfied: 0 }).score,
    ).toBeNull();
  });

  it("gives no spread to equal scores a float cannot hold exactly (16.67 three times)", () => {
    const rs = Array.from({ length: 3 }, () => ({ overall: 1, timeliness: 2, attitude: 2 }));
    const scores = rs.map(responseScore) as number[];
    const st = surveyStatsFromSums({
      n: 3,
      scoreSum: scores.reduce((a, b) => a + b, 0),
      scoreSquares: scores.reduce((a, b) => a + b * b, 0),
      overallN: 3,
      satisfied: 0,
    });
    expect(st.sd).toBe(0);
    expect(st.scoreCi).toEqual([st.score, st.score]);
    expect(st.scoreCi).toEqual(surveySummary(rs).scoreCi);
  });

  it("agrees with surveySummary over the same responses", () => {
    const answer = fc.option(fc.integer({ min: 1, max: 5 }), { nil: null });
    const response = fc.record({ overall: answer, timeliness: answer, attitude: answer });
    fc.assert(
      fc.property(fc.array(response, { maxLength: 60 }), (responses) => {
        const scores = responses.map(responseScore).filter((x): x is number => x !== null);
        const answered = responses.filter((r) => responseScore(r) !== null);
        const overall = answered.map(isSatisfied).filter((x) => x !== null);
        const st = surveyStatsFromSums({
          n: scores.length,
          scoreSum: scores.reduce((a, b) => a + b, 0),
          scoreSquares: scores.reduce((a, b) => a + b * b, 0),
          overallN: overall.length,
          satisfied: overall.filter((x) => x).length,
        });
        const sum = surveySummary(responses);
        const close = (a: number | null, b: number | null) =>
          a === null || b === null ? a === b : Math.abs(a - b) < 1e-9;
        expect(close(st.score, sum.score)).toBe(true);
        expect(close(st.scoreCi?.[0] ?? null, sum.scoreCi?.[0] ?? null)).toBe(true);
        expect(close(st.scoreCi?.[1] ?? null, sum.scoreCi?.[1] ?? null)).toBe(true);
        expect(close(st.satisfactionRate, sum.satisfactionRate)).toBe(true);
        expect(st.satisfactionCi).toEqual(sum.satisfactionCi);
        expect(st.insufficient).toBe(sum.insufficient);
      }),
    );
  });
});
