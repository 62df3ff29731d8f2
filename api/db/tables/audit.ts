import type { ColumnType, Generated, Selectable } from "kysely";

export interface AuditLogTable {
  id: Generated<string>;
  at: ColumnType<Date, Date | undefined, never>;
  actor: string;
  actor_kind: "user" | "api_key" | "anonymous" | "system";
  /** The acting principal's scope root (null: city-wide or anonymous), to scope audit reads. */
  actor_scope_id: number | null;
  action: string;
  method: string;
  path: string;
  status: number;
  target: string | null;
  detail: ColumnType<unknown, string | null, string | null>;
  ip: string | null;
  request_id: string | null;
}
export type AuditEntry = Selectable<AuditLogTable>;

export type JobStatus = "queued" | "running" | "done" | "failed";

export interface JobTable {
  id: string;
  kind: string;
  status: JobStatus;
  progress: Generated<number>;
  params: ColumnType<unknown, string | null, string | null>;
  result: ColumnType<unknown, string | null, string | null>;
  error: string | null;
  created_by: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}
