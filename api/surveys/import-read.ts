/**
 * Reads a spreadsheet of paper survey responses (CSV or XLSX) into batch records. Only the
 * reading is here: every record is then checked like a batch record, so a bad cell rejects its
 * row with the field named. The file's rows come from spreadsheet/upload-lines.ts.
 */
import { Invalid } from "../errors.ts";
import type { SheetReader } from "../spreadsheet/reader.ts";
import { readUploadLines, type UploadCell } from "../spreadsheet/upload-lines.ts";

/** Header (English or Chinese) → field. */
const COLUMNS: Record<string, string> = {
  id: "id",
  orgunit: "orgUnit",
  单位编码: "orgUnit",
  submittedat: "submittedAt",
  填写时间: "submittedAt",
  overall: "overall",
  总体满意度: "overall",
  timeliness: "timeliness",
  办理时效: "timeliness",
  effectiveness: "effectiveness",
  解决效果: "effectiveness",
  transparency: "transparency",
  沟通透明: "transparency",
  attitude: "attitude",
  服务态度: "attitude",
  ageband: "ageBand",
  年龄段: "ageBand",
  comment: "comment",
  意见建议: "comment",
  mode: "mode",
  方式: "mode",
};
const ITEMS = new Set(["overall", "timeliness", "effectiveness", "transparency", "attitude"]);
const MODES: Record<string, string> = {
  self: "self",
  自填: "self",
  本人: "self",
  本人填写: "self",
  assisted: "assisted",
  代填: "assisted",
  代办: "assisted",
  协助: "assisted",
  协助填写: "assisted",
};
const MAX_ROWS = 10_000;

export interface ResponseSheet {
  records: Record<string, unknown>[];
  /** Spreadsheet row of each record (the header is row 1). */
  rows: number[];
}

type Cell = UploadCell;

const pad = (n: number) => String(n).padStart(2, "0");

/** An Excel date cell carries the wall-clock time as if it were UTC; we read it as Beijing time. */
function excelDate(d: Date): string {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+08:00`;
}

/** `2026-08-01 10:00`, `2026/8/1 10:00:05`, `2026-08-01` (no offset) → Beijing time; others unchanged. */
function timestamp(v: Cell): unknown {
  if (v instanceof Date) return excelDate(v);
  if (typeof v !== "string") return v ?? undefined;
  const s = v.trim();
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
  if (!m) return s;
  const [, y, mo, d, h = "0", mi = "0", se = "0"] = m;
  return `${y}-${pad(Number(mo))}-${pad(Number(d))}T${pad(Number(h))}:${pad(Number(mi))}:${pad(Number(se))}+08:00`;
}

function fivePoint(v: Cell): unknown {
  if (typeof v === "number") return v;
  if (typeof v !== "string") return v ?? undefined;
  const s = v.trim();
  return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : s;
}

function ageBand(v: Cell): unknown {
  if (v === null || v === undefined) return undefined;
  const s = String(v)
    .replace(/[岁及以上\s]/g, "")
    .replace(/[–—~～至]/g, "-");
  return s === "80" ? "80+" : s;
}

/** Reads the sheet into batch records; empty rows are skipped, an unknown column is refused. */
export async function readResponseSheet(
  name: string,
  bytes: Uint8Array,
  sheets: SheetReader | undefined,
): Promise<ResponseSheet> {
  const records: Record<string, unknown>[] = [];
  const rows: number[] = [];
  let fields: (string | null)[] | null = null;
  const readHeader = (cells: readonly Cell[]) => {
    const header = cells.map((h) => String(h ?? "").trim());
    const found = header.map((h) => COLUMNS[h.toLowerCase()] ?? COLUMNS[h] ?? null);
    const unknown = header.filter((h, i) => h !== "" && found[i] === null);
    if (!found.includes("orgUnit") || unknown.length > 0) {
      throw new Invalid("表格的列与问卷模板不符", [
        ...(found.includes("orgUnit")
          ? []
          : [{ path: "body.file", message: "缺少“单位编码”（orgUnit）列" }]),
        ...unknown.map((h) => ({ path: "body.file", message: `无法识别的列：${h}` })),
      ]);
    }
    return found;
  };
  for await (const { number, cells: line } of readUploadLines(name, bytes, sheets)) {
    if (fields === null) {
      fields = readHeader(number === 1 ? line : []);
      if (number === 1) continue;
    }
    if (line.every((v) => v === null || v === undefined || String(v).trim() === "")) continue;
    if (records.length >= MAX_ROWS) {
      throw new Invalid(`每个文件最多 ${MAX_ROWS} 行`, [
        { path: "body.file", message: "行数过多" },
      ]);
    }
    const record: Record<string, unknown> = { answers: {} };
    const answers = record.answers as Record<string, unknown>;
    fields.forEach((f, i) => {
      const v = line[i] ?? null;
      if (f === null || v === null || (typeof v === "string" && v.trim() === "")) return;
      if (ITEMS.has(f)) answers[f] = fivePoint(v);
      else if (f === "ageBand") answers.ageBand = ageBand(v);
      else if (f === "comment") answers.comment = String(v);
      else if (f === "submittedAt") record.submittedAt = timestamp(v);
      else if (f === "mode") record.mode = MODES[String(v).trim().toLowerCase()] ?? String(v);
      else record[f] = String(v).trim();
    });
    records.push(record);
    rows.push(number);
  }
  if (fields === null) readHeader([]);
  return { records, rows };
}
