import { describe, expect, it } from "vitest";
import { sparkSegments } from "./sparkline.tsx";

describe("sparkSegments", () => {
  it("scales values into the box, highest at the top", () => {
    expect(sparkSegments([0, 10], 100, 28, 3)).toEqual(["0.0,25.0 100.0,3.0"]);
  });

  it("breaks the line at a quarter without a value instead of drawing it as 0", () => {
    const segments = sparkSegments([1, 2, null, 3, 4], 100, 28, 3);
    expect(segments).toHaveLength(2);
    expect(segments[0]?.split(" ")).toHaveLength(2);
    expect(segments[1]?.startsWith("75.0,")).toBe(true);
  });

  it("puts a flat series in the middle and handles a single value or none", () => {
    expect(sparkSegments([5, 5], 100, 28)).toEqual(["0.0,14.0 100.0,14.0"]);
    expect(sparkSegments([7], 100, 28)).toEqual(["50.0,14.0"]);
    expect(sparkSegments([null, null], 100, 28)).toEqual([]);
    expect(sparkSegments([], 100, 28)).toEqual([]);
  });
});
