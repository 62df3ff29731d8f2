import { LEVEL_LABELS } from "../../shapes/labels.ts";
import { LEVEL_ORDER, type OrgLevel, ROOT_LEVELS } from "../../shapes/org-levels.ts";
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
const ROOTS: ReadonlySet<OrgLevel> = new Set(ROOT_LEVELS);

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
        message: `编码 ${u.code} 重复（units.${first} 也是）`,
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
        errors.push({ path: `${at}.code`, message: `单位 ${u.code} 不在您的管辖范围内` });
        return;
      }
      if (parentCode !== null && !scopeCodes.has(parentCode) && !seen.has(parentCode)) {
        errors.push({
          path: `${at}.parentCode`,
          message: `上级单位 ${parentCode} 不在您的管辖范围内`,
        });
        return;
      }
    }
    if (parentCode === null) {
      if (!ROOTS.has(u.level)) {
        errors.push({
          path: `${at}.parentCode`,
          message: `${LEVEL_LABELS[u.level]}须有上级单位（只有市、区、县可以作为根）`,
        });
      }
    } else {
      const parent = nodes.get(parentCode);
      if (parentCode === u.code) {
        errors.push({
          path: `${at}.parentCode`,
          message: `单位 ${u.code} 不能是自己的上级`,
        });
        return;
      }
      if (!parent) {
        errors.push({ path: `${at}.parentCode`, message: `没有上级单位 ${parentCode}` });
        return;
      }
      if (LEVEL_ORDER[u.level] <= LEVEL_ORDER[parent.level]) {
        errors.push({
          path: `${at}.level`,
          message: `${LEVEL_LABELS[u.level]}不能隶属于${LEVEL_LABELS[parent.level]}（${parentCode}）：下级单位的层级须低于上级`,
        });
      }
    }
    for (const child of children.get(u.code) ?? []) {
      if (child.index === null && LEVEL_ORDER[child.level] <= LEVEL_ORDER[u.level]) {
        errors.push({
          path: `${at}.level`,
          message: `现有下级单位 ${child.code}（${LEVEL_LABELS[child.level]}）将不再低于这个${LEVEL_LABELS[u.level]}`,
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
        message: `上级单位 ${parentCode} 会绕回 ${u.code}，形成循环`,
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
