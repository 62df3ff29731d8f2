/**
 * The street's review of a community's quarterly return (CYCLE.md: by day 10 "the street
 * approves its communities' returns"): approved (已通过) or sent back (已退回) with a reason. Filing
 * again clears the review (filing.ts).
 */
import { type Kysely, sql } from "kysely";
import type { Quarter } from "../../shapes/periods.ts";
import type { Principal } from "../access/principal.ts";
import { scopedUnit } from "../access/scope.ts";
import type { DB } from "../db/database.ts";
import type { ReviewState } from "../db/tables/unit-return.ts";
import { Forbidden, Invalid, NotFound } from "../errors.ts";
import type { UnitRef } from "../org-tree/queries.ts";
import { assertPeriodOpen } from "../periods/rules.ts";

export interface ReviewDecision {
  decision: ReviewState;
  reason?: string | undefined;
}

/**
 * Whether the caller's scope strictly contains `unitId` (a whole-tree caller's does): a unit
 * never reviews its own return.
 */
export const reviewsFromAbove = (principal: Principal, unitId: number) =>
  principal.scopeUnitId !== unitId;

/**
 * Records a review of unit `code`'s return for quarter `q` by a caller allowed `returns.review`
 * (the route checks the role). Outside the caller's subtree → 403, their own unit → 403, a
 * return sent back without a reason → 422, no return filed → 404, the quarter closed → 409. A
 * later decision replaces an earlier one. Serialised with filing by the quarter's lock.
 */
export async function reviewReturn(
  db: Kysely<DB>,
  principal: Principal,
  code: string,
  q: Quarter,
  d: ReviewDecision,
  now: Date = new Date(),
): Promise<UnitRef> {
  const unit = await scopedUnit(db, principal, code);
  if (!reviewsFromAbove(principal, unit.id)) {
    throw new Forbidden(`不能审核本单位（${unit.name}）的季度填报，应由上级单位审核`);
  }
  const reason = d.reason?.trim() ?? "";
  if (d.decision === "returned" && reason === "") {
    throw new Invalid("退回时须填写退回原因", [
      { path: "body.reason", message: "请填写退回原因，告诉社区需要怎样修改" },
    ]);
  }
  await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(369002, ${q.year * 10 + q.quarter}::int)`.execute(trx);
    await assertPeriodOpen(trx, q);
    const done = await trx
      .updateTable("unit_return")
      .set({
        review_state: d.decision,
        reviewed_by: principal.name,
        reviewed_at: now,
        review_reason: d.decision === "returned" ? reason : null,
      })
      .where("org_unit_id", "=", unit.id)
      .where("year", "=", q.year)
      .where("quarter", "=", q.quarter)
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) === 0) {
      throw new NotFound(
        `${unit.name}（${unit.code}）尚未报送 ${q.year} 年第 ${q.quarter} 季度的季度填报，无法审核`,
      );
    }
  });
  return unit;
}
