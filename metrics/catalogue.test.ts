import { describe, expect, it } from "vitest";
import {
  DIMENSION_DEFS,
  DIMENSIONS,
  INDICATOR_CODES,
  INDICATORS,
  type IndicatorCode,
  UNIT_DECIMALS,
} from "./catalogue.ts";

// Re-typed by hand from the INDICATORS.md table: code, name, dimension, unit, factor, direction,
// target, floor, weight, display decimals.
const TABLE: [
  IndicatorCode,
  string,
  string,
  string,
  number,
  string,
  number,
  number,
  number,
  number,
][] = [
  ["G1", "问题主动发现率", "governance", "%", 100, "up", 60, 20, 25, 1],
  ["G2", "按期办结率", "governance", "%", 100, "up", 95, 70, 25, 1],
  ["G3", "响应及时率", "governance", "%", 100, "up", 95, 70, 20, 1],
  ["G4", "群众满意度指数", "governance", "分", 1, "up", 85, 60, 30, 1],
  ["S1", "平均办理时长", "service", "h", 1, "down", 24, 120, 20, 1],
  ["S2", "一次办结率", "service", "%", 100, "up", 90, 60, 25, 1],
  ["S3", "投诉率", "service", "‰", 1000, "down", 5, 30, 20, 2],
  ["S4", "网上办理率", "service", "%", 100, "up", 70, 20, 15, 1],
  ["S5", "回访满意率", "service", "%", 100, "up", 90, 60, 20, 1],
  ["R1", "资金执行进度", "resources", "%", 100, "up", 100, 50, 35, 1],
  ["R2", "每万人社区工作者数", "resources", "每万人", 10000, "up", 18, 8, 25, 2],
  ["R3", "编制到岗率", "resources", "%", 100, "up", 95, 60, 20, 1],
  ["R4", "件均成本", "resources", "元", 1, "down", 300, 1500, 20, 0],
  ["P1", "居民参与率", "participation", "%", 100, "up", 30, 5, 30, 1],
  ["P2", "协商事项解决率", "participation", "%", 100, "up", 80, 40, 30, 1],
  ["P3", "志愿者注册率", "participation", "%", 100, "up", 5, 1, 20, 1],
  ["P4", "平台使用率", "participation", "%", 100, "up", 60, 20, 20, 1],
];

describe("INDICATORS", () => {
  it("lists the 17 codes in catalogue order", () => {
    expect(INDICATOR_CODES).toEqual(TABLE.map((r) => r[0]));
    expect(Object.keys(INDICATORS)).toEqual(INDICATOR_CODES);
  });

  it.each(TABLE)(
    "%s %s matches INDICATORS.md",
    (code, nameZh, dimension, unit, factor, direction, target, floor, weight, decimals) => {
      expect(INDICATORS[code]).toMatchObject({
        code,
        nameZh,
        dimension,
        unit,
        factor,
        direction,
        target,
        floor,
        weight,
        decimals,
      });
      expect(INDICATORS[code].nameEn.length).toBeGreaterThan(0);
    },
  );

  it("marks exactly R1–R4 and P1–P4 as using quarterly returns", () => {
    const uses = INDICATOR_CODES.filter((c) => INDICATORS[c].usesReturns);
    expect(uses).toEqual(["R1", "R2", "R3", "R4", "P1", "P2", "P3", "P4"]);
  });

  it("puts the target on the better side of the floor", () => {
    for (const c of INDICATOR_CODES) {
      const { target, floor, direction } = INDICATORS[c];
      expect(direction === "up" ? target > floor : target < floor).toBe(true);
    }
  });

  it("is frozen", () => {
    expect(Object.isFrozen(INDICATORS)).toBe(true);
    expect(Object.isFrozen(INDICATORS.G1)).toBe(true);
  });

  it("takes display decimals from the unit", () => {
    expect(UNIT_DECIMALS).toEqual({ "%": 1, "‰": 2, h: 1, 元: 0, 每万人: 2, 分: 1 });
  });
});

describe("DIMENSION_DEFS", () => {
  it.each([
    ["governance", "治理效能", 30, ["G1", "G2", "G3", "G4"]],
    ["service", "服务效能", 30, ["S1", "S2", "S3", "S4", "S5"]],
    ["resources", "资源利用", 20, ["R1", "R2", "R3", "R4"]],
    ["participation", "群众参与", 20, ["P1", "P2", "P3", "P4"]],
  ] as const)("%s is %s, weight %i, %j", (dimension, nameZh, weight, indicators) => {
    expect(DIMENSION_DEFS[dimension]).toMatchObject({ dimension, nameZh, weight, indicators });
  });

  it("has dimension weights summing to 100 (30 + 30 + 20 + 20)", () => {
    expect(DIMENSIONS.reduce((a, d) => a + DIMENSION_DEFS[d].weight, 0)).toBe(100);
  });

  // governance 25+25+20+30, service 20+25+20+15+20, resources 35+25+20+20, participation 30+30+20+20
  it.each(DIMENSIONS)("has indicator weights in %s summing to 100", (d) => {
    const sum = DIMENSION_DEFS[d].indicators.reduce((a, c) => a + INDICATORS[c].weight, 0);
    expect(sum).toBe(100);
  });
});
