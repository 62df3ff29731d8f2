import { createRoute } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { parsePeriod } from "../../../shapes/periods.ts";
import { type FieldError, Invalid, TooLarge } from "../../errors.ts";
import { jsonResponse, problems, type Router } from "../../http/router.ts";
import { authorize } from "../../middleware/authorize.ts";
import { assertPeriodOpen, isLateReturn } from "../../periods/rules.ts";
import { cycleDaysOf } from "../../schemes/cycle.ts";
import { describeLimits, SMALL_UPLOAD_LIMITS } from "../../spreadsheet/limits.ts";
import { resolveUnitCodes, writeReturns } from "../queries.ts";
import { UploadForm, UploadResult } from "../schema.ts";
import { PERIOD_CELL, SHEET } from "../workbook/layout.ts";

/** A filled template for a whole city is well under 2 MiB; 10 MiB leaves room and bounds memory. */
export const UPLOAD_LIMIT = 10 * 1024 * 1024;
/** Enough to fix a file in one round; beyond this the list is cut with a note. */
const MAX_ERRORS = 1000;

const route = createRoute({
  method: "post",
  path: "/returns/upload",
  tags: ["returns"],
  summary: "Upload a filled quarterly-return template (all or nothing)",
  description:
    "Multipart field `file`: the workbook from GET /returns/template.xlsx, filled in; optional `period` must match its B1 cell. " +
    "Every problem (unknown code, unit outside your scope, negative or non-numeric figure, wrong period, wrong columns) is listed " +
    "with its cell (`季度填报!C5`) and nothing is written; a closed quarter is refused (409). Otherwise each row with figures replaces that unit's return " +
    "(history kept, identical rows unchanged); a row with no figure at all is left as it is. At most 10 MiB. " +
    describeLimits(SMALL_UPLOAD_LIMITS),
  middleware: [
    authorize("returns.write"),
    bodyLimit({
      maxSize: UPLOAD_LIMIT,
      onError: () => {
        throw new TooLarge(`The upload exceeds ${UPLOAD_LIMIT / 1024 / 1024} MiB`);
      },
    }),
  ] as const,
  request: {
    body: { content: { "multipart/form-data": { schema: UploadForm } }, required: true },
  },
  responses: {
    200: jsonResponse(UploadResult, "How many returns changed, were identical or were left blank"),
    ...problems(400, 401, 403, 409, 413, 415, 422),
  },
});

export function registerUpload(app: Router) {
  app.openapi(route, async (c) => {
    const form = c.req.valid("form");
    const principal = c.get("principal")!;
    const { db } = c.get("deps").store;
    const { readReturnWorkbook } = await import("../workbook/read.ts");
    const book = await readReturnWorkbook(new Uint8Array(await form.file.arrayBuffer()));
    const errors: FieldError[] = [...book.errors];
    if (form.period !== undefined && book.period !== null && form.period !== book.period) {
      errors.push({
        path: `${SHEET}!${PERIOD_CELL}`,
        message: `the workbook is for ${book.period}, the form says ${form.period}`,
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
      if (!unit) errors.push({ path, message: `no org unit '${r.code}'` });
      else if (!unit.inScope)
        errors.push({ path, message: `org unit '${r.code}' is outside your scope` });
    }
    if (errors.length > 0 || book.period === null) {
      const shown = errors.slice(0, MAX_ERRORS);
      if (errors.length > MAX_ERRORS) {
        shown.push({ path: SHEET, message: `…and ${errors.length - MAX_ERRORS} more problem(s)` });
      }
      throw new Invalid(`${errors.length} problem(s) in the workbook; nothing was written`, shown);
    }
    const period = book.period;
    const writes = book.rows
      .filter((r) => !r.blank)
      .map((r) => ({ orgUnitId: units.get(r.code)!.id, values: r.values }));
    const q = parsePeriod(period)!;
    const outcome = await db.transaction().execute(async (trx) => {
      await assertPeriodOpen(trx, q);
      const { returnsDueDay } = await cycleDaysOf(trx, q.year);
      const late = isLateReturn(q, new Date(), returnsDueDay);
      return writeReturns(trx, q, writes, principal.name, late);
    });
    const result = {
      period,
      updated: outcome.changed.length,
      unchanged: outcome.unchanged.length,
      skipped: book.rows.length - writes.length,
    };
    c.set("auditTarget", `returns upload: ${period}, ${book.rows.length} row(s)`);
    c.set("auditDetail", { ...result, file: form.file.name });
    return c.json(result, 200);
  });
}
