/**
 * The Chinese words every side shows for the product's codes: org levels, roles, grades and
 * indicator statuses. Plain data (no zod), so reports and pages import it without the API's edge.
 */
import { GRADE_THRESHOLDS, type Grade } from "../metrics/scheme.ts";
import type { Status } from "../metrics/score.ts";
import type { OrgLevel } from "./org-levels.ts";

/** Chinese names of the org levels. */
export const LEVEL_LABELS: Readonly<Record<OrgLevel, string>> = Object.freeze({
  city: "市",
  district: "区",
  county: "县",
  street: "街道",
  township: "乡镇",
  community: "社区",
  village: "村",
  grid: "网格",
});

/** Chinese names of the roles. */
export const ROLE_LABELS: Readonly<Record<string, string>> = Object.freeze({
  admin: "系统管理员",
  leader: "领导小组",
  assessor: "第三方评估",
  clerk: "数据填报员",
  volunteer: "代办员",
  platform: "平台接口",
});

/**
 * Chinese labels of the grades (INDICATORS.md "Grade": ≥ 90 优秀, ≥ 80 良好, ≥ 60 合格, < 60 不合格),
 * as metrics' grade thresholds name them.
 */
export const GRADE_LABELS: Readonly<Record<Grade, string>> = Object.freeze(
  Object.fromEntries(GRADE_THRESHOLDS.map((t) => [t.grade, t.labelZh])) as Record<Grade, string>,
);

/** Chinese labels of the statuses, as pages and reports show them beside a value. */
export const STATUS_LABELS: Readonly<Record<Status, string>> = Object.freeze({
  green: "达标",
  amber: "预警",
  red: "红色",
});

/** The statuses as colour names (绿/黄/红), as the assessor workbook's status column shows them. */
export const STATUS_COLOUR_NAMES = Object.freeze({ green: "绿", amber: "黄", red: "红" } as const);

/** Chinese names of the known case sources (`case_record.source`). */
export const SOURCE_LABELS: Readonly<Record<string, string>> = Object.freeze({
  yiwangtongguan: "一网统管平台",
  "12345": "12345 热线",
  xinfang: "信访系统",
  yichuangshouli: "一窗受理",
});

/**
 * What a Chinese page or file calls a case source: its Chinese name, or for a source not in
 * {@link SOURCE_LABELS} “来源 id” (an id sent by a platform has no Chinese name to show).
 */
export function sourceLabel(source: string): string {
  return SOURCE_LABELS[source] ?? `来源 ${source}`;
}
