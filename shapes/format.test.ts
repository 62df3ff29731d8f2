import { describe, expect, it } from "vitest";
import {
  dataAsOfInstant,
  formatDelta,
  formatIndicator,
  formatInstant,
  formatNumber,
  formatWithUnit,
  NO_VALUE,
  periodLabel,
  periodShort,
  trendOf,
} from "./format.ts";

describe("display formatting", () => {
  it.each([
    [84.25, 1, "84.3"],
    [84.3, 1, "84.3"],
    [0, 1, "0.0"],
    [-2.5, 0, "-3"],
    [1.005, 2, "1.01"],
    [1234.5, 0, "1,235"],
    [null, 1, NO_VALUE],
    [Number.NaN, 1, NO_VALUE],
  ])("formatNumber(%s, %s) = %s", (value, decimals, expected) => {
    expect(formatNumber(value, decimals)).toBe(expected);
  });

  it("rounds each indicator with its catalogue decimals and never shows no value as 0", () => {
    expect(formatIndicator("S3", 13.645)).toBe("13.65");
    expect(formatIndicator("R4", 587.5)).toBe("588");
    expect(formatIndicator("G1", null)).toBe(NO_VALUE);
    expect(formatWithUnit("G1", 51.24)).toBe("51.2%");
    expect(formatWithUnit("S1", 33.84)).toBe("33.8 小时");
    expect(formatWithUnit("R2", 17.4666)).toBe("17.47 人/万人");
    expect(formatWithUnit("R4", null)).toBe(NO_VALUE);
  });

  it("signs a change with a true minus, and gives — when either side is missing", () => {
    expect(formatDelta(78.2, 76.4, 1)).toBe("+1.8");
    expect(formatDelta(70, 71.25, 1)).toBe("−1.3");
    expect(formatDelta(70, 70, 1)).toBe("0.0");
    expect(formatDelta(null, 70, 1)).toBe(NO_VALUE);
    expect(formatDelta(70, null, 1)).toBe(NO_VALUE);
  });

  it("judges a change by the indicator's direction", () => {
    expect(trendOf(5, 4, "up")).toBe("better");
    expect(trendOf(5, 4, "down")).toBe("worse");
    expect(trendOf(4, 4, "down")).toBe("same");
    expect(trendOf(null, 4)).toBeNull();
  });

  it("names quarters in Chinese and shortly", () => {
    expect(periodLabel("2026Q3")).toBe("2026年第三季度");
    expect(periodLabel("2025Q1")).toBe("2025年第一季度");
    expect(periodShort("2026Q3")).toBe("26Q3");
    expect(periodLabel("junk")).toBe("junk");
  });

  it("shows instants in Beijing time", () => {
    expect(formatInstant("2026-09-30T16:05:00Z")).toBe("2026-10-01 00:05");
    expect(formatInstant(null)).toBe(NO_VALUE);
    expect(formatInstant("not a date")).toBe(NO_VALUE);
  });
});

describe("dataAsOfInstant", () => {
  it("is the latest instant any source, return or survey was received; null for none", () => {
    expect(
      dataAsOfInstant({
        sources: [{ lastReceivedAt: "2026-09-30T16:00:00Z" }, { lastReceivedAt: null }],
        returns: "2026-10-09T08:00:00+08:00",
        surveys: "2026-09-30T10:00:00Z",
      }),
    ).toBe("2026-10-09T08:00:00+08:00");
    expect(dataAsOfInstant({ sources: [], returns: null, surveys: null })).toBeNull();
  });
});
