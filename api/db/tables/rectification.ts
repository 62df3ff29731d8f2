import type { ColumnType, Generated } from "kysely";
import type {
  RectificationDecisionKind,
  RectificationOrigin,
  RectificationStatus,
} from "../../../shapes/rectifications.ts";

/** A date column (YYYY-MM-DD): pg and PGlite hand back a Date or text; written as text. */
type DateColumn = ColumnType<Date | string, string, string>;
type NullableDateColumn = ColumnType<Date | string | null, string | null, string | null>;

/** A rectification task (整改任务, migration …_create_rectifications). */
export interface RectificationTaskTable {
  id: Generated<number>;
  org_unit_id: number;
  period: string;
  indicator: string;
  origin: RectificationOrigin;
  instruction: ColumnType<string, string | undefined, string>;
  value_at_open: number | null;
  status: ColumnType<RectificationStatus, RectificationStatus | undefined, RectificationStatus>;
  /** Due by the end of this day, Asia/Shanghai. */
  deadline: DateColumn;
  extended: ColumnType<boolean, boolean | undefined, boolean>;
  measures: ColumnType<string, string | undefined, string>;
  opened_at: ColumnType<Date, Date | undefined, never>;
  /** Display name and `creatorKey` of who opened it by hand (null: closing opened it). */
  opened_by: string | null;
  opened_by_key: string | null;
  submitted_at: Date | null;
  verified_at: Date | null;
  verified_by: string | null;
  due_soon_marked_at: Date | null;
  overdue_marked_at: Date | null;
  notified_overdue_at: Date | null;
  notify_attempts: ColumnType<number, number | undefined, number>;
  notify_error: string | null;
}

export interface RectificationProgressTable {
  id: Generated<number>;
  task_id: number;
  at: ColumnType<Date, Date | undefined, never>;
  by_name: string;
  by_key: string;
  measures: string;
  note: string;
  submitted: ColumnType<boolean, boolean | undefined, never>;
}

export interface RectificationDecisionTable {
  id: Generated<number>;
  task_id: number;
  at: ColumnType<Date, Date | undefined, never>;
  by_name: string;
  by_key: string;
  decision: RectificationDecisionKind;
  note: string;
  new_deadline: NullableDateColumn;
}

export interface RectificationAttachmentTable {
  task_id: number;
  attachment_id: number;
}

/** A unit's group-robot webhook for overdue notices (企业微信 / 钉钉). */
export interface OrgUnitWebhookTable {
  org_unit_id: number;
  kind: "wecom" | "dingtalk";
  url: string;
  updated_at: ColumnType<Date, Date | undefined, Date>;
  updated_by: string;
}
