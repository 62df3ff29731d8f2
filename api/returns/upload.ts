/**
 * Uploading a filled quarterly-return template, all or nothing: every problem in the workbook
 * (its own cell errors, a period that disagrees with the form, unknown or out-of-scope units) is
 * listed with its cell and nothing is written; otherwise the rows with figures are filed.
 */
import type { Kysely } from "kysely";
import { periodLabel } from "../../shapes/format.ts";
import { parsePeriod } from "../../shapes/periods.ts";
import type { Principal } from "../access/principal.ts";
import type { DB } from "../db/database.ts";
import { type FieldError, Invalid } from "../errors.ts";
import type { SheetReader } from "../spreadsheet/reader.ts";
import { fault, quoted } from "./figures.ts";
import { fileReturns } from "./filing.ts";
import { resolveUnitCodes } from "./queries.ts";
import { PERIOD_CELL, SHEET } from "./workbook/layout.ts";

/** A filled template for a whole city is well under 2 MiB; 10 MiB leaves room and bounds memory. */
export const UPLOAD_LIMIT = 10 * 1024 * 1024;

/** Enough to fix a file in one round; beyond this the list is cut with a note. */
const MAX_ERRORS = 1000;

export interface UploadOutcome {
  period: string;
  updated: number;
  unchanged: number;
  skipped: number;
  /** Rows the workbook held (blank ones included). */
  rows: number;
  /** The units whose return changed. */
  changedUnitIds: number[];
}

/** Checks the whole workbook, then files it; throws `Invalid` (nothing written) on any problem. */
export async function uploadReturns(
  db: Kysely<DB>,
  sheets: SheetReader | undefined,
  bytes: Uint8Array,
  formPeriod: string | undefined,
  principal: Pick<Principal, "name" | "scopeUnitId">,
  now: Date = new Date(),
): Promise<UploadOutcome> {
  const { readReturnWorkbook } = await import("./workbook/read.ts");
  const book = await readReturnWorkbook(bytes, sheets);
  const errors: FieldError[] = [...book.errors];
  if (formPeriod !== undefined && book.period !== null && formPeriod !== book.period) {
    errors.push(
      fault(
        `${SHEET}!${PERIOD_CELL}`,
        `工作簿是 ${periodLabel(book.period)}的报表，本次填报的是 ${periodLabel(formPeriod)}`,
      ),
    );
  }
  const units = await resolveUnitCodes(
    db,
    book.rows.map((r) => r.code),
    principal.scopeUnitId,
  );
  for (const r of book.rows) {
    const unit = units.get(r.code);
    const path = `${SHEET}!A${r.row}`;
    if (!unit) errors.push(fault(path, `没有单位代码为${quoted(r.code)}的单位`));
    else if (!unit.inScope) errors.push(fault(path, `单位${quoted(r.code)}不在您的管辖范围内`));
  }
  if (errors.length > 0 || book.period === null) {
    const shown = errors.slice(0, MAX_ERRORS);
    if (errors.length > MAX_ERRORS) {
      shown.push(fault(SHEET, `……另有 ${errors.length - MAX_ERRORS} 处错误未列出`));
    }
    throw new Invalid(`工作簿中有 ${errors.length} 处错误，整个文件均未写入`, shown);
  }
  const period = book.period;
  const writes = book.rows
    .filter((r) => !r.blank)
    .map((r) => ({ orgUnitId: units.get(r.code)!.id, values: r.values }));
  const outcome = await fileReturns(db, parsePeriod(period)!, writes, principal.name, now);
  return {
    period,
    updated: outcome.changed.length,
    unchanged: outcome.unchanged.length,
    skipped: book.rows.length - writes.length,
    rows: book.rows.length,
    changedUnitIds: outcome.changed,
  };
}
