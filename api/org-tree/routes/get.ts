import { createRoute } from "@hono/zod-openapi";
import { Forbidden, NotFound } from "../../errors.ts";
import { jsonResponse, problems, type Router } from "../../http/router.ts";
import { authorize } from "../../middleware/authorize.ts";
import { findUnitByCode, isInSubtree, rootIds, subtreeRows } from "../queries.ts";
import { GetOrgUnitsQuery, OrgTree, type OrgUnitNode } from "../schema.ts";

const route = createRoute({
  method: "get",
  path: "/org-units",
  tags: ["org units"],
  summary: "The org tree, or the subtree under `root`, limited to the caller's scope",
  middleware: [authorize("orgUnits.read")] as const,
  request: { query: GetOrgUnitsQuery },
  responses: {
    200: jsonResponse(OrgTree, "Nested units, children ordered by code"),
    ...problems(400, 401, 403, 404, 422),
  },
});

export function registerGetOrgUnits(app: Router) {
  app.openapi(route, async (c) => {
    const { root, depth } = c.req.valid("query");
    const principal = c.get("principal")!;
    const { db } = c.get("deps").store;
    let roots: number[];
    if (root !== undefined) {
      const unit = await findUnitByCode(db, root);
      if (!unit) throw new NotFound(`没有编码为 ${root} 的单位`);
      if (
        principal.scopeUnitId !== null &&
        !(await isInSubtree(db, principal.scopeUnitId, unit.id))
      ) {
        throw new Forbidden(`单位 ${root} 不在您的管辖范围内`);
      }
      roots = [unit.id];
    } else {
      roots = principal.scopeUnitId !== null ? [principal.scopeUnitId] : await rootIds(db);
    }
    const rows = await subtreeRows(db, roots, depth ?? null);
    const nodes = new Map<number, OrgUnitNode>();
    const top: OrgUnitNode[] = [];
    const codeById = new Map(rows.map((r) => [r.id, r.code]));
    for (const r of rows) {
      const node: OrgUnitNode = {
        code: r.code,
        name: r.name,
        level: r.level,
        parentCode: r.parentId === null ? null : (codeById.get(r.parentId) ?? null),
        urban: r.urban,
        population: r.population,
        households: r.households,
        factsYear: r.year,
        children: [],
      };
      nodes.set(r.id, node);
      const parent = r.parentId === null ? undefined : nodes.get(r.parentId);
      if (parent && r.depth > 0) parent.children.push(node);
      else if (r.depth === 0) top.push(node);
    }
    return c.json({ units: top }, 200);
  });
}
