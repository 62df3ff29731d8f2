import type { Workbook } from "exceljs";
import { RETURN_FIELDS, type ReturnField } from "../../db/tables/unit-return.ts";

/**
 * The layout of the quarterly-return template, shared by the writer (template.xlsx) and the
 * reader (upload). Users see Simplified Chinese; the reader matches headers exactly, so a sheet
 * whose columns were moved, renamed or added to is refused rather than misread.
 */
export const SHEET = "季度填报";
export const INFO_SHEET = "填写说明";
export const PERIOD_CELL = "B1";
export const SCOPE_CELL = "B2";
export const HEADER_ROW = 4;
export const FIRST_DATA_ROW = 5;
/** Columns A and B (code, name) are locked; figures start at column C (3). */
export const FIRST_FIGURE_COLUMN = 3;
/** More rows than any district has communities (7,000 in a whole city). */
export const MAX_DATA_ROWS = 20_000;

export const FIGURE_HEADERS: Record<ReturnField, string> = {
  population: "常住人口",
  budgetAllocatedYear: "年度预算(元)",
  budgetSpent: "本季度支出(元)",
  workersInPost: "在岗社区工作者",
  positions: "核定编制",
  trainingHours: "培训学时",
  meetingsHeld: "议事会召开次数",
  itemsRaised: "协商事项提出数",
  itemsResolved: "协商事项解决数",
  participants: "参与居民数",
  volunteers: "注册志愿者",
  volunteerHours: "志愿服务时长",
  platformActiveUsers: "平台活跃用户数",
};

/** Every header of row 4, in column order from A. */
export const HEADERS: readonly string[] = [
  "单位代码",
  "单位名称",
  ...RETURN_FIELDS.map((f) => FIGURE_HEADERS[f]),
];

/** What each figure means, for the instructions sheet and the input prompts. */
export const FIGURE_HELP: Record<ReturnField, string> = {
  population: "本社区季度末常住人口（人）",
  budgetAllocatedYear: "本年度下达的社区治理经费总额（元），各季度填写同一年度数",
  budgetSpent: "本季度实际支出（元），只填本季度，不要累计",
  workersInPost: "季度末在岗社区工作者人数",
  positions: "核定的社区工作者编制数",
  trainingHours: "本季度社区工作者参加培训的总学时",
  meetingsHeld: "本季度召开居民议事会（协商会）的次数",
  itemsRaised: "本季度提交协商的事项数",
  itemsResolved: "本季度协商解决的事项数",
  participants: "本季度参与议事、志愿等活动的居民人数（同一人只计一次）",
  volunteers: "季度末注册志愿者人数",
  volunteerHours: "本季度志愿服务总时长（小时）",
  platformActiveUsers: "本季度居民端平台的活跃用户数（同一人只计一次）",
};

/** An Excel column letter for a 1-based index (1 → A, 15 → O, 27 → AA). */
export function columnLetter(index: number): string {
  let n = index;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/**
 * exceljs, loaded on demand: it is Node-only and must stay out of the Worker bundle. It is a
 * CommonJS module, so under ESM its API sits on `default`.
 */
export async function loadExcel(): Promise<{ Workbook: new () => Workbook }> {
  const mod = await import("exceljs");
  return (mod as unknown as { default: typeof mod }).default ?? mod;
}
