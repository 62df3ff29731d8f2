/**
 * Reads a spreadsheet of paper survey responses (CSV or XLSX) into batch records. Only the
 * reading is here: every record is then checked like a batch record, so a bad cell rejects its
 * row with the field named. csv-parse and exceljs are Node-only and loaded lazily.
 */
import { Invalid } from "../../errors.ts";

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

type Cell = string | number | boolean | Date | null;

/** Cells of a sheet, header first, from CSV (UTF-8 with or without BOM, else GB18030) or XLSX. */
async function readCells(name: string, bytes: Uint8Array): Promise<Cell[][]> {
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (isZip || /\.xlsx$/i.test(name)) {
    const { default: ExcelJS } = await import("exceljs");
    const book = new ExcelJS.Workbook();
    try {
      await book.xlsx.load(
        bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
      );
    } catch {
      throw new Invalid("Not a readable XLSX file", [
        { path: "body.file", message: "cannot read the workbook" },
      ]);
    }
    const sheet = book.worksheets[0];
    if (!sheet) return [];
    const out: Cell[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row, n) => {
      const cells: Cell[] = [];
      for (let i = 1; i <= sheet.columnCount; i++) {
        const v = row.getCell(i).value;
        if (v === null || v === undefined) cells.push(null);
        else if (v instanceof Date || typeof v !== "object") cells.push(v);
        else if ("result" in v) cells.push((v.result as Cell) ?? null);
        else if ("text" in v) cells.push(String(v.text));
        else if ("richText" in v) cells.push(v.richText.map((t) => t.text).join(""));
        else cells.push(String(v));
      }
      out[n - 1] = cells;
    });
    return Array.from(out, (r) => r ?? []);
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    // Excel on Chinese Windows saves CSV in GBK; GB18030 is its superset.
    text = new TextDecoder("gb18030").decode(bytes);
  }
  const { parse } = await import("csv-parse/sync");
  try {
    return parse(text.replace(/^\uFEFF/, ""), {
      relax_column_count: true,
      skip_empty_lines: false,
    }) as string[][];
  } catch (err) {
    throw new Invalid("Not a readable CSV file", [
      { path: "body.file", message: (err as Error).message },
    ]);
  }
}

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
export async function readResponseSheet(name: string, bytes: Uint8Array): Promise<ResponseSheet> {
  const cells = await readCells(name, bytes);
  const header = (cells[0] ?? []).map((h) => String(h ?? "").trim());
  const fields = header.map((h) => COLUMNS[h.toLowerCase()] ?? COLUMNS[h] ?? null);
  const unknown = header.filter((h, i) => h !== "" && fields[i] === null);
  if (!fields.includes("orgUnit") || unknown.length > 0) {
    throw new Invalid("The sheet's columns are not the survey template's", [
      ...(fields.includes("orgUnit")
        ? []
        : [{ path: "body.file", message: "no orgUnit/单位编码 column" }]),
      ...unknown.map((h) => ({ path: "body.file", message: `unknown column '${h}'` })),
    ]);
  }
  const records: Record<string, unknown>[] = [];
  const rows: number[] = [];
  for (let r = 1; r < cells.length; r++) {
    const line = cells[r] ?? [];
    if (line.every((v) => v === null || v === undefined || String(v).trim() === "")) continue;
    if (records.length >= MAX_ROWS) {
      throw new Invalid(`At most ${MAX_ROWS} rows per file`, [
        { path: "body.file", message: "too many rows" },
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
    rows.push(r + 1);
  }
  return { records, rows };
}
