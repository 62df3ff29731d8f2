/**
 * What the scoring page (评估打分) and the overview's total card need from the assessments area
 * (api/assessments): the stored assessment of the page's unit and quarter, and whether the
 * signed-in user may write or reopen it (the same rule as the API's assertCanAssess, which decides
 * again on every write).
 */
import type { Kysely } from "kysely";
import { can } from "../access/permissions.ts";
import { getAssessment } from "../assessments/queries.ts";
import type { DB } from "../db/database.ts";
import type { Resolved } from "./context.ts";

/** A stored assessment as the pages need it. */
export interface StoredAssessment {
  items: { code: string; score: number; comment: string }[];
  adjustments: { code: string; points: number; reason: string }[];
  signedOffAt: string | null;
  signedOffBy: string | null;
}

/** The stored assessment of the page's unit and quarter, or null. */
export async function loadAssessment(
  db: Kysely<DB>,
  page: Resolved,
): Promise<StoredAssessment | null> {
  const row = await getAssessment(db, page.quarter, page.unit.id);
  if (!row) return null;
  return {
    items: row.items,
    adjustments: row.adjustments,
    signedOffAt: row.signedOffAt?.toISOString() ?? null,
    signedOffBy: row.signedOffBy,
  };
}

/** Whether the page's user may score the unit (and reopen a signed assessment), and if not why. */
export function assessmentAccess(page: Resolved) {
  const { role, scopeUnitId } = page.principal;
  const own = scopeUnitId !== null && scopeUnitId === page.unit.id;
  const canWrite = can(role, "assessments.write") && !own;
  return {
    canWrite,
    canReopen: can(role, "assessments.reopen") && !own,
    readOnlyReason: canWrite
      ? null
      : own
        ? "不能评估本单位：评估打分由第三方评估人员或上级管理员填写和签署，本页仅供查看。"
        : "评估打分由第三方评估人员填写和签署，本页仅供查看。",
  };
}
