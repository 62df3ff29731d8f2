import { describe, expect, it } from "vitest";
import { roundHalfAwayFromZero } from "./display.ts";

describe("roundHalfAwayFromZero", () => {
  it.each([
    [84.25, 1, 84.3], // index / score / % to one decimal
    [84.24, 1, 84.2],
    [84.35, 1, 84.4],
    [2.5, 0, 3],
    [-2.5, 0, -3], // away from zero (Math.round gives -2)
    [-84.25, 1, -84.3],
    [1.005, 2, 1.01], // the double is 1.00499999999999989…; it reads 1.005
    [2.675, 2, 2.68], // ‰ to two decimals
    [0.125, 2, 0.13],
    [1234.5, 0, 1235], // yuan to whole yuan
    [0.1 + 0.2, 1, 0.3],
    [123456789012.345, 2, 123456789012.35],
    [0, 1, 0],
    [7, 2, 7],
  ])("%d to %d places → %d", (value, decimals, expected) => {
    expect(roundHalfAwayFromZero(value, decimals)).toBe(expected);
  });

  it("never gives -0", () => {
    expect(Object.is(roundHalfAwayFromZero(-0.04, 1), 0)).toBe(true);
    expect(Object.is(roundHalfAwayFromZero(-0, 0), 0)).toBe(true);
  });

  it("returns very large values unchanged and null as null", () => {
    expect(roundHalfAwayFromZero(1e16 + 2, 1)).toBe(1e16 + 2);
    expect(roundHalfAwayFromZero(null, 1)).toBeNull();
  });

  it.each([
    [Number.NaN, 1],
    [Number.POSITIVE_INFINITY, 1],
    [1, -1],
    [1, 1.5],
    [1, 7],
  ])("throws RangeError for (%s, %s)", (value, decimals) => {
    expect(() => roundHalfAwayFromZero(value, decimals)).toThrow(/roundHalfAwayFromZero/);
  });
});
