import { describe, expect, it } from "vitest";
import { DEFAULT_QUARTERS, parseQuarter, resolvePlan } from "./options.ts";

describe("quarters", () => {
  it("starts and ends at Asia/Shanghai midnight", () => {
    const q = parseQuarter("2026Q3");
    expect(new Date(q.startMs).toISOString()).toBe("2026-06-30T16:00:00.000Z");
    expect(new Date(q.endMs).toISOString()).toBe("2026-09-30T16:00:00.000Z");
    expect(new Date(parseQuarter("2025Q4").endMs).toISOString()).toBe("2025-12-31T16:00:00.000Z");
  });

  it("rejects malformed labels", () => {
    expect(() => parseQuarter("2026Q5")).toThrow(RangeError);
    expect(() => parseQuarter("2026-Q1")).toThrow(RangeError);
  });
});

describe("resolvePlan", () => {
  it("defaults to the demo district, 2025Q1–2026Q3", () => {
    const plan = resolvePlan();
    expect(plan.quarters.map((q) => q.label)).toEqual(DEFAULT_QUARTERS);
    expect(plan.quarters.map((q) => q.label)).not.toContain("2026Q4");
    expect(plan.streetsPerDistrict * plan.communitiesPerStreet).toBe(120);
    expect(plan.casesPerYear).toBe(120_000);
    expect(plan.minCasesPerQuarter).toBe(150);
    expect(new Date(plan.asOfMs).toISOString()).toBe("2026-09-30T16:00:00.000Z");
  });

  it("sizes the district and city scales", () => {
    const district = resolvePlan({ scale: "district" });
    expect(district.districts * district.streetsPerDistrict * district.communitiesPerStreet).toBe(
      300,
    );
    expect(district.casesPerYear).toBe(1_000_000);
    const city = resolvePlan({ scale: "city", casesPerYear: 5_000_000 });
    expect(city.districts * city.streetsPerDistrict * city.communitiesPerStreet).toBe(6912);
    expect(city.casesPerYear).toBe(5_000_000);
    expect(city.minCasesPerQuarter).toBe(0);
  });

  it("sorts and de-duplicates quarters", () => {
    const plan = resolvePlan({ quarters: ["2026Q1", "2025Q4", "2026Q1"] });
    expect(plan.quarters.map((q) => q.label)).toEqual(["2025Q4", "2026Q1"]);
  });

  it("names a bad option", () => {
    expect(() => resolvePlan({ streets: 0 })).toThrow(/streets/);
    expect(() => resolvePlan({ communitiesPerStreet: 1.5 })).toThrow(/communitiesPerStreet/);
    expect(() => resolvePlan({ casesPerYear: -1 })).toThrow(/casesPerYear/);
    expect(() => resolvePlan({ quarters: [] })).toThrow(/quarters/);
  });
});
