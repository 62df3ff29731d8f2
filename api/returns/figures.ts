/**
 * The rules of one return's 13 figures as a person enters them, in a workbook row or in the
 * online form alike: a number ≥ 0 and at most its FIGURE_MAX, a decimal typed as text counts,
 * anything else (other text, a date, a truth value, a formula without a value, an error value) is
 * refused with a Chinese reason. One path, so the upload and the form cannot disagree.
 */
import { RETURN_FIELDS, type ReturnField } from "../db/tables/unit-return.ts";
import type { FieldError } from "../errors.ts";
import type { SheetCell } from "../spreadsheet/reader.ts";
import { FIGURE_MAX, figureTooLarge } from "./schema.ts";
import type { ReturnValues } from "./values.ts";

const NUMERIC_TEXT = /^-?\d+(\.\d+)?$/;

type Cell = { kind: "blank" } | { kind: "number"; value: number } | { kind: "bad"; reason: string };

/** A problem at `path`, worded `path：reason` so a list of messages alone says where to look. */
export const fault = (path: string, reason: string): FieldError => ({
  path,
  message: `${path}：${reason}`,
});

/** `「约3000」`: a person's text quoted as the messages show it, cut at 40 characters. */
export const quoted = (text: string) => `「${text.slice(0, 40)}」`;

function describe(value: SheetCell): string {
  if (value instanceof Date) return `是日期（${value.toISOString().slice(0, 10)}），不是数字`;
  if (typeof value === "boolean") return `是逻辑值（${value ? "TRUE" : "FALSE"}），不是数字`;
  return "不是数字";
}

/**
 * One figure. Numbers pass; a formula counts by its cached result; a plain decimal typed into a
 * text-formatted cell ("120") is read as the number, because Excel users often meet such cells.
 */
function readFigure(value: SheetCell | undefined): Cell {
  if (value === null || value === undefined) return { kind: "blank" };
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return { kind: "bad", reason: "不是有限数" };
    return value < 0
      ? { kind: "bad", reason: `${value} 是负数，须不小于 0` }
      : { kind: "number", value: value };
  }
  if (typeof value === "string") {
    const t = value.trim();
    if (t === "") return { kind: "blank" };
    if (!NUMERIC_TEXT.test(t)) return { kind: "bad", reason: `${quoted(t)}不是数字` };
    const n = Number(t);
    return n < 0
      ? { kind: "bad", reason: `${n} 是负数，须不小于 0` }
      : { kind: "number", value: n };
  }
  if (typeof value === "object" && !(value instanceof Date)) {
    return "formula" in value
      ? { kind: "bad", reason: "是没有计算结果的公式" }
      : { kind: "bad", reason: `是错误值（${value.error}）` };
  }
  return { kind: "bad", reason: describe(value) };
}

/** Where a figure sits: `path` for machines, `place` as the message names it. */
export interface FigurePlace {
  path: string;
  place: string;
}

export interface ReadFigures {
  /** Bad figures read as null: `errors` say why. */
  values: ReturnValues;
  /** Figures given (numbers that passed). */
  given: number;
  /** One per bad figure, `message` = `place：reason` (`季度填报!C5：「约3000」不是数字`). */
  errors: FieldError[];
}

/**
 * Reads the 13 figures, `cells[i]` being RETURN_FIELDS[i]; `where` names each one's place.
 *
 * @example readFigures(["约3000"], …) → errors [{ path: "季度填报!C5", message: "季度填报!C5：「约3000」不是数字" }]
 */
export function readFigures(
  cells: readonly (SheetCell | undefined)[],
  where: (field: ReturnField, index: number) => FigurePlace,
): ReadFigures {
  const values = {} as ReturnValues;
  const errors: FieldError[] = [];
  let given = 0;
  RETURN_FIELDS.forEach((f, i) => {
    let cell = readFigure(cells[i]);
    if (cell.kind === "number" && cell.value > FIGURE_MAX[f]) {
      cell = { kind: "bad", reason: `${cell.value} ${figureTooLarge(f)}` };
    }
    values[f] = cell.kind === "number" ? cell.value : null;
    if (cell.kind === "number") given++;
    if (cell.kind === "bad") {
      const { path, place } = where(f, i);
      errors.push({ path, message: `${place}：${cell.reason}` });
    }
  });
  return { values, given, errors };
}
