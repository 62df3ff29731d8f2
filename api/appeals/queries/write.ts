import { sql, type Transaction } from "kysely";
import type { AppealDecision, AppealReason } from "../../../shapes/appeals.ts";
import { quarterOf } from "../../../shapes/periods.ts";
import type { DB } from "../../db/database.ts";
import { bumpDataVersions, type QuarterKey } from "../../indicators/queries/data-version.ts";

export interface CaseKey {
  source: string;
  externalId: string;
}

export interface AppealWrite {
  orgUnitId: number;
  year: number;
  quarter: number;
  reason: AppealReason;
  note: string;
  filedBy: string;
  filedByKey: string;
  cases: readonly CaseKey[];
  attachmentIds: readonly number[];
}

/**
 * Stores a pending appeal with its cases and evidence. The partial unique index on pending
 * appeal_case rows refuses a case that another pending appeal already names (error 23505, which
 * the caller turns into a Conflict), even when two filings race.
 */
export async function insertAppeal(trx: Transaction<DB>, a: AppealWrite): Promise<number> {
  const { id } = await trx
    .insertInto("appeal")
    .values({
      org_unit_id: a.orgUnitId,
      year: a.year,
      quarter: a.quarter,
      reason: a.reason,
      note: a.note,
      filed_by: a.filedBy,
      filed_by_key: a.filedByKey,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await trx
    .insertInto("appeal_case")
    .values(a.cases.map((c) => ({ appeal_id: id, source: c.source, external_id: c.externalId })))
    .execute();
  if (a.attachmentIds.length > 0) {
    await trx
      .insertInto("appeal_attachment")
      .values([...new Set(a.attachmentIds)].map((f) => ({ appeal_id: id, attachment_id: f })))
      .execute();
  }
  return id;
}

export interface DecisionWrite {
  decision: AppealDecision;
  note: string;
  decidedBy: string;
  decidedByKey: string;
}

/**
 * Records the decision of a pending appeal; false when it was not pending any more (decided
 * meanwhile: the `status = 'pending'` guard makes the second of two racing decisions a no-op).
 * Approval exempts its cases at once (case_record.exempt_appeal_id) and bumps the data versions
 * of every quarter those cases were reported or resolved in, so the indicator engine's cached
 * figures of those quarters are recomputed on the next request.
 */
export async function recordDecision(
  trx: Transaction<DB>,
  appealId: number,
  d: DecisionWrite,
): Promise<boolean> {
  const updated = await trx
    .updateTable("appeal")
    .set({
      status: d.decision,
      decided_by: d.decidedBy,
      decided_by_key: d.decidedByKey,
      decided_at: sql<Date>`now()`,
      decision_note: d.note,
    })
    .where("id", "=", appealId)
    .where("status", "=", "pending")
    .returning("id")
    .executeTakeFirst();
  if (!updated) return false;
  await trx
    .updateTable("appeal_case")
    .set({ pending: false })
    .where("appeal_id", "=", appealId)
    .execute();
  if (d.decision === "approved") {
    const { rows } = await sql<{ reported_at: Date | string; resolved_at: Date | string | null }>`
      update case_record c set exempt_appeal_id = ${appealId}
      from appeal_case ac
      where ac.appeal_id = ${appealId}
        and c.source = ac.source and c.external_id = ac.external_id
      returning c.reported_at, c.resolved_at`.execute(trx);
    const quarters: QuarterKey[] = [];
    for (const r of rows) {
      for (const t of [r.reported_at, r.resolved_at]) {
        if (t !== null) quarters.push(quarterOf(t instanceof Date ? t : new Date(t)));
      }
    }
    await bumpDataVersions(trx, quarters);
  }
  return true;
}
