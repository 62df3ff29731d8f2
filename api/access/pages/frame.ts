/**
 * What every administrator page (系统管理) shares: the navigation with 系统管理 current, the
 * administrator's scope in words, and the units the administrator may assign, in tree order.
 */
import type { Kysely } from "kysely";
import { shanghaiWallClock } from "../../../shapes/periods.ts";
import type { AdminFrame, UnitOption } from "../../../web/pages/admin-model.ts";
import { ADMIN_PAGE, navFor } from "../../dashboard/nav.ts";
import type { DB } from "../../db/database.ts";
import { listAllUnits, subtreeIds, type UnitRef } from "../../org-tree/queries.ts";
import type { Principal } from "../principal.ts";

/** An instant as Beijing wall-clock text `2026-12-06 14:05`; "—" for none. */
export function wallClock(at: Date | null): string {
  return at ? shanghaiWallClock(at).slice(0, 16).replace("T", " ") : "—";
}

/** The whole tree, and the units of the administrator's scope (grids aside) for the pickers. */
export interface UnitIndex {
  byId: Map<number, UnitRef>;
  byCode: Map<string, UnitRef>;
  options: UnitOption[];
}

/**
 * Units in the principal's scope, parents before children; grids are left out of the pickers
 * (thousands at city scale, and nobody administers from one), though a code typed by hand is
 * still accepted by the API when in scope.
 */
export async function unitIndex(db: Kysely<DB>, principal: Principal): Promise<UnitIndex> {
  const all = await listAllUnits(db);
  const byId = new Map(all.map((u) => [u.id, u]));
  const byCode = new Map(all.map((u) => [u.code, u]));
  const inScope =
    principal.scopeUnitId === null ? null : new Set(await subtreeIds(db, principal.scopeUnitId));
  const children = new Map<number | null, UnitRef[]>();
  for (const u of all) {
    const list = children.get(u.parentId) ?? [];
    list.push(u);
    children.set(u.parentId, list);
  }
  const options: UnitOption[] = [];
  const walk = (parent: number | null, path: string[]) => {
    const kids = [...(children.get(parent) ?? [])].sort((a, b) => a.code.localeCompare(b.code));
    for (const u of kids) {
      if (u.level === "grid") continue;
      const names = [...path, u.name];
      if (inScope === null || inScope.has(u.id)) {
        options.push({ code: u.code, label: names.join(" / ") });
      }
      walk(u.id, names);
    }
  };
  walk(null, []);
  return { byId, byCode, options };
}

/** The unit's name for a list ("全部单位" for none, the code when unknown). */
export function unitName(units: UnitIndex, code: string | null): string {
  if (code === null) return "全部单位";
  return units.byCode.get(code)?.name ?? code;
}

export async function adminFrame(
  db: Kysely<DB>,
  principal: Principal,
  units?: UnitIndex,
): Promise<AdminFrame> {
  const index = units ?? (await unitIndex(db, principal));
  const nav = navFor(principal, null, null, null, null);
  nav.links = nav.links.map((l) => ({ ...l, current: l.href === ADMIN_PAGE }));
  const scope = principal.scopeUnitId === null ? null : index.byId.get(principal.scopeUnitId);
  nav.scopeName = scope?.name ?? null;
  return {
    nav,
    scopeText: scope ? `${scope.name}及其下级单位` : "全部单位",
    cityWide: principal.scopeUnitId === null,
    units: index.options,
  };
}
