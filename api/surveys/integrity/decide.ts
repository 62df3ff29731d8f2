/**
 * An assessor's decision on flagged survey responses, checked as one: every response must carry
 * a flag (404) and lie in the principal's scope (403). The API (POST /survey-flags/decision) and
 * the 问卷核查 page both decide through here.
 */
import type { Kysely } from "kysely";
import type { Principal } from "../../access/principal.ts";
import type { DB } from "../../db/database.ts";
import { Forbidden, NotFound } from "../../errors.ts";
import { isInSubtree } from "../../org-tree/queries.ts";
import { decideFlags, flaggedUnits } from "./queries.ts";

/** Confirms or dismisses the flags of `responseIds` for `principal`; returns how many responses. */
export async function decideScoped(
  db: Kysely<DB>,
  principal: Pick<Principal, "name" | "scopeUnitId">,
  responseIds: readonly string[],
  decision: "confirmed" | "dismissed",
): Promise<number> {
  const ids = [...new Set(responseIds)];
  const units = await flaggedUnits(db, ids);
  const missing = ids.filter((id) => !units.has(id));
  if (missing.length > 0) {
    throw new NotFound(`以下问卷不存在或未被标记为疑似刷票：${missing.slice(0, 5).join("、")}`);
  }
  if (principal.scopeUnitId !== null) {
    for (const u of new Set([...units.values()].map((v) => v.unitId))) {
      if (!(await isInSubtree(db, principal.scopeUnitId, u))) {
        const code = [...units.values()].find((v) => v.unitId === u)?.code;
        throw new Forbidden(`单位“${code}”的问卷不在您的权限范围内`);
      }
    }
  }
  return decideFlags(db, { responseIds: ids, decision, by: principal.name });
}
