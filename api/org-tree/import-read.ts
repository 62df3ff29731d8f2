/**
 * Reads an org-tree spreadsheet (XLSX or CSV) into the units of a PUT /org-units: one row per
 * unit, or per unit and year when several years' facts are given (the unit's other cells then
 * repeat). Headers in Chinese or English; levels as 区/街道/社区… or their codes. Every bad cell
 * is named by its row; the file is then written as a whole or not at all (apply.ts).
 */
import { LEVEL_LABELS } from "../../shapes/labels.ts";
import { ORG_LEVELS } from "../../shapes/org-levels.ts";
import { type FieldError, Invalid } from "../errors.ts";
import type { SheetReader } from "../spreadsheet/reader.ts";
import { readUploadLines, type UploadCell } from "../spreadsheet/upload-lines.ts";
import { OrgUnitInput } from "./schema.ts";

/** Header → field. */
const COLUMNS: Record<string, string> = {
  code: "code",
  编码: "code",
  单位编码: "code",
  name: "name",
  名称: "name",
  单位名称: "name",
  level: "level",
  层级: "level",
  parentcode: "parentCode",
  上级编码: "parentCode",
  上级单位编码: "parentCode",
  urban: "urban",
  城乡: "urban",
  year: "year",
  年份: "year",
  population: "population",
  常住人口: "population",
  人口: "population",
  households: "households",
  户数: "households",
};

const LEVELS = new Map<string, string>([
  ...ORG_LEVELS.map((l) => [l, l] as [string, string]),
  ...Object.entries(LEVEL_LABELS).map(([l, zh]) => [zh, l] as [string, string]),
]);
const URBAN: Record<string, boolean> = {
  城市: true,
  城镇: true,
  城: true,
  urban: true,
  true: true,
  农村: false,
  乡村: false,
  乡: false,
  rural: false,
  false: false,
};
const MAX_ROWS = 20_000;

/** Column names and, where zod's own message is English, what a cell must hold. */
const FIELD_ZH: Record<string, string> = {
  code: "编码",
  name: "名称",
  level: "层级",
  parentCode: "上级编码",
  urban: "城乡",
  year: "年份",
  population: "常住人口",
  households: "户数",
};
const CHINESE: Record<string, string> = {
  code: "须为 1–32 位字母、数字、“-”或“_”",
  parentCode: "须为 1–32 位字母、数字、“-”或“_”",
  name: "不能为空，至多 100 个字符",
  level: `须为 ${Object.values(LEVEL_LABELS).join("、")} 之一`,
  urban: "须为 城市 或 农村",
  year: "须为 2000–2100 之间的整数",
  population: "须为不小于 0 的整数",
  households: "须为不小于 0 的整数",
};

const blank = (v: UploadCell | undefined) =>
  v === null || v === undefined || (typeof v === "string" && v.trim() === "");

function numberCell(v: UploadCell): unknown {
  if (typeof v === "number") return v;
  const s = String(v).trim().replace(/,/g, "");
  return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : s;
}

/** The units a sheet describes, in row order, and the row each was first given on. */
export async function readOrgSheet(
  name: string,
  bytes: Uint8Array,
  sheets: SheetReader | undefined,
): Promise<{ units: OrgUnitInput[]; rows: number[] }> {
  const errors: FieldError[] = [];
  const units = new Map<string, { unit: OrgUnitInput; row: number }>();
  let fields: (string | null)[] | null = null;
  let rows = 0;
  for await (const { number, cells } of readUploadLines(name, bytes, sheets)) {
    if (fields === null) {
      const header = cells.map((h) => String(h ?? "").trim());
      fields = header.map((h) => COLUMNS[h.toLowerCase()] ?? COLUMNS[h] ?? null);
      const missing = ["code", "name", "level"].filter((f) => !fields?.includes(f));
      const unknown = header.filter((h, i) => h !== "" && fields?.[i] === null);
      if (missing.length > 0 || unknown.length > 0) {
        throw new Invalid("表格的列与组织架构模板不符（第 1 行须为表头）", [
          ...missing.map((f) => ({ path: "file", message: `缺少列：${f}` })),
          ...unknown.map((h) => ({ path: "file", message: `无法识别的列：${h}` })),
        ]);
      }
      continue;
    }
    if (cells.every(blank)) continue;
    if (++rows > MAX_ROWS) {
      throw new Invalid(`每个文件至多 ${MAX_ROWS} 行`, [{ path: "file", message: "行数过多" }]);
    }
    const raw: Record<string, unknown> = {};
    fields.forEach((f, i) => {
      const v = cells[i] ?? null;
      if (f === null || blank(v)) return;
      if (f === "level") raw.level = LEVELS.get(String(v).trim()) ?? String(v).trim();
      else if (f === "urban") raw.urban = URBAN[String(v).trim().toLowerCase()] ?? String(v);
      else if (f === "year" || f === "population" || f === "households") raw[f] = numberCell(v);
      else raw[f] = String(v).trim();
    });
    const { year, population, households, ...unitFields } = raw;
    const parsed = OrgUnitInput.safeParse({
      ...unitFields,
      years: year === undefined ? [] : [{ year, population, households }],
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] === "years" ? (issue.path[2] ?? "year") : issue.path[0]);
        errors.push({
          path: `file.row${number}.${field}`,
          message: `第 ${number} 行${FIELD_ZH[field] ?? field}：${CHINESE[field] ?? issue.message}`,
        });
      }
      continue;
    }
    const seen = units.get(parsed.data.code);
    if (!seen) {
      units.set(parsed.data.code, { unit: parsed.data, row: number });
      continue;
    }
    const a = seen.unit;
    const b = parsed.data;
    if (
      a.name !== b.name ||
      a.level !== b.level ||
      (a.parentCode ?? null) !== (b.parentCode ?? null)
    ) {
      errors.push({
        path: `file.row${number}.code`,
        message: `第 ${number} 行：单位 ${b.code} 的名称、层级或上级与第 ${seen.row} 行不一致`,
      });
      continue;
    }
    a.years ??= [];
    for (const y of b.years ?? []) {
      if (a.years.some((x) => x.year === y.year)) {
        errors.push({
          path: `file.row${number}.year`,
          message: `第 ${number} 行：单位 ${b.code} 的 ${y.year} 年数据重复（第 ${seen.row} 行已给出）`,
        });
      } else a.years.push(y);
    }
  }
  if (errors.length > 0) {
    throw new Invalid(`表格中有 ${errors.length} 处问题，未写入任何内容`, errors.slice(0, 200));
  }
  if (units.size === 0) {
    throw new Invalid("表格中没有单位", [{ path: "file", message: "除表头外没有数据行" }]);
  }
  const all = [...units.values()];
  return { units: all.map((u) => u.unit), rows: all.map((u) => u.row) };
}
