import { createRoute } from "@hono/zod-openapi";
import { jsonResponse, problems, type Router } from "../../http/router.ts";
import { authorize } from "../../middleware/authorize.ts";
import { type SchemeVersion, toSchemeVersion } from "../definition.ts";
import { listSchemeVersions } from "../queries.ts";
import { ListSchemesQuery, SchemeList } from "../schema.ts";

const route = createRoute({
  method: "get",
  path: "/schemes",
  tags: ["schemes"],
  summary: "Scoring scheme versions (targets, floors, weights, method), oldest first",
  middleware: [authorize("schemes.read")] as const,
  request: { query: ListSchemesQuery },
  responses: {
    200: jsonResponse(SchemeList, "Every version of every scheme, by id then version"),
    ...problems(401, 403, 422),
  },
});

/** A scheme version as the API shows it. */
export function schemeOut(v: SchemeVersion) {
  return {
    id: v.id,
    version: v.version,
    validFromYear: v.validFromYear,
    name: v.name,
    definition: v.definition,
    createdBy: v.createdBy,
    createdAt: v.createdAt.toISOString(),
  };
}

export function registerListSchemes(app: Router) {
  app.openapi(route, async (c) => {
    const { id } = c.req.valid("query");
    const rows = await listSchemeVersions(c.get("deps").store.db, id);
    return c.json({ schemes: rows.map((r) => schemeOut(toSchemeVersion(r))) }, 200);
  });
}
