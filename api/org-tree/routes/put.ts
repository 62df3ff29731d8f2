import { createRoute } from "@hono/zod-openapi";
import type { Transaction } from "kysely";
import type { DB } from "../../db/database.ts";
import { Invalid } from "../../errors.ts";
import { jsonBody, jsonResponse, problems, type Router } from "../../http/router.ts";
import { authorize } from "../../middleware/authorize.ts";
import { planTreeChange } from "../plan.ts";
import {
  listAllUnits,
  lockTree,
  subtreeIds,
  writeUnits,
  writeYearFacts,
  type YearFacts,
} from "../queries.ts";
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

async function factsChanged(
  trx: Transaction<DB>,
  facts: readonly YearFacts[],
): Promise<Set<string>> {
  const changed = new Set<string>();
  if (facts.length === 0) return changed;
  const rows = await trx
    .selectFrom("org_unit_year as y")
    .innerJoin("org_unit as u", "u.id", "y.org_unit_id")
    .select(["u.code", "y.year", "y.population", "y.households"])
    .where("u.code", "in", [...new Set(facts.map((f) => f.code))])
    .execute();
  const old = new Map(rows.map((r) => [`${r.code}|${r.year}`, r]));
  for (const f of facts) {
    const o = old.get(`${f.code}|${f.year}`);
    if (!o || o.population !== f.population || o.households !== f.households) changed.add(f.code);
  }
  return changed;
}

export function registerPutOrgUnits(app: Router) {
  app.openapi(route, async (c) => {
    const { units } = c.req.valid("json");
    const principal = c.get("principal")!;
    const { db } = c.get("deps").store;
    const result = await db.transaction().execute(async (trx) => {
      // Serialise tree changes: two concurrent PUTs must not each validate against a stale tree.
      await lockTree(trx);
      const existing = await listAllUnits(trx);
      let scopeCodes: Set<string> | null = null;
      if (principal.scopeUnitId !== null) {
        const ids = new Set(await subtreeIds(trx, principal.scopeUnitId));
        scopeCodes = new Set(existing.filter((u) => ids.has(u.id)).map((u) => u.code));
      }
      const plan = planTreeChange(existing, units, scopeCodes, principal.scopeCode);
      if (plan.errors.length > 0) {
        throw new Invalid(
          `${plan.errors.length} problem(s) in the org units; nothing was written`,
          plan.errors,
        );
      }
      const facts: YearFacts[] = units.flatMap((u) =>
        (u.years ?? []).map((y) => ({
          code: u.code,
          year: y.year,
          population: y.population ?? null,
          households: y.households ?? null,
        })),
      );
      const changedFacts = await factsChanged(trx, facts);
      await writeUnits(trx, plan.inserts, plan.updates);
      await writeYearFacts(trx, facts);
      const structural = new Set([...plan.inserts, ...plan.updates].map((u) => u.code));
      const factOnly = [...changedFacts].filter((code) => !structural.has(code)).length;
      return {
        inserted: plan.inserts.length,
        updated: plan.updates.length + factOnly,
        unchanged: plan.unchanged - factOnly,
      };
    });
    c.set("auditTarget", `org-units: ${units.length} unit(s)`);
    c.set("auditDetail", { ...result, codes: units.slice(0, 50).map((u) => u.code) });
    return c.json(result, 200);
  });
}
