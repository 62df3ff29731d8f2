import { type Kysely, sql, type Transaction } from "kysely";
import type { AppealReason, AppealStatus } from "../../../shapes/appeals.ts";
import type { Quarter } from "../../../shapes/periods.ts";
import { type AttachmentInfo, attachmentInfos } from "../../attachments/queries.ts";
import type { DB } from "../../db/database.ts";
import type { CaseChannel, CaseKind } from "../../db/tables/case-record.ts";

type Db = Kysely<DB> | Transaction<DB>;

/** A case an appeal names, as stored now (null fields: the case is gone, which never happens). */
export interface AppealCaseRow {
  source: string;
  externalId: string;
  orgUnitCode: string | null;
  orgUnitName: string | null;
  kind: CaseKind | null;
  channel: CaseChannel | null;
  reportedAt: Date | null;
  respondedAt: Date | null;
  resolvedAt: Date | null;
  deadlineAt: Date | null;
  complaint: boolean | null;
  exempt: boolean;
}

export interface AppealRow {
  id: number;
  orgUnitId: number;
  orgUnitCode: string;
  orgUnitName: string;
  year: number;
  quarter: number;
  reason: AppealReason;
  note: string;
  status: AppealStatus;
  filedBy: string;
  filedByKey: string;
  filedAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
  decisionNote: string | null;
  cases: AppealCaseRow[];
  attachments: AttachmentInfo[];
}

export interface AppealFilter {
  /** Appeals of units in this subtree (null: the whole tree). */
  rootId: number | null;
  quarter?: Quarter;
  status?: AppealStatus;
  id?: number;
  limit?: number;
}

/**
 * Appeals with their cases and evidence, pending first (oldest first: the queue's order), then
 * decided ones newest first.
 */
export async function listAppeals(db: Db, f: AppealFilter): Promise<AppealRow[]> {
  let q = db
    .selectFrom("appeal as a")
    .innerJoin("org_unit as u", "u.id", "a.org_unit_id")
    .select([
      "a.id",
      "a.org_unit_id as orgUnitId",
      "u.code as orgUnitCode",
      "u.name as orgUnitName",
      "a.year",
      "a.quarter",
      "a.reason",
      "a.note",
      "a.status",
      "a.filed_by as filedBy",
      "a.filed_by_key as filedByKey",
      "a.filed_at as filedAt",
      "a.decided_by as decidedBy",
      "a.decided_at as decidedAt",
      "a.decision_note as decisionNote",
    ]);
  if (f.rootId !== null) {
    const rootId = f.rootId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom("org_closure as oc")
          .select("oc.depth")
          .where("oc.ancestor_id", "=", rootId)
          .whereRef("oc.descendant_id", "=", "a.org_unit_id"),
      ),
    );
  }
  if (f.quarter)
    q = q.where("a.year", "=", f.quarter.year).where("a.quarter", "=", f.quarter.quarter);
  if (f.status) q = q.where("a.status", "=", f.status);
  if (f.id !== undefined) q = q.where("a.id", "=", f.id);
  const rows = await q
    .orderBy(sql`a.status = 'pending'`, "desc")
    .orderBy(sql`case when a.status = 'pending' then a.filed_at end`, "asc")
    .orderBy("a.filed_at", "desc")
    .orderBy("a.id", "desc")
    .limit(f.limit ?? 500)
    .execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [cases, links] = await Promise.all([appealCases(db, ids), appealLinks(db, ids)]);
  const files = new Map(
    (
      await attachmentInfos(
        db,
        links.map((l) => l.attachment_id),
      )
    ).map((a) => [a.id, a]),
  );
  return rows.map((r) => ({
    ...r,
    year: Number(r.year),
    quarter: Number(r.quarter),
    filedAt: new Date(r.filedAt),
    decidedAt: r.decidedAt === null ? null : new Date(r.decidedAt),
    cases: cases.filter((c) => c.appealId === r.id).map(({ appealId: _, ...c }) => c),
    attachments: links
      .filter((l) => l.appeal_id === r.id)
      .map((l) => files.get(l.attachment_id))
      .filter((a): a is AttachmentInfo => a !== undefined),
  }));
}

const toDate = (v: Date | string | null) => (v === null ? null : new Date(v));

async function appealCases(db: Db, ids: number[]) {
  const { rows } = await sql<AppealCaseRow & { appealId: number }>`
    select ac.appeal_id as "appealId", ac.source, ac.external_id as "externalId",
      u.code as "orgUnitCode", u.name as "orgUnitName", c.kind, c.channel,
      c.reported_at as "reportedAt", c.responded_at as "respondedAt",
      c.resolved_at as "resolvedAt", c.deadline_at as "deadlineAt", c.complaint,
      coalesce(c.exempt_appeal_id = ac.appeal_id, false) as exempt
    from appeal_case ac
    left join case_record c on c.source = ac.source and c.external_id = ac.external_id
    left join org_unit u on u.id = c.org_unit_id
    where ac.appeal_id in (${sql.join(ids.map((i) => sql`${i}::int`))})
    order by ac.appeal_id, c.reported_at, ac.source, ac.external_id`.execute(db);
  return rows.map((r) => ({
    ...r,
    reportedAt: toDate(r.reportedAt),
    respondedAt: toDate(r.respondedAt),
    resolvedAt: toDate(r.resolvedAt),
    deadlineAt: toDate(r.deadlineAt),
  }));
}

async function appealLinks(db: Db, ids: number[]) {
  return db
    .selectFrom("appeal_attachment")
    .select(["appeal_id", "attachment_id"])
    .where("appeal_id", "in", ids)
    .orderBy("attachment_id")
    .execute();
}

/** One appeal (any scope) or undefined. */
export async function getAppeal(db: Db, id: number): Promise<AppealRow | undefined> {
  return (await listAppeals(db, { rootId: null, id }))[0];
}
