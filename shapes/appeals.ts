/**
 * Appeals (申诉 / 核减, CYCLE.md): their reasons and states, with the Chinese labels every page,
 * workbook and report shows. One definition for api, reports and web.
 */

export type AppealReason =
  | "not_our_duty"
  | "duplicate"
  | "unreasonable"
  | "force_majeure"
  | "other";
export const APPEAL_REASONS = [
  "not_our_duty",
  "duplicate",
  "unreasonable",
  "force_majeure",
  "other",
] as const satisfies readonly AppealReason[];

export const APPEAL_REASON_LABELS: Readonly<Record<AppealReason, string>> = {
  not_our_duty: "非职责范围",
  duplicate: "重复诉求",
  unreasonable: "无理诉求",
  force_majeure: "不可抗力",
  other: "其他",
};

export type AppealStatus = "pending" | "approved" | "rejected";
export const APPEAL_STATUSES = [
  "pending",
  "approved",
  "rejected",
] as const satisfies readonly AppealStatus[];

export const APPEAL_STATUS_LABELS: Readonly<Record<AppealStatus, string>> = {
  pending: "待审核",
  approved: "已核减",
  rejected: "未通过",
};

export type AppealDecision = "approved" | "rejected";
