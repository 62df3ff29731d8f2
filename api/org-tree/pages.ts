/**
 * The 组织架构 page's view model (系统管理): one unit of the tree with its yearly facts and its
 * children, within the administrator's subtree. Browsing goes down by child and up by crumb;
 * the facts form writes through PUT /api/v1/org-units (scoped, audited there).
 */
import type { Kysely } from "kysely";
import { LEVEL_LABELS } from "../../shapes/labels.ts";
import { quarterOf } from "../../shapes/periods.ts";
import type { OrgUnitsView, SetupBase, UnitRowView } from "../../web/pages/admin-setup-model.ts";
import type { Principal } from "../access/principal.ts";
import type { DB } from "../db/database.ts";
import { listAllUnits, rootIds, subtreeRows, type TreeRow, unitYearFacts } from "./queries.ts";
import { buildTreeIndex, inSubtree, type TreeIndex } from "./tree-index.ts";

/** The page's path; `?unit=CODE` selects a unit. */
export const ORG_UNITS_PAGE = "/admin/org-units";

const unitHref = (code: string) => `${ORG_UNITS_PAGE}?unit=${encodeURIComponent(code)}`;
const urbanLabel = (u: boolean | null) => (u === true ? "城市" : u === false ? "农村" : "城乡未填");

function rowView(r: TreeRow, tree: TreeIndex): UnitRowView {
  return {
    code: r.code,
    name: r.name,
    levelLabel: LEVEL_LABELS[r.level] ?? r.level,
    urbanLabel: urbanLabel(r.urban),
    population: r.population,
    households: r.households,
    factsYear: r.year,
    children: tree.children.get(r.id)?.length ?? 0,
    href: unitHref(r.code),
  };
}

/**
 * The view of unit `code` (default: the administrator's scope root, or the tree's roots for an
 * administrator of the whole tree). `404` for an unknown code, `403` outside the subtree. The
 * facts form is prefilled for `year` (default: this year in Asia/Shanghai).
 */
export async function buildOrgUnitsPage(
  db: Kysely<DB>,
  principal: Principal,
  base: SetupBase,
  code: string | undefined,
  now: Date,
): Promise<OrgUnitsView | { status: 403 | 404; message: string }> {
  const tree = buildTreeIndex(await listAllUnits(db));
  const scope = principal.scopeUnitId;
  const picked = code ? tree.byCode.get(code) : scope !== null ? tree.byId.get(scope) : undefined;
  if (code && !picked) return { status: 404, message: `没有编码为 ${code} 的单位` };
  if (picked && scope !== null && !inSubtree(tree, scope, picked.id)) {
    return { status: 403, message: `单位 ${picked.name}（${picked.code}）不在您的管辖范围内` };
  }
  const crumbs: OrgUnitsView["crumbs"] = [];
  for (let at = picked, steps = 0; at && steps < 16; steps++) {
    crumbs.unshift({ name: at.name, href: unitHref(at.code) });
    if (at.id === scope || at.parentId === null) break;
    at = tree.byId.get(at.parentId);
  }
  if (scope === null) crumbs.unshift({ name: "全部单位", href: ORG_UNITS_PAGE });
  const rows = picked
    ? await subtreeRows(db, [picked.id], 1)
    : await subtreeRows(db, await rootIds(db), 0);
  const self = picked ? rows.find((r) => r.id === picked.id) : undefined;
  const children = rows.filter((r) => (picked ? r.depth === 1 : true)).map((r) => rowView(r, tree));
  if (!picked || !self) {
    return { ...base, crumbs, unit: null, years: [], edit: null, editNote: null, children };
  }
  const years = await unitYearFacts(db, picked.id);
  const year = quarterOf(now).year;
  const facts = years.find((y) => y.year === year) ?? years[0];
  const parent = picked.parentId === null ? undefined : tree.byId.get(picked.parentId);
  const ownRoot = scope === picked.id;
  return {
    ...base,
    crumbs,
    unit: { ...rowView(self, tree), parentName: parent?.name ?? null },
    years,
    edit: ownRoot
      ? null
      : {
          code: picked.code,
          name: picked.name,
          level: picked.level,
          parentCode: parent?.code ?? null,
          urban: picked.urban,
          year,
          population: facts?.population ?? null,
          households: facts?.households ?? null,
        },
    editNote: ownRoot
      ? "本单位是您管辖范围的顶层单位，其名称和年度数据由上级管理员维护；下级单位可在此修改。"
      : null,
    children,
  };
}
