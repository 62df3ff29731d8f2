import type { ColumnType } from "kysely";

export type ReportEdition = "leadership" | "assessor";
export type ReportStatus = "queued" | "running" | "done" | "failed";

/**
 * A quarterly assessment report (issue 9): a queued, running, done or failed generation, and once
 * published (`published_at`, `version`) a frozen record that a trigger protects from any change.
 * `model` is the ReportModel JSON the HTML and PDF were rendered from; `snapshot` the inputs
 * (scheme version, data as of, data versions, hashes).
 */
export interface ReportTable {
  id: string;
  org_unit_id: number;
  year: number;
  quarter: number;
  edition: ReportEdition;
  status: ColumnType<ReportStatus, ReportStatus | undefined, ReportStatus>;
  progress: ColumnType<number, number | undefined, number>;
  error: string | null;
  attempts: ColumnType<number, number | undefined, number>;
  max_attempts: ColumnType<number, number | undefined, number>;
  not_before: ColumnType<Date, Date | undefined, Date>;
  heartbeat_at: Date | null;
  scope_unit_id: number | null;
  scheme_id: string;
  scheme_version: number | null;
  model: ColumnType<unknown, string | null, string | null>;
  snapshot: ColumnType<unknown, string | null, string | null>;
  html: string | null;
  pdf: Uint8Array | null;
  pdf_sha256: string | null;
  pages: number | null;
  created_by: string | null;
  schedule_key: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
  started_at: Date | null;
  finished_at: Date | null;
  version: number | null;
  published_at: Date | null;
  published_by: string | null;
}
