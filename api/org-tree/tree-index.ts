/**
 * The org tree held in memory by the indicator engine: lookups by code, children in code order,
 * sibling sets and scope checks without a query per request. 7,000 units at city scale.
 */
import type { UnitRef } from "./queries.ts";

export interface TreeIndex {
  byId: ReadonlyMap<number, UnitRef>;
  byCode: ReadonlyMap<string, UnitRef>;
  /** Children of each unit (key `null`: the roots), ordered by code. */
  children: ReadonlyMap<number | null, readonly UnitRef[]>;
}

/** Indexes a flat unit list (as `listAllUnits` gives it) by id, code and parent. */
export function buildTreeIndex(units: readonly UnitRef[]): TreeIndex {
  const byId = new Map(units.map((u) => [u.id, u]));
  const byCode = new Map(units.map((u) => [u.code, u]));
  const children = new Map<number | null, UnitRef[]>();
  for (const u of units) {
    const list = children.get(u.parentId) ?? [];
    list.push(u);
    children.set(u.parentId, list);
  }
  for (const list of children.values()) list.sort((a, b) => (a.code < b.code ? -1 : 1));
  return { byId, byCode, children };
}

/** The unit's direct children, ordered by code. */
export function childrenOf(tree: TreeIndex, unitId: number): readonly UnitRef[] {
  return tree.children.get(unitId) ?? [];
}

/** The unit and its siblings (children of its parent, or the roots), ordered by code. */
export function siblingsOf(tree: TreeIndex, unit: UnitRef): readonly UnitRef[] {
  return tree.children.get(unit.parentId) ?? [unit];
}

/** True when `unitId` is `rootId` or lies below it. */
export function inSubtree(tree: TreeIndex, rootId: number, unitId: number): boolean {
  let at: number | null = unitId;
  // A parent chain is at most five levels; the bound guards against a corrupt cycle.
  for (let steps = 0; at !== null && steps < 64; steps++) {
    if (at === rootId) return true;
    at = tree.byId.get(at)?.parentId ?? null;
  }
  return false;
}
