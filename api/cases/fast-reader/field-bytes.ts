import { Buffer } from "node:buffer";
import { CASE_FIELDS, type CaseFieldName } from "../contract/fields.ts";
import {
  BOOL_FIELDS,
  ENUM_FIELDS,
  INT_FIELDS,
  TEXT_FIELDS,
  TIME_FIELDS,
  UNIT_FIELD,
} from "../contract/layout.ts";

// The field table (contract/fields.ts) as bytes and indexes, built once at module load, for the
// byte reader of batch bodies (record-reader.ts, record-check.ts): it compares keys and values
// where they stand in the body and reads no object per field.

export const FIELD_NAMES: readonly string[] = CASE_FIELDS.map((f) => f.name);
export const FIELD_BYTES = FIELD_NAMES.map((name) => Buffer.from(name, "latin1"));
const F = Object.fromEntries(FIELD_NAMES.map((name, i) => [name, i])) as Record<
  CaseFieldName,
  number
>;
const at = (fields: readonly { name: string }[]) =>
  Int32Array.from(fields, (f) => F[f.name as CaseFieldName]);

/** Field indexes (into FIELD_NAMES) of each type's fields, in their layout.ts order. */
export const TEXT_AT = at(TEXT_FIELDS);
export const ENUM_AT = at(ENUM_FIELDS);
export const TIME_AT = at(TIME_FIELDS);
export const BOOL_AT = at(BOOL_FIELDS);
export const INT_AT = at(INT_FIELDS);
export const UNIT_AT = F[UNIT_FIELD.name as CaseFieldName];

/** Per text field: its values are interned (1) or made a string each (0). */
export const TEXT_REPEATS = Uint8Array.from(TEXT_FIELDS, (f) => (f.repeats ? 1 : 0));
/** Per field index, the longest string it takes (UTF-16 units). */
export const MAX_LENGTH = CASE_FIELDS.map((f) =>
  f.type === "text" && f.maxLength !== undefined ? f.maxLength : Number.POSITIVE_INFINITY,
);
/** Per enum field, its values' bytes. */
export const ENUM_BYTES = ENUM_FIELDS.map((f) => f.values.map((x) => Buffer.from(x, "latin1")));
/** Per timestamp field: may lie in the future (1), or not beyond the clock skew (0). */
export const TIME_FUTURE = Uint8Array.from(TIME_FIELDS, (f) => (f.future ? 1 : 0));
export const IS_TIME = FIELD_NAMES.map((_, f) => TIME_AT.includes(f));
export const REQUIRED = CASE_FIELDS.filter((f) => f.required).map((f) => F[f.name]!);

/** Whether `b[start, end)` is exactly `name`. */
function sameBytes(b: Uint8Array, start: number, end: number, name: Uint8Array): boolean {
  const len = end - start;
  if (name.length !== len) return false;
  for (let i = 0; i < len; i++) if (name[i] !== b[start + i]) return false;
  return true;
}

/** The case field a key's bytes name, or -1. */
export function fieldOf(b: Uint8Array, start: number, end: number): number {
  return enumOf(b, start, end, FIELD_BYTES);
}

/** Which of `values` the bytes spell exactly, or -1. */
export function enumOf(
  b: Uint8Array,
  start: number,
  end: number,
  values: readonly Uint8Array[],
): number {
  for (let v = 0; v < values.length; v++) if (sameBytes(b, start, end, values[v]!)) return v;
  return -1;
}
