/**
 * How a unit below a street is named wherever a list mixes units of several streets (馨苑社区
 * exists in more than one street): with its street and, for a grid, its community. Pages, CSV
 * and workbook use the same place; a code is added only where two units would still read alike.
 */
import type { UnitRef } from "../org-tree/queries.ts";
import type { TreeIndex } from "../org-tree/tree-index.ts";

/** A unit's street and the names from its street down to its parent. */
export interface UnitPlace {
  /** The street the unit is in (itself for a street); null above street level. */
  streetCode: string | null;
  streetName: string | null;
  /** Names from the street down to the parent (`浦江街道 › 馨苑社区`); null for a street or above. */
  place: string | null;
}

const BELOW_STREET = new Set(["community", "grid"]);

/** The street and the place of `u` in `tree`. */
export function placeOf(tree: TreeIndex, u: UnitRef): UnitPlace {
  if (u.level === "street") return { streetCode: u.code, streetName: u.name, place: null };
  if (!BELOW_STREET.has(u.level)) return { streetCode: null, streetName: null, place: null };
  const names: string[] = [];
  let street: UnitRef | null = null;
  let at = u.parentId === null ? undefined : tree.byId.get(u.parentId);
  for (let steps = 0; at && steps < 8; steps++) {
    names.unshift(at.name);
    if (at.level === "street") {
      street = at;
      break;
    }
    if (!BELOW_STREET.has(at.level)) break;
    at = at.parentId === null ? undefined : tree.byId.get(at.parentId);
  }
  return {
    streetCode: street?.code ?? null,
    streetName: street?.name ?? null,
    place: names.length > 0 ? names.join(" › ") : null,
  };
}

export { ambiguousCodes, fullUnitName } from "../../shapes/unit-names.ts";
