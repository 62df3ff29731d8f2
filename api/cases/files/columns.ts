import { unguardFormula } from "../../../reports/tabular/csv.ts";
import type { FieldError } from "../../errors.ts";
import {
  CASE_FIELDS,
  type CaseField,
  type CaseFieldName,
  REQUIRED_FIELDS,
} from "../contract/fields.ts";

/** A spreadsheet cell as the readers give it: CSV gives strings, XLSX also numbers, booleans, dates. */
export type Cell = string | number | boolean | Date | null | undefined;

/** Header text → comparable key: no spaces, no required-marks (*), no notes in brackets, lower case. */
function headerKey(text: string): string {
  return text
    .replace(/[（(【[].*?[）)】\]]/g, "")
    .replace(/[\s*＊:：]/g, "")
    .toLowerCase();
}

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

const BY_HEADER = new Map<string, CaseField>();
for (const f of CASE_FIELDS) {
  for (const h of [f.name, snake(f.name), ...f.headers]) BY_HEADER.set(headerKey(h), f);
}

export interface ColumnMap {
  /** For each column of the file, the field it fills (null: ignored). */
  fields: (CaseField | null)[];
  /** Header texts that name no field; ignored when nothing required is missing. */
  unknown: string[];
}

/** How a header row maps to fields; problems are returned, not thrown, for the caller to word. */
export function mapHeader(cells: readonly Cell[]): { map: ColumnMap; errors: FieldError[] } {
  const fields: (CaseField | null)[] = [];
  const unknown: string[] = [];
  const seen = new Map<CaseFieldName, string>();
  const errors: FieldError[] = [];
  for (const cell of cells) {
    const text = cellText(cell);
    const field = text === "" ? undefined : BY_HEADER.get(headerKey(text));
    if (!field) {
      if (text !== "") unknown.push(text);
      fields.push(null);
      continue;
    }
    const earlier = seen.get(field.name);
    if (earlier !== undefined) {
      errors.push({
        path: "columns",
        message: `列“${earlier}”与“${text}”都对应字段 ${field.name}`,
      });
    }
    seen.set(field.name, text);
    fields.push(field);
  }
  if (seen.size === 0) {
    const expected = CASE_FIELDS.filter((f) => f.required)
      .map((f) => f.headers[0])
      .join(", ");
    errors.push({
      path: "columns",
      message: `没有表头行：第一行须写明各列名称（${expected} ……，或英文字段名）`,
    });
    return { map: { fields, unknown }, errors };
  }
  for (const name of REQUIRED_FIELDS) {
    if (!seen.has(name)) {
      const f = CASE_FIELDS.find((x) => x.name === name)!;
      errors.push({ path: "columns", message: `缺少列：${f.headers[0]}（${name}）` });
    }
  }
  if (errors.length > 0) {
    for (const u of unknown) errors.push({ path: "columns", message: `无法识别的列：${u}` });
  }
  return { map: { fields, unknown }, errors };
}

/** A cell's text: rich text, hyperlinks and formulas (their cached result) read as what they show. */
export function cellText(cell: Cell | object): string {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "string") return cell.trim();
  if (typeof cell === "number" || typeof cell === "boolean") return String(cell);
  if (cell instanceof Date) return cell.toISOString();
  const o = cell as { richText?: { text: string }[]; text?: unknown; result?: unknown };
  if (Array.isArray(o.richText))
    return o.richText
      .map((r) => r.text)
      .join("")
      .trim();
  if (o.text !== undefined) return cellText(o.text as Cell);
  if (o.result !== undefined) return cellText(o.result as Cell);
  return "";
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/**
 * An XLSX date cell as a timestamp. Excel dates carry no zone; exceljs hands them over as if
 * they were UTC, so the wall-clock fields are read back and labelled Beijing time (+08:00), as
 * the template's instructions say.
 */
function excelDate(d: Date): string {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+08:00`;
}

const TRUE = new Set(["是", "true", "1", "y", "yes", "t", "√", "✓", "对"]);
const FALSE = new Set(["否", "false", "0", "n", "no", "f", "×", "✗", "错"]);

const ENUM_BY_TEXT = new Map<CaseFieldName, Map<string, string>>();
for (const f of CASE_FIELDS) {
  if (f.type !== "enum") continue;
  const m = new Map<string, string>();
  for (const [value, label] of Object.entries(f.labels)) {
    m.set(value.toLowerCase(), value);
    m.set(label.toLowerCase(), value);
  }
  ENUM_BY_TEXT.set(f.name, m);
}

/**
 * One data row as a raw case record (the shape POST /cases/batch takes), ready for the same
 * validator: Chinese enum labels and 是/否 become the API's values, XLSX dates become
 * timestamps. A value that cannot be converted is passed on as text, so the validator names it.
 */
export function rowToRecord(cells: readonly Cell[], map: ColumnMap): Record<string, unknown> {
  const rec: Record<string, unknown> = {};
  for (let c = 0; c < map.fields.length; c++) {
    const f = map.fields[c];
    if (!f) continue;
    const cell = cells[c];
    if (cell === null || cell === undefined || cell === "") continue;
    if (f.type === "timestamp" && cell instanceof Date) {
      rec[f.name] = excelDate(cell);
      continue;
    }
    if (f.type === "bool" && typeof cell === "boolean") {
      rec[f.name] = cell;
      continue;
    }
    const text = cellText(cell);
    if (text === "") continue;
    if (f.type === "bool") {
      const key = text.toLowerCase();
      rec[f.name] = TRUE.has(key) ? true : FALSE.has(key) ? false : text;
    } else if (f.type === "int") {
      // JSON takes an integer as a number; text that is not one goes on for the validator to name.
      const n = Number(text);
      rec[f.name] = /^[+-]?\d+$/.test(text) && Number.isSafeInteger(n) ? n : text;
    } else if (f.type === "enum") {
      rec[f.name] = ENUM_BY_TEXT.get(f.name)?.get(text.toLowerCase()) ?? text;
    } else {
      rec[f.name] = unguardFormula(text); // a raw export's `'=…` is the text `=…`
    }
  }
  return rec;
}
