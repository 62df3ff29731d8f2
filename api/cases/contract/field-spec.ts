// What an entry of the Case field table (fields.ts) can say, by type.

export type FieldType = "text" | "unit" | "enum" | "timestamp" | "bool" | "int";

interface FieldBase {
  name: string;
  required: boolean;
  /** case_record's column. */
  column: string;
  /** Column headers accepted in files, besides the field name itself. The first is the template's and the export's. */
  headers: readonly string[];
  /** One line for the template's instructions sheet (Chinese). */
  hint: string;
  /** Width of the column in the raw export's spreadsheet. */
  exportWidth: number;
  /** The field's description in the OpenAPI document. */
  api?: string;
}

export interface TextField extends FieldBase {
  type: "text";
  /** Longest accepted string. */
  maxLength?: number;
  /** Part of the case's identity (not of its content: the hash and the update leave it). */
  identity?: boolean;
  /**
   * Values repeat within a batch (a source, a category): the byte reader makes each distinct
   * value a string once, the COPY encoder encodes it once.
   */
  repeats: boolean;
}
export interface UnitField extends FieldBase {
  type: "unit";
}
export interface EnumField extends FieldBase {
  type: "enum";
  values: readonly string[];
  /** English enum values (the API's) → Chinese label (files, exports). */
  labels: Readonly<Record<string, string>>;
}
export interface TimestampField extends FieldBase {
  type: "timestamp";
  /** May lie in the future (up to LATEST_MS), e.g. a deadline; others not beyond the clock skew. */
  future?: boolean;
  /** A field this one may not be earlier than. */
  notBefore?: string;
}
export interface BoolField extends FieldBase {
  type: "bool";
}
export interface IntField extends FieldBase {
  type: "int";
  min: number;
  max: number;
}
export type FieldSpec = TextField | UnitField | EnumField | TimestampField | BoolField | IntField;
