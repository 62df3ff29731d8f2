import { describe, expect, it } from "vitest";
import { compareKeys } from "./sort-table.ts";

describe("compareKeys", () => {
  it("sorts numbers numerically, both ways", () => {
    const keys = ["10", "9", "100"];
    expect([...keys].sort((a, b) => compareKeys(a, b, true, "ascending"))).toEqual([
      "9",
      "10",
      "100",
    ]);
    expect([...keys].sort((a, b) => compareKeys(a, b, true, "descending"))).toEqual([
      "100",
      "10",
      "9",
    ]);
  });

  it("puts cells without a value last in either direction", () => {
    const keys = ["", "2", "1"];
    expect([...keys].sort((a, b) => compareKeys(a, b, true, "ascending"))).toEqual(["1", "2", ""]);
    expect([...keys].sort((a, b) => compareKeys(a, b, true, "descending"))).toEqual(["2", "1", ""]);
  });

  it("sorts text by the Chinese collation", () => {
    expect(compareKeys("甲", "甲", false, "ascending")).toBe(0);
    expect(Math.sign(compareKeys("a", "b", false, "descending"))).toBe(1);
  });
});
