import { describe, expect, it } from "vitest";
import { defaultSchemeDefinition } from "../../metrics/index.ts";
import { notesZh, parseWhatIfForm, whatIfProblems } from "./what-if-form.ts";

const def = defaultSchemeDefinition();
const query = (q: Record<string, string>) => (name: string) => q[name];

describe("the what-if page's form", () => {
  it("asks for nothing when every field holds the scheme's value", () => {
    const f = parseWhatIfForm(
      def,
      query({ "d.governance": String(def.dimensions.governance.weight), norm: "goalposts" }),
    );
    expect(f.changes).toEqual({});
    expect(f.problems).toEqual([]);
    expect(f.values["w.G1"]).toBe(def.indicators.G1.weight);
  });

  it("turns changed weights, goalposts and method into changes", () => {
    const f = parseWhatIfForm(
      def,
      query({ "d.service": "45", "w.G2": "0", "t.S1": "12", agg: "geometric", norm: "bogus" }),
    );
    expect(f.changes).toEqual({
      weights: { dimensions: { service: 45 }, indicators: { G2: 0 } },
      targets: { S1: { target: 12 } },
      aggregation: "geometric",
    });
    expect(f.normalisation).toBe(def.method.normalisation);
    expect(f.values["d.service"]).toBe(45);
  });

  it("names a bad value in Chinese and keeps the scheme's", () => {
    const f = parseWhatIfForm(def, query({ "w.G1": "-1", "f.S1": "abc", "d.resources": "1e9" }));
    expect(f.problems).toEqual([
      "G1 问题主动发现率 权重须为 0 至 10000 之间的数字（收到“-1”）。",
      "S1 平均办理时长 底线值须为数字（收到“abc”）。",
      "资源利用 维度权重须为 0 至 10000 之间的数字（收到“1e9”）。",
    ]);
    expect(f.values["w.G1"]).toBe(def.indicators.G1.weight);
  });

  it("puts the what-if's refusals and notes in Chinese", () => {
    expect(
      whatIfProblems([
        { path: "body.targets.S1", message: "x" },
        { path: "body.weights.dimensions", message: "x" },
      ]),
    ).toEqual([
      "S1 平均办理时长：目标值须低于底线值（越低越好的指标），且二者不能相等。",
      "四个维度的权重合计为 0，无法计算。",
    ]);
    expect(notesZh({}, def, ["Dimension weights summed to 110; renormalised to 100."])).toEqual([
      "四个维度的权重合计不是 100，已按比例换算为 100 计算。",
    ]);
  });
});
