import { describe, expect, it } from "vitest";
import {
  formatPeriod,
  parsePeriod,
  quarterEnd,
  quarterOf,
  quarterStart,
  shanghaiDate,
  shanghaiDayStart,
  shanghaiWallClock,
  shiftQuarter,
} from "./periods.ts";

describe("Asia/Shanghai quarters", () => {
  it("puts 2026-06-30T16:00:00Z in 2026Q3 and one millisecond earlier in 2026Q2", () => {
    expect(quarterOf(new Date("2026-06-30T16:00:00Z"))).toEqual({ year: 2026, quarter: 3 });
    expect(quarterOf(new Date("2026-06-30T15:59:59.999Z"))).toEqual({ year: 2026, quarter: 2 });
  });
  it("crosses the year boundary in local time", () => {
    expect(quarterOf(new Date("2025-12-31T16:00:00Z"))).toEqual({ year: 2026, quarter: 1 });
    expect(quarterStart({ year: 2026, quarter: 1 }).toISOString()).toBe("2025-12-31T16:00:00.000Z");
    expect(quarterEnd({ year: 2026, quarter: 4 }).toISOString()).toBe("2026-12-31T16:00:00.000Z");
  });
  it("parses and shifts periods", () => {
    expect(parsePeriod("2026Q3")).toEqual({ year: 2026, quarter: 3 });
    for (const bad of ["2026Q5", "2026q3", "26Q3", "2026-Q3", "", "1999Q1"])
      expect(parsePeriod(bad)).toBeNull();
    expect(shiftQuarter({ year: 2026, quarter: 1 }, -1)).toEqual({ year: 2025, quarter: 4 });
    expect(shiftQuarter({ year: 2026, quarter: 3 }, -4)).toEqual({ year: 2025, quarter: 3 });
    expect(shiftQuarter({ year: 2025, quarter: 4 }, 1)).toEqual({ year: 2026, quarter: 1 });
  });
  it("formats periods and Beijing wall-clock time", () => {
    expect(formatPeriod({ year: 2026, quarter: 3 })).toBe("2026Q3");
    expect(shanghaiWallClock(new Date("2026-09-30T10:05:00Z"))).toBe("2026-09-30T18:05:00.000");
    expect(shanghaiWallClock(Date.parse("2025-12-31T16:00:00Z"))).toBe("2026-01-01T00:00:00.000");
  });
  it("names the Beijing day of an instant and where that day starts", () => {
    // 16:00Z is Beijing midnight: one millisecond earlier is still the day before.
    expect(shanghaiDate(new Date("2026-10-01T16:00:00Z"))).toBe("2026-10-02");
    expect(shanghaiDate(Date.parse("2026-10-01T15:59:59.999Z"))).toBe("2026-10-01");
    expect(shanghaiDate("2025-12-31T16:00:00.000Z")).toBe("2026-01-01");
    expect(shanghaiDayStart(new Date("2026-10-01T17:00:00Z")).toISOString()).toBe(
      "2026-10-01T16:00:00.000Z",
    );
    expect(shanghaiDayStart(new Date("2026-10-01T15:59:59Z")).toISOString()).toBe(
      "2026-09-30T16:00:00.000Z",
    );
  });
});
