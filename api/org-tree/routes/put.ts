import { createRoute } from "@hono/zod-openapi";
import { jsonBody, jsonResponse, problems, type Router } from "../../http/router.ts";
import { authorize } from "../../middleware/authorize.ts";
import { applyTreeChange } from "../apply.ts";
import { PutOrgUnitsBody, PutOrgUnitsResult } from "../schema.ts";

const route = createRoute({
  method: "put",
  path: "/org-units",
  tags: ["org units"],
  summary: "Create or update org units (whole request applied or nothing)",
  description:
    "Upserts units by code. Parents may come before or with their children. Unknown parents, cycles, a child whose level is not below its parent's and duplicate codes are rejected with each bad unit named; nothing is written then.",
  middleware: [authorize("orgUnits.write")] as const,
  request: { body: jsonBody(PutOrgUnitsBody) },
  responses: {
    200: jsonResponse(PutOrgUnitsResult, "Counts of inserted, updated and unchanged units"),
    ...problems(400, 401, 403, 413, 415, 422),
  },
});

export function registerPutOrgUnits(app: Router) {
  app.openapi(route, async (c) => {
    const { units } = c.req.valid("json");
    const principal = c.get("principal")!;
    const { db } = c.get("deps").store;
    const result = await applyTreeChange(db, principal, units);
    c.set("auditTarget", `org-units: ${units.length} unit(s)`);
    c.set("auditDetail", { ...result, codes: units.slice(0, 50).map((u) => u.code) });
    return c.json(result, 200);
  });
}
