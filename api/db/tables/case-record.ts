import type { ColumnType } from "kysely";

import type { CaseChannel, CaseKind } from "../../../shapes/cases.ts";

// The kinds and channels are shared shapes (a UnitResult's counts are keyed by them): one list in
// shapes/cases.ts, re-exported for the case code that reads them with the table.
export {
  CASE_CHANNELS,
  CASE_KINDS,
  type CaseChannel,
  type CaseKind,
} from "../../../shapes/cases.ts";
/** Channels that count as proactive discovery (主动发现), INDICATORS.md counting rules. */
export const PROACTIVE_CHANNELS: readonly CaseChannel[] = [
  "grid_patrol",
  "ai_camera",
  "iot_sensor",
];
export type CallbackVerdict = "satisfied" | "basically_satisfied" | "dissatisfied";
export const CALLBACK_VERDICTS: readonly CallbackVerdict[] = [
  "satisfied",
  "basically_satisfied",
  "dissatisfied",
];

/** A case; its identity is (source, external_id), the primary key. */
export interface CaseRecordTable {
  source: string;
  external_id: string;
  org_unit_id: number;
  kind: CaseKind;
  channel: CaseChannel;
  category: string | null;
  reported_at: Date;
  responded_at: Date | null;
  resolved_at: Date | null;
  deadline_at: Date | null;
  first_pass: boolean;
  complaint: boolean;
  online: boolean;
  callback: CallbackVerdict | null;
  /**
   * `contentHash` of the case as ingest last wrote it (null: compare the row in full). Written
   * only by the ingest SQL; read back only in SQL (a JS number would round the int8).
   */
  content_hash: ColumnType<number | null, never, never>;
  received_at: ColumnType<Date, Date | undefined, Date>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface SourceFreshnessTable {
  source: string;
  last_received_at: Date;
  max_reported_at: Date | null;
}
