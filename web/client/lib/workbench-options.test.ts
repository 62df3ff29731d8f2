import { describe, expect, it } from "vitest";
import { sensitivityOption, whatIfOption } from "./workbench-options.ts";

type Series = { data: unknown[]; label?: { formatter: (p: unknown) => string } }[];

describe("workbench chart options", () => {
  it("what-if: baseline and modified bars per unit, the first unit on top, labels with the new rank", () => {
    const o = whatIfOption({
      names: ["甲街道", "乙街道", "丙街道"],
      baseline: [82.04, 75, null],
      modified: [79.96, 81.25, null],
      baseRanks: [1, 2, null],
      ranks: [2, 1, null],
    }) as { yAxis: { data: string[] }; xAxis: { min: number }; series: Series };
    expect(o.yAxis.data).toEqual(["丙街道", "乙街道", "甲街道"]);
    expect(o.series[0]!.data).toEqual(["-", 75, 82.04]);
    expect(o.series[1]!.data).toEqual(["-", 81.25, 79.96]);
    // Lowest value 75 → floor 60 (ten below, rounded down to ten).
    expect(o.xAxis.min).toBe(60);
    const label = o.series[1]!.label!.formatter;
    expect(label({ dataIndex: 2 })).toBe("80.0 · 第2名");
    expect(label({ dataIndex: 1 })).toBe("81.3 · 第1名");
    expect(label({ dataIndex: 0 })).toBe("—");
  });

  it("sensitivity: an invisible base to p5 − ½, a bar p95 − p5 + 1 wide, median and rank points", () => {
    const o = sensitivityOption({
      names: ["甲", "乙", "丙"],
      rank: [1, 2, null],
      median: [1, 3, null],
      p5: [1, 2, null],
      p95: [2, 3, null],
      count: 3,
    }) as { xAxis: { min: number; max: number }; series: Series };
    expect([o.xAxis.min, o.xAxis.max]).toEqual([0, 4]);
    // Reversed: 丙 (no rank) at the bottom row 0, 甲 on top row 2.
    expect(o.series[0]!.data).toEqual(["-", 1.5, 0.5]);
    expect(o.series[1]!.data).toEqual(["-", 2, 2]);
    expect(o.series[2]!.data).toEqual([
      [3, 1],
      [1, 2],
    ]);
    expect(o.series[3]!.data).toEqual([
      [2, 1],
      [1, 2],
    ]);
    expect(o.series[3]!.label!.formatter({ value: [2, 1] })).toBe("第2名");
    const axis = (o.xAxis as unknown as { axisLabel: { formatter: (v: number) => string } })
      .axisLabel.formatter;
    expect([0, 1, 3, 4].map(axis)).toEqual(["", "第1名", "第3名", ""]);
  });
});
