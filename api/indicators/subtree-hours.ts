/**
 * A unit's handling hours from those of every unit's own cases (the engine's leaf hours): the
 * subtree's multiset of hours, sorted: the very float8s `handlingHoursBySubtree` takes the
 * percentiles of in the database, so that `percentileCont` over them gives its figures.
 */
import { inSubtree, type TreeIndex } from "../org-tree/tree-index.ts";
import type { HoursByUnit } from "./fresh.ts";

/** Sorted hours over the subtree of each unit in `unitIds` (units without any are absent). */
export function subtreeHours(
  leaf: HoursByUnit,
  unitIds: readonly number[],
  tree: TreeIndex,
): Map<number, Float64Array> {
  const out = new Map<number, Float64Array>();
  for (const id of unitIds) {
    const parts: Float64Array[] = [];
    let n = 0;
    for (const [unitId, hours] of leaf) {
      if (!inSubtree(tree, id, unitId)) continue;
      parts.push(hours);
      n += hours.length;
    }
    if (n === 0) continue;
    const all = new Float64Array(n);
    let at = 0;
    for (const p of parts) {
      all.set(p, at);
      at += p.length;
    }
    out.set(id, parts.length === 1 ? all : all.sort());
  }
  return out;
}
