import { describe, expect, it } from "vitest";
import { INDICATOR_CODES, INDICATORS } from "./catalogue.ts";
import { defaultSchemeDefinition, GRADE_THRESHOLDS } from "./scheme.ts";

describe("defaultSchemeDefinition", () => {
  it("gives the 369-default method, SLA and dimension weights", () => {
    const s = defaultSchemeDefinition();
    expect(s.responseSlaMinutes).toBe(60);
    expect(s.method).toEqual({ normalisation: "goalposts", aggregation: "arithmetic" });
    expect(s.dimensions).toEqual({
      governance: { weight: 30 },
      service: { weight: 30 },
      resources: { weight: 20 },
      participation: { weight: 20 },
    });
  });

  it("copies every indicator's goalposts, weight and direction from the catalogue", () => {
    const s = defaultSchemeDefinition();
    expect(Object.keys(s.indicators)).toEqual(INDICATOR_CODES);
    expect(s.indicators.G1).toEqual({ target: 60, floor: 20, weight: 25, direction: "up" });
    expect(s.indicators.R4).toEqual({ target: 300, floor: 1500, weight: 20, direction: "down" });
    for (const c of INDICATOR_CODES) {
      const { target, floor, weight, direction } = INDICATORS[c];
      expect(s.indicators[c]).toEqual({ target, floor, weight, direction });
    }
  });

  it("returns a fresh, editable copy each time", () => {
    const a = defaultSchemeDefinition();
    a.indicators.G1.target = 70;
    a.dimensions.service.weight = 0;
    const b = defaultSchemeDefinition();
    expect(b.indicators.G1.target).toBe(60);
    expect(b.dimensions.service.weight).toBe(30);
    expect(INDICATORS.G1.target).toBe(60);
  });
});

describe("GRADE_THRESHOLDS", () => {
  it("is ≥ 90 优秀, ≥ 80 良好, ≥ 60 合格, else 不合格, highest first", () => {
    expect(GRADE_THRESHOLDS.map((t) => [t.grade, t.labelZh, t.min])).toEqual([
      ["excellent", "优秀", 90],
      ["good", "良好", 80],
      ["pass", "合格", 60],
      ["fail", "不合格", Number.NEGATIVE_INFINITY],
    ]);
  });
});
