import type { Kysely } from "kysely";
import type { Principal } from "../access/principal.ts";
import type { DB } from "../db/database.ts";
import { Invalid } from "../errors.ts";
import { planTreeChange } from "./plan.ts";
import {
  codesWithChangedFacts,
  listAllUnits,
  lockTree,
  subtreeIds,
  writeUnits,
  writeYearFacts,
  type YearFacts,
} from "./queries.ts";
import type { OrgUnitInput } from "./schema.ts";

/** What a change of the tree did: units inserted, updated (structure or yearly facts), unchanged. */
export interface TreeChangeResult {
  inserted: number;
  updated: number;
  unchanged: number;
}

/**
 * Applies a PUT of org units as one transaction: the whole request or nothing. The tree is locked
 * first, so two concurrent changes never each validate against a stale tree; the plan
 * (plan.ts) names every bad unit, and a unit outside the caller's subtree is one of them.
 * `pathOf` renames the plan's paths (`body.units.3.code`) for a request that came as a file.
 */
export async function applyTreeChange(
  db: Kysely<DB>,
  principal: Principal,
  units: readonly OrgUnitInput[],
  pathOf: (path: string) => string = (path) => path,
): Promise<TreeChangeResult> {
  return db.transaction().execute(async (trx) => {
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
        `组织机构中有 ${plan.errors.length} 处问题，未写入任何内容`,
        plan.errors.map((e) => ({ ...e, path: pathOf(e.path) })),
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
    const changedFacts = await codesWithChangedFacts(trx, facts);
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
}
