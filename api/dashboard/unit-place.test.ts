import { describe, expect, it } from "vitest";
import type { UnitRef } from "../org-tree/queries.ts";
import { buildTreeIndex } from "../org-tree/tree-index.ts";
import { ambiguousCodes, fullUnitName, placeOf } from "./unit-place.ts";

const u = (
  id: number,
  code: string,
  name: string,
  level: UnitRef["level"],
  parentId: number | null,
) => ({ id, code, name, level, parentId, urban: true }) as UnitRef;

const tree = buildTreeIndex([
  u(1, "D", "浦江新区", "district", null),
  u(2, "S1", "振华街道", "street", 1),
  u(3, "S2", "石桥街道", "street", 1),
  u(4, "S1C1", "馨苑社区", "community", 2),
  u(5, "S2C1", "馨苑社区", "community", 3),
  u(6, "S1C1G1", "第一网格", "grid", 4),
]);
const at = (code: string) => placeOf(tree, tree.byCode.get(code)!);

describe("placeOf", () => {
  it("names a community by its street and a grid by its street and community", () => {
    expect(at("S1C1")).toEqual({ streetCode: "S1", streetName: "振华街道", place: "振华街道" });
    expect(at("S2C1").place).toBe("石桥街道");
    expect(at("S1C1G1")).toEqual({
      streetCode: "S1",
      streetName: "振华街道",
      place: "振华街道 › 馨苑社区",
    });
    expect(at("S1")).toEqual({ streetCode: "S1", streetName: "振华街道", place: null });
    expect(at("D")).toEqual({ streetCode: null, streetName: null, place: null });
  });

  it("asks for codes only where place and name still read alike", () => {
    const units = [
      { code: "S1C1", name: "馨苑社区", place: "振华街道" },
      { code: "S2C1", name: "馨苑社区", place: "石桥街道" },
      { code: "S1C9", name: "馨苑社区", place: "振华街道" },
      { code: "S1C1", name: "馨苑社区", place: "振华街道" },
    ];
    expect([...ambiguousCodes(units)].sort()).toEqual(["S1C1", "S1C9"]);
    expect(fullUnitName("第一网格", "振华街道 › 馨苑社区", "S1C1G1")).toBe(
      "振华街道 › 馨苑社区 › 第一网格（S1C1G1）",
    );
  });
});
