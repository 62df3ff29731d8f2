/**
 * The kinds and channels of a case (CONTRACT.md "Case"): the database's enums, the API's case
 * schema and the counts of a UnitResult (`counts.byKind`, `counts.byChannel`) all use these lists.
 */

export type CaseKind = "event" | "appeal" | "service";
export const CASE_KINDS: readonly CaseKind[] = ["event", "appeal", "service"];

export type CaseChannel =
  | "hotline"
  | "app"
  | "wechat"
  | "petition"
  | "window"
  | "online"
  | "grid_patrol"
  | "ai_camera"
  | "iot_sensor";
export const CASE_CHANNELS: readonly CaseChannel[] = [
  "hotline",
  "app",
  "wechat",
  "petition",
  "window",
  "online",
  "grid_patrol",
  "ai_camera",
  "iot_sensor",
];
