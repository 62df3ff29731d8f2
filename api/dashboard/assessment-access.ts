/**
 * What the scoring page (评估打分) needs from the assessments area: the stored assessment of the
 * page's unit and quarter, and whether the signed-in user may write or reopen it.
 */
import type { Kysely } from "kysely";
import { can } from "../access/permissions.ts";
import type { DB } from "../db/database.ts";
import type { Resolved } from "./context.ts";

/** A stored assessment as the pages need it (api/assessments stores it). */
export interface StoredAssessment {
  items: { code: string; score: number; comment: string }[];
  adjustments: { code: string; points: number; reason: string }[];
  signedOffAt: string | null;
  signedOffBy: string | null;
}

/** The stored assessment of the page's unit and quarter, or null. */
export async function loadAssessment(
  _db: Kysely<DB>,
  _page: Resolved,
): Promise<StoredAssessment | null> {
  return null;
}

/** Whether the page's user may score the unit (and reopen a signed assessment), and if not why. */
export function assessmentAccess(page: Resolved) {
  const role = page.principal.role;
  const canWrite = role === "assessor" || role === "admin";
  return {
    canWrite,
    canReopen: role === "admin" && can(role, "periods.reopen"),
    readOnlyReason: canWrite ? null : "评估打分由第三方评估人员填写和签署，本页仅供查看。",
  };
}
