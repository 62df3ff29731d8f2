import { describe, expect, it } from "vitest";
import { buildTreeIndex, childrenOf, inSubtree, siblingsOf } from "./tree-index.ts";

const unit = (id: number, code: string, parentId: number | null) => ({
  id,
  code,
  name: code,
  level: "community" as const,
  parentId,
  urban: null,
});

describe("tree index", () => {
  const tree = buildTreeIndex([
    unit(1, "D1", null),
    unit(3, "S2", 1),
    unit(2, "S1", 1),
    unit(4, "C11", 2),
    unit(5, "D2", null),
  ]);
  it("orders children by code and finds siblings, roots included", () => {
    expect(childrenOf(tree, 1).map((u) => u.code)).toEqual(["S1", "S2"]);
    expect(childrenOf(tree, 4)).toEqual([]);
    expect(siblingsOf(tree, tree.byCode.get("S2")!).map((u) => u.code)).toEqual(["S1", "S2"]);
    expect(siblingsOf(tree, tree.byCode.get("D2")!).map((u) => u.code)).toEqual(["D1", "D2"]);
  });
  it("answers subtree membership by walking parents", () => {
    expect(inSubtree(tree, 1, 4)).toBe(true);
    expect(inSubtree(tree, 4, 4)).toBe(true);
    expect(inSubtree(tree, 3, 4)).toBe(false);
    expect(inSubtree(tree, 5, 4)).toBe(false);
  });
});
