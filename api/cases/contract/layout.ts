import { CASE_FIELDS, type CaseField } from "./fields.ts";

/**
 * The field table (fields.ts) grouped by type, as the columnar code reads it: a CaseBatch, the
 * byte reader, the COPY encoder and the hash keep one column (or one slot per case in a shared
 * typed array) per group member, in table order. Built once at module load.
 */

const ofType = <T extends CaseField["type"]>(type: T) =>
  CASE_FIELDS.filter((f): f is Extract<CaseField, { type: T }> => f.type === type);

/** Text fields: one string column each (CaseBatch.texts). */
export const TEXT_FIELDS = ofType("text");
/** Enum fields: one byte per case each (CaseBatch.enums: 0 for none, else index + 1). */
export const ENUM_FIELDS = ofType("enum");
/** Timestamp fields: one double per case each (CaseBatch.times: epoch ms, NaN for none). */
export const TIME_FIELDS = ofType("timestamp");
/** Boolean fields: one bit each of CaseBatch.flags (bit i: BOOL_FIELDS[i]). */
export const BOOL_FIELDS = ofType("bool");
/** Integer fields: one double per case each (CaseBatch.ints, NaN for none). */
export const INT_FIELDS = ofType("int");
const UNITS = ofType("unit");
if (UNITS.length !== 1) throw new Error("the Case table needs exactly one unit field");
/** The org-unit field (CaseBatch.unitId). */
export const UNIT_FIELD = UNITS[0]!;
if (BOOL_FIELDS.length > 8) throw new Error("CaseBatch.flags holds 8 booleans: widen it");
if (ENUM_FIELDS.some((f) => f.values.length > 30)) {
  throw new Error("an enum value is kept in a byte and hashed in 5 bits: at most 30 values");
}

export const TIMES = TIME_FIELDS.length;
export const ENUMS = ENUM_FIELDS.length;
export const INTS = INT_FIELDS.length;

/** Each field's position within its type's group (TEXT_FIELDS, ENUM_FIELDS…), by name. */
export const SLOT = Object.fromEntries(
  [TEXT_FIELDS, ENUM_FIELDS, TIME_FIELDS, BOOL_FIELDS, INT_FIELDS, UNITS].flatMap(
    (group: readonly CaseField[]) => group.map((f, i) => [f.name, i]),
  ),
) as Readonly<Record<CaseField["name"], number>>;

/** The identity: source and externalId's text columns. */
export const SOURCE = SLOT.source;
export const EXTERNAL_ID = SLOT.externalId;
if (TEXT_FIELDS.filter((f) => f.identity).length !== 2) {
  throw new Error("the identity is source + externalId");
}

/** Text fields that are content (not identity): hashed, compared and updated. */
export const CONTENT_TEXTS = TEXT_FIELDS.map((f, i) => (f.identity ? -1 : i)).filter((i) => i >= 0);

/** Per timestamp slot, the slot it may not be earlier than (-1: none). */
export const NOT_BEFORE = TIME_FIELDS.map((f) =>
  f.notBefore ? SLOT[f.notBefore as CaseField["name"]] : -1,
);
