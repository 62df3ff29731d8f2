import type { ColumnType, Generated } from "kysely";
import type { AppealReason, AppealStatus } from "../../../shapes/appeals.ts";

/** An appeal (核减申请) of a unit for some of its cases of a quarter (migration …_create_appeals). */
export interface AppealTable {
  id: Generated<number>;
  org_unit_id: number;
  year: number;
  quarter: number;
  reason: AppealReason;
  note: string;
  status: ColumnType<AppealStatus, AppealStatus | undefined, AppealStatus>;
  /** Display name and `creatorKey` of the filer. */
  filed_by: string;
  filed_by_key: string;
  filed_at: ColumnType<Date, Date | undefined, never>;
  decided_by: string | null;
  decided_by_key: string | null;
  decided_at: Date | null;
  decision_note: string | null;
}

/** A case an appeal names; `pending` mirrors the appeal's status (one pending appeal a case). */
export interface AppealCaseTable {
  appeal_id: number;
  source: string;
  external_id: string;
  pending: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface AppealAttachmentTable {
  appeal_id: number;
  attachment_id: number;
}
