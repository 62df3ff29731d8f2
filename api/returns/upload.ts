/**
 * Uploading a filled quarterly-return template, all or nothing: every problem in the workbook
 * (its own cell errors, a period that disagrees with the form, unknown or out-of-scope units) is
 * listed with its cell and nothing is written; otherwise the rows with figures are filed.
 */
import type { Kysely } from "kysely";
import { parsePeriod } from "../../shapes/periods.ts";
import type { Principal } from "../access/principal.ts";
import type { DB } from "../db/database.ts";
import { type FieldError, Invalid } from "../errors.ts";
import type { SheetReader } from "../spreadsheet/reader.ts";
import { fileReturns } from "./filing.ts";
import { resolveUnitCodes } from "./queries.ts";
import { PERIOD_CELL, SHEET } from "./workbook/layout.ts";

/** Enough to fix a file in one round; beyond this the list is cut with a note. */
const MAX_ERRORS = 1000;

export interface UploadOutcome {
  period: string;
  updated: number;
  unchanged: number;
  skipped: number;
  /** Rows the workbook held (blank ones included). */
  rows: number;
}

/** Checks the whole workbook, then files it; throws `Invalid` (nothing written) on any problem. */
export async function uploadReturns(
  db: Kysely<DB>,
  sheets: SheetReader | undefined,
  bytes: Uint8Array,
  formPeriod: string | undefined,
  principal: Pick<Principal, "name" | "scopeUnitId">,
): Promise<UploadOutcome> {
  const { readReturnWorkbook } = await import("./workbook/read.ts");
  const book = await readReturnWorkbook(bytes, sheets);
  const errors: FieldError[] = [...book.errors];
  if (formPeriod !== undefined && book.period !== null && formPeriod !== book.period) {
    errors.push({
      path: `${SHEET}!${PERIOD_CELL}`,
      message: `工作簿是 ${book.period} 的，表单填的是 ${formPeriod}`,
    });
  }
  const units = await resolveUnitCodes(
    db,
    book.rows.map((r) => r.code),
    principal.scopeUnitId,
  );
  for (const r of book.rows) {
    const unit = units.get(r.code);
    const path = `${SHEET}!A${r.row}`;
    if (!unit) errors.push({ path, message: `没有编码为 ${r.code} 的单位` });
    else if (!unit.inScope) errors.push({ path, message: `单位 ${r.code} 不在您的管辖范围内` });
  }
  if (errors.length > 0 || book.period === null) {
    const shown = errors.slice(0, MAX_ERRORS);
    if (errors.length > MAX_ERRORS) {
      shown.push({ path: SHEET, message: `……另有 ${errors.length - MAX_ERRORS} 处问题` });
    }
    throw new Invalid(`工作簿中有 ${errors.length} 处问题，未写入任何数据`, shown);
  }
  const period = book.period;
  const writes = book.rows
    .filter((r) => !r.blank)
    .map((r) => ({ orgUnitId: units.get(r.code)!.id, values: r.values }));
  const outcome = await fileReturns(db, parsePeriod(period)!, writes, principal.name);
  return {
    period,
    updated: outcome.changed.length,
    unchanged: outcome.unchanged.length,
    skipped: book.rows.length - writes.length,
    rows: book.rows.length,
  };
}
