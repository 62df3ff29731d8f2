import { Buffer } from "node:buffer";
import { CALLBACK_VERDICTS, CASE_CHANNELS, CASE_KINDS } from "../../db/tables/case-record.ts";
import { CASE_FIELDS, type CaseFieldName } from "../contract/fields.ts";

// The Case record's fields and enum labels as bytes and indexes, for the byte reader of batch
// bodies (batch-scanner.ts): it compares keys and values where they stand in the body.

export const FIELD_NAMES = CASE_FIELDS.map((f) => f.name);
export const FIELD_BYTES = FIELD_NAMES.map((name) => Buffer.from(name, "latin1"));
const F = Object.fromEntries(FIELD_NAMES.map((name, i) => [name, i])) as Record<
  CaseFieldName,
  number
>;
/** Field indexes as constants: the hot path reads no object for them. */
export const F_SOURCE = F.source!;
export const F_EXTERNALID = F.externalId!;
export const F_ORGUNIT = F.orgUnit!;
export const F_KIND = F.kind!;
export const F_CHANNEL = F.channel!;
export const F_CATEGORY = F.category!;
const F_REPORTEDAT = F.reportedAt!;
const F_RESPONDEDAT = F.respondedAt!;
const F_RESOLVEDAT = F.resolvedAt!;
const F_DEADLINEAT = F.deadlineAt!;
export const F_FIRSTPASS = F.firstPass!;
export const F_COMPLAINT = F.complaint!;
export const F_ONLINE = F.online!;
export const F_CALLBACK = F.callback!;
export const MAX_LENGTH = CASE_FIELDS.map((f) => f.maxLength ?? Number.POSITIVE_INFINITY);
const latin1Bytes = (xs: readonly string[]) => xs.map((x) => Buffer.from(x, "latin1"));
export const KIND_BYTES = latin1Bytes(CASE_KINDS);
export const CHANNEL_BYTES = latin1Bytes(CASE_CHANNELS);
export const CALLBACK_BYTES = latin1Bytes(CALLBACK_VERDICTS);
export const TIME_FIELDS = [F_REPORTEDAT, F_RESPONDEDAT, F_RESOLVEDAT, F_DEADLINEAT];
export const IS_TIME = FIELD_NAMES.map((_, f) => TIME_FIELDS.includes(f));

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

export const REQUIRED = CASE_FIELDS.filter((f) => f.required).map((f) => F[f.name]!);

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
