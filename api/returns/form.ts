/**
 * Filing one community's return from the online form (季度填报 page): the same figure rules as a
 * workbook row (figures.ts) and the same filing (filing.ts), so the form and the Excel upload
 * store, refuse and mark late alike.
 */
import type { Kysely } from "kysely";
import { isBaseLevel, type OrgLevel } from "../../shapes/org-levels.ts";
import type { Quarter } from "../../shapes/periods.ts";
import type { DB } from "../db/database.ts";
import { RETURN_FIELDS, type ReturnField } from "../db/tables/unit-return.ts";
import { Invalid } from "../errors.ts";
import { readFigures } from "./figures.ts";
import { fileReturns, type WriteOutcome } from "./filing.ts";
import type { ReturnValues } from "./values.ts";
import { FIGURE_HEADERS } from "./workbook/layout.ts";

/** The unit the form files for (resolved and scope-checked by the caller). */
export interface FormUnit {
  id: number;
  code: string;
  name: string;
  level: OrgLevel;
}

/** The form's fields as posted: one text per figure, named as the API names it (`population`). */
export type FormFields = Partial<Record<ReturnField, string>>;

/** The figures' texts of a posted form; anything else it carries is ignored. */
export function formFieldsOf(body: Record<string, unknown>): FormFields {
  const out: FormFields = {};
  for (const f of RETURN_FIELDS) {
    const v = body[f];
    if (typeof v === "string") out[f] = v;
  }
  return out;
}

/** Reads the posted figures; throws `Invalid` naming each bad field (`常住人口：「约3000」不是数字`). */
export function figuresOfForm(fields: FormFields): ReturnValues {
  const read = readFigures(
    RETURN_FIELDS.map((f) => fields[f]),
    (f) => ({ path: f, place: FIGURE_HEADERS[f] }),
  );
  if (read.errors.length > 0) {
    throw new Invalid(`有 ${read.errors.length} 处填写有误，本次未保存`, read.errors);
  }
  if (read.given === 0) {
    throw new Invalid("至少填写一项数字", [
      { path: RETURN_FIELDS[0], message: "至少填写一项数字；留空的项记为未填报" },
    ]);
  }
  return read.values;
}

/**
 * Files `fields` as `unit`'s return for `q` by `actor` (PUT semantics: a blank figure is stored
 * as not reported). A grid or a street files no return of its own here: returns are a
 * community's (or village's), as the template's rows are.
 */
export async function fileFormReturn(
  db: Kysely<DB>,
  unit: FormUnit,
  q: Quarter,
  fields: FormFields,
  actor: string,
  now: Date,
): Promise<WriteOutcome> {
  if (!isBaseLevel(unit.level)) {
    throw new Invalid(`${unit.name}不单独填报季度报表`, [
      { path: "orgUnit", message: "只有社区（村）填报季度报表" },
    ]);
  }
  const values = figuresOfForm(fields);
  return fileReturns(db, q, [{ orgUnitId: unit.id, values }], actor, now);
}
