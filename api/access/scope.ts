import type { Kysely } from "kysely";
import type { DB } from "../db/database.ts";
import { Forbidden, Invalid, NotFound } from "../errors.ts";
import { findUnitByCode, isInSubtree, type UnitRef } from "../org-tree/queries.ts";
import type { Principal } from "./principal.ts";

/** A unit the caller may see or change: unknown code → NotFound, outside the caller's subtree → Forbidden. */
export async function scopedUnit(
  db: Kysely<DB>,
  principal: Principal,
  code: string,
): Promise<UnitRef> {
  const unit = await findUnitByCode(db, code);
  if (!unit) throw new NotFound(`没有编码为 ${code} 的单位`);
  if (principal.scopeUnitId !== null && !(await isInSubtree(db, principal.scopeUnitId, unit.id))) {
    throw new Forbidden(`单位 ${code} 不在您的管辖范围内`);
  }
  return unit;
}

/**
 * The root of a subtree query: the given unit (checked as {@link scopedUnit}), else the caller's
 * own scope; `id` null means the whole tree (a caller without a scope who named no unit).
 */
export async function scopedRoot(
  db: Kysely<DB>,
  principal: Principal,
  code: string | undefined,
): Promise<{ id: number | null; code: string | null }> {
  if (code !== undefined) {
    const unit = await scopedUnit(db, principal, code);
    return { id: unit.id, code: unit.code };
  }
  return { id: principal.scopeUnitId, code: principal.scopeCode };
}

/**
 * The unit a request names in `query.orgUnit`, else the caller's own scope unit (checked as
 * {@link scopedUnit}); a caller of the whole tree must name one (422).
 */
export async function namedOrOwnUnit(
  db: Kysely<DB>,
  principal: Principal,
  code: string | undefined,
): Promise<UnitRef> {
  const wanted = code ?? principal.scopeCode;
  if (!wanted) {
    throw new Invalid("请指定单位", [
      { path: "query.orgUnit", message: "必填：您的范围是整个区划，请用 orgUnit 指明单位" },
    ]);
  }
  return scopedUnit(db, principal, wanted);
}
