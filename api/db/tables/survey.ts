import type { ColumnType } from "kysely";

export interface SurveyTable {
  id: string;
  version: number;
  title: string;
  definition: ColumnType<unknown, string, never>;
  created_by: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export type SurveyMode = "self" | "assisted";

export interface SurveyResponseTable {
  id: string;
  survey_id: string;
  survey_version: number;
  org_unit_id: number;
  submitted_at: Date;
  mode: SurveyMode;
  answers: ColumnType<unknown, string, never>;
  score: number | null;
  overall: number | null;
  age_band: string | null;
  comment: string | null;
  client_hash: string | null;
  entered_by: string | null;
  received_at: ColumnType<Date, Date | undefined, never>;
}

/** A stuffing signal raised on a stored response (api/surveys/integrity/signals.ts). */
export type SurveyFlagKind = "repeat_client" | "straight_line" | "burst";
export type SurveyFlagStatus = "open" | "confirmed" | "dismissed";

export interface SurveyFlagTable {
  response_id: string;
  kind: SurveyFlagKind;
  detected_at: ColumnType<Date, Date | undefined, never>;
  /** `confirmed` by an assessor: the response counts in no survey figure (G4, statistics). */
  status: ColumnType<SurveyFlagStatus, SurveyFlagStatus | undefined, SurveyFlagStatus>;
  decided_by: string | null;
  decided_at: Date | null;
}
