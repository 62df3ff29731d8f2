import { describe, expect, it } from "vitest";
import { defaultSchemeDefinition } from "../../metrics/index.ts";
import {
  checkSchemeDefinition,
  frozenYearsHit,
  goalpostProblem,
  resolveSchemeVersion,
  type SchemeVersion,
} from "./definition.ts";

const version = (v: number, validFromYear: number): SchemeVersion => ({
  id: "s",
  version: v,
  validFromYear,
  name: "s",
  definition: defaultSchemeDefinition(),
  createdBy: null,
  createdAt: new Date(0),
});

describe("resolveSchemeVersion", () => {
  const versions = [version(1, 2000), version(2, 2027), version(3, 2026)];
  it.each([
    [2025, undefined, 1],
    [2026, undefined, 3],
    // A version applies from its year until a later-effective one takes over: v3 (created for
    // 2026, a past year when v2 already governed 2027) does not rescore 2027 (issue 18 part 3).
    [2027, undefined, 2],
    [2030, undefined, 2],
    [2026, 2, 2],
    [1999, undefined, null],
    [2026, 9, null],
  ])("year %i pinned %s → version %s", (year, pinned, expected) => {
    expect(resolveSchemeVersion(versions, year, pinned)?.version ?? null).toBe(expected);
  });
  it("finds nothing in an empty list", () => {
    expect(resolveSchemeVersion([], 2026)).toBeNull();
  });
  it("takes the highest number among versions of the same year", () => {
    expect(resolveSchemeVersion([...versions, version(4, 2026)], 2026)?.version).toBe(4);
    expect(resolveSchemeVersion([...versions, version(4, 2026)], 2027)?.version).toBe(2);
  });
});

describe("frozenYearsHit", () => {
  const existing = [version(1, 2000), version(2, 2027)];
  const frozen = new Map([
    [2025, ["2025Q4 已关账"]],
    [2027, ["2027Q1 已发布报告"]],
  ]);
  it.each([
    // From 2026: applies in 2026 only (2027 stays v2): no frozen year.
    [2026, []],
    // From 2024: applies 2024–2026, so 2025 (closed).
    [2024, [2025]],
    // From 2027: replaces v2 in 2027 and later: 2027 (published).
    [2027, [2027]],
    [2028, []],
    [2000, [2025]],
  ])("a version from %i hits %j", (from, years) => {
    expect(frozenYearsHit(existing, from, frozen).map((h) => h.year)).toEqual(years);
  });
});

describe("goalpostProblem", () => {
  it.each([
    ["G1", 60, 20, null],
    ["G1", 20, 60, "须高于底线"],
    ["S1", 24, 120, null],
    ["S1", 200, 120, "须低于底线"],
    ["R4", 300, 300, "不能相同"],
  ] as const)("%s target %d floor %d", (code, target, floor, problem) => {
    const p = goalpostProblem(code, target, floor);
    if (problem === null) expect(p).toBeNull();
    else expect(p).toContain(problem);
  });
});

describe("checkSchemeDefinition", () => {
  it("accepts the default scheme as it is", () => {
    const { definition, errors } = checkSchemeDefinition(defaultSchemeDefinition(), "d");
    expect(errors).toEqual([]);
    expect(definition).toEqual(defaultSchemeDefinition());
  });
  it("names missing and unknown codes and empty weight sets", () => {
    const d = defaultSchemeDefinition();
    const indicators: Record<string, unknown> = { ...d.indicators, Q9: d.indicators.G1 };
    delete indicators.P2;
    for (const c of ["R1", "R2", "R3", "R4"]) {
      indicators[c] = { ...(indicators[c] as object), weight: 0 };
    }
    const { errors } = checkSchemeDefinition(
      {
        ...d,
        indicators: indicators as typeof d.indicators,
        dimensions: { ...d.dimensions, extra: { weight: 1 } },
      },
      "d",
    );
    const paths = errors.map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining(["d.indicators.Q9", "d.indicators.P2", "d.dimensions.extra"]),
    );
    expect(errors.some((e) => e.message.includes("resources"))).toBe(true);
  });
});
