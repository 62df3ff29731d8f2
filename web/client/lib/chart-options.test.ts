import { describe, expect, it } from "vitest";
import { GRADE_COLOURS } from "../../../shapes/theme.ts";
import { axisFloor, radarOption, rankingOption, trendOption } from "./chart-options.ts";

// biome-ignore lint/suspicious/noExplicitAny: reading into ECharts' loosely typed option objects
type Loose = any;

describe("dashboard chart options", () => {
  it("draws a missing dimension score as ECharts' empty value, never 0", () => {
    const o: Loose = radarOption({
      labels: ["治理效能", "服务效能", "资源利用", "群众参与"],
      current: [80, null, 70, 60],
      previous: [null, null, null, null],
      currentName: "本季度",
      previousName: "上季度",
    });
    expect(o.radar.indicator).toHaveLength(4);
    expect(o.series[0].data[1].value).toEqual([80, "-", 70, 60]);
    expect(o.series[0].data[0].value).toEqual(["-", "-", "-", "-"]);
    expect(o.animation).toBe(false);
  });

  it("ranks the best child on top, coloured by grade, with its link", () => {
    const o: Loose = rankingOption({
      names: ["甲", "乙", "丙"],
      index: [91, 72, null],
      indexText: ["91.0", "72.0", "无数据"],
      grades: ["excellent", "pass", null],
      hrefs: ["/a", "/b", "/c"],
    });
    // ECharts draws the first category at the bottom: the order is reversed.
    expect(o.yAxis.data).toEqual(["丙", "乙", "甲"]);
    const bars = o.series[0].data;
    expect(bars[2]).toMatchObject({ value: 91, href: "/a" });
    expect(bars[2].itemStyle.color).toBe(GRADE_COLOURS.excellent.solid);
    expect(bars[0]).toMatchObject({ value: "-", href: "/c" });
    expect(bars[0].itemStyle.color).toBe(GRADE_COLOURS.none.solid);
    expect(o.series[0].label.formatter({ dataIndex: 0 })).toBe("无数据");
  });

  it("marks the selected quarter on the trend and leaves gaps", () => {
    const o: Loose = trendOption({
      periods: ["26Q1", "26Q2", "26Q3"],
      index: [70, null, 75],
      indexText: ["70.0", "无数据", "75.0"],
      selected: 2,
    });
    expect(o.series[0].data.map((d: Loose) => d.value)).toEqual([70, "-", 75]);
    expect(o.series[0].data[2].symbolSize).toBeGreaterThan(o.series[0].data[0].symbolSize);
    expect(o.yAxis.min).toBe(60);
  });

  it("floors the trend axis ten below the lowest value", () => {
    expect(axisFloor([71, 88])).toBe(60);
    expect(axisFloor([5])).toBe(0);
    expect(axisFloor([null])).toBe(0);
  });
});
