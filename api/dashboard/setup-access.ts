/**
 * Who may open the setup pages under 系统管理 (/admin/org-units, /admin/schemes, /admin/surveys,
 * /admin/reports) and what each page shares: an administrator only (any scope: a district's
 * administrator sees its subtree), the navigation, and the scope's name.
 */
import type { Kysely } from "kysely";
import type { SetupBase } from "../../web/pages/admin-setup-model.ts";
import { can } from "../access/permissions.ts";
import type { Principal } from "../access/principal.ts";
import type { DB } from "../db/database.ts";
import { findUnitByCode } from "../org-tree/queries.ts";
import { navFor } from "./nav.ts";

/** Only an administrator manages the tree, schemes, surveys and the report schedule. */
export const maySetUp = (p: Principal) => p.kind === "user" && can(p.role, "orgUnits.write");

export async function setupBase(db: Kysely<DB>, principal: Principal): Promise<SetupBase> {
  const scope = principal.scopeCode ? await findUnitByCode(db, principal.scopeCode) : undefined;
  const scopeName = scope?.name ?? null;
  return { nav: navFor(principal, scopeName, null, null, null), scopeName };
}
