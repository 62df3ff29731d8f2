import { LEVEL_ORDER, type OrgLevel } from "../../shapes/org-levels.ts";
import type { FieldError } from "../errors.ts";
import type { UnitRef, UnitWrite } from "./queries.ts";
import type { OrgUnitInput } from "./schema.ts";

export interface TreePlan {
  inserts: UnitWrite[];
  updates: UnitWrite[];
  unchanged: number;
  errors: FieldError[];
}

interface Node {
  code: string;
  level: OrgLevel;
  parentCode: string | null;
  /** Index in the request, when the request names this unit. */
  index: number | null;
}

/** Levels that may stand at the top of a tree. */
const ROOT_LEVELS: ReadonlySet<OrgLevel> = new Set(["city", "district"]);

/**
 * Merges a PUT of org units into the existing tree and checks the result as a whole: duplicate
 * codes in the request, unknown parents, a child whose level is not below its parent's (also
 * for existing children of a unit whose level changes), cycles, units outside the caller's scope.
 * Every bad unit is named; when any is bad, nothing is written.
 *
 * `scopeCodes` is the set of codes in the caller's subtree, `null` for the whole tree.
 */
export function planTreeChange(
  existing: readonly UnitRef[],
  request: readonly OrgUnitInput[],
  scopeCodes: ReadonlySet<string> | null,
  scopeRootCode: string | null,
): TreePlan {
  const errors: FieldError[] = [];
  const byId = new Map(existing.map((u) => [u.id, u]));
  const nodes = new Map<string, Node>();
  for (const u of existing) {
    const parent = u.parentId === null ? null : (byId.get(u.parentId)?.code ?? null);
    nodes.set(u.code, { code: u.code, level: u.level, parentCode: parent, index: null });
  }
  const existingByCode = new Map(existing.map((u) => [u.code, u]));

  const seen = new Map<string, number>();
  request.forEach((u, i) => {
    const first = seen.get(u.code);
    if (first !== undefined) {
      errors.push({
        path: `body.units.${i}.code`,
        message: `duplicate code '${u.code}' (also at units.${first})`,
      });
      return;
    }
    seen.set(u.code, i);
    nodes.set(u.code, { code: u.code, level: u.level, parentCode: u.parentCode ?? null, index: i });
  });

  // Children of each unit in the merged tree, for level checks on existing children.
  const children = new Map<string, Node[]>();
  for (const n of nodes.values()) {
    if (n.parentCode === null) continue;
    const list = children.get(n.parentCode) ?? [];
    list.push(n);
    children.set(n.parentCode, list);
  }

  request.forEach((u, i) => {
    if (seen.get(u.code) !== i) return;
    const at = `body.units.${i}`;
    const parentCode = u.parentCode ?? null;
    if (scopeCodes !== null) {
      const inScope = scopeCodes.has(u.code) && u.code !== scopeRootCode;
      const newUnderScope =
        !existingByCode.has(u.code) && parentCode !== null && scopeCodes.has(parentCode);
      if (!inScope && !newUnderScope) {
        errors.push({ path: `${at}.code`, message: `unit '${u.code}' is outside your scope` });
        return;
      }
      if (parentCode !== null && !scopeCodes.has(parentCode) && !seen.has(parentCode)) {
        errors.push({
          path: `${at}.parentCode`,
          message: `parent '${parentCode}' is outside your scope`,
        });
        return;
      }
    }
    if (parentCode === null) {
      if (!ROOT_LEVELS.has(u.level)) {
        errors.push({
          path: `${at}.parentCode`,
          message: `a ${u.level} needs a parent (only a city or district may be a root)`,
        });
      }
    } else {
      const parent = nodes.get(parentCode);
      if (parentCode === u.code) {
        errors.push({
          path: `${at}.parentCode`,
          message: `unit '${u.code}' cannot be its own parent`,
        });
        return;
      }
      if (!parent) {
        errors.push({ path: `${at}.parentCode`, message: `unknown parent '${parentCode}'` });
        return;
      }
      if (LEVEL_ORDER[u.level] <= LEVEL_ORDER[parent.level]) {
        errors.push({
          path: `${at}.level`,
          message: `a ${u.level} cannot sit under a ${parent.level} ('${parentCode}'): a child's level must be below its parent's`,
        });
      }
    }
    for (const child of children.get(u.code) ?? []) {
      if (child.index === null && LEVEL_ORDER[child.level] <= LEVEL_ORDER[u.level]) {
        errors.push({
          path: `${at}.level`,
          message: `existing child '${child.code}' (${child.level}) would no longer be below this ${u.level}`,
        });
      }
    }
    // Walk up: reaching this unit again means it sits on a cycle. Reaching another unit twice
    // means a cycle further up, which is reported on the units that form it.
    const visited = new Set<string>([u.code]);
    let cursor = parentCode;
    while (cursor !== null && !visited.has(cursor)) {
      visited.add(cursor);
      cursor = nodes.get(cursor)?.parentCode ?? null;
    }
    if (cursor === u.code) {
      errors.push({
        path: `${at}.parentCode`,
        message: `parent '${parentCode}' makes a cycle back to '${u.code}'`,
      });
    }
  });

  const inserts: UnitWrite[] = [];
  const updates: UnitWrite[] = [];
  let unchanged = 0;
  if (errors.length === 0) {
    for (const [code, i] of seen) {
      const u = request[i] as OrgUnitInput;
      const write: UnitWrite = {
        code,
        name: u.name,
        level: u.level,
        urban: u.urban ?? null,
        parentCode: u.parentCode ?? null,
      };
      const old = existingByCode.get(code);
      if (!old) inserts.push(write);
      else if (
        old.name !== write.name ||
        old.level !== write.level ||
        old.urban !== write.urban ||
        write.parentCode !== (old.parentId === null ? null : (byId.get(old.parentId)?.code ?? null))
      ) {
        updates.push(write);
      } else unchanged++;
    }
  }
  return { inserts, updates, unchanged, errors };
}
