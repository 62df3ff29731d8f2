import type { FieldError } from "../../errors.ts";
import { textFault } from "../../http/input-rules.ts";
import type { UnitInScope } from "../queries/store.ts";
import {
  CASE_FIELDS,
  type CaseField,
  type CaseFieldName,
  type CaseWrite,
  type IntField,
  type TimestampField,
  writeKey,
} from "./fields.ts";
import { ENUM_FIELDS, TIME_FIELDS } from "./layout.ts";
import { CLOCK_SKEW_MS, EARLIEST_MS, LATEST_MS, parseTimestamp } from "./timestamp.ts";

export {
  CLOCK_SKEW_MS,
  EARLIEST_MS,
  LATEST_MS,
  parseCanonicalBytes,
  parseTimestamp,
} from "./timestamp.ts";

const FIELD = Object.fromEntries(CASE_FIELDS.map((f) => [f.name, f])) as Readonly<
  Record<CaseFieldName, CaseField>
>;
const ENUM_SETS = new Map(
  ENUM_FIELDS.map((f) => [f.name, { set: new Set(f.values), list: f.values.join(", ") }]),
);
/** The table's last timestamp field: the order rules are checked once it is read. */
const LAST_TIME = TIME_FIELDS.at(-1)?.name;

/** A string field's value, or an error; `undefined` when absent (null, missing, empty). */
function str(
  rec: Record<string, unknown>,
  name: CaseFieldName,
  errors: FieldError[],
): string | undefined {
  const v = rec[name];
  const f = FIELD[name];
  if (v === undefined || v === null || v === "") {
    if (f.required) errors.push({ path: name, message: "必填" });
    return undefined;
  }
  if (typeof v !== "string") {
    errors.push({ path: name, message: "须为文本" });
    return undefined;
  }
  const max = f.type === "text" ? f.maxLength : undefined;
  if (max !== undefined && v.length > max) {
    errors.push({ path: name, message: `超过 ${max} 个字符` });
    return undefined;
  }
  // PostgreSQL text cannot hold NUL or a lone surrogate; one such value would otherwise fail
  // the whole batch.
  const fault = textFault(v);
  if (fault) {
    errors.push({ path: name, message: fault });
    return undefined;
  }
  return v;
}

function enumValue(
  rec: Record<string, unknown>,
  name: CaseFieldName,
  errors: FieldError[],
): string | null {
  const v = str(rec, name, errors);
  if (v === undefined) return null;
  const e = ENUM_SETS.get(name)!;
  if (!e.set.has(v)) {
    errors.push({ path: name, message: `须为以下之一：${e.list}` });
    return null;
  }
  return v;
}

function timestamp(
  rec: Record<string, unknown>,
  f: TimestampField,
  errors: FieldError[],
  nowMs: number,
): number | null {
  const name = f.name as CaseFieldName;
  const v = str(rec, name, errors);
  if (v === undefined) return null;
  const t = parseTimestamp(v);
  if (typeof t === "string") {
    errors.push({ path: name, message: t });
    return null;
  }
  if (t < EARLIEST_MS) {
    errors.push({ path: name, message: "早于 2000-01-01" });
    return null;
  }
  if (f.future) {
    if (t >= LATEST_MS) errors.push({ path: name, message: "晚于 2099 年" });
  } else if (t > nowMs + CLOCK_SKEW_MS) {
    errors.push({ path: name, message: "在未来（超出 5 分钟的时钟误差）" });
    return null;
  }
  return t;
}

function bool(rec: Record<string, unknown>, name: CaseFieldName, errors: FieldError[]): boolean {
  const v = rec[name];
  if (v === undefined || v === null) return false;
  if (typeof v !== "boolean") {
    errors.push({ path: name, message: "须为 true 或 false" });
    return false;
  }
  return v;
}

function int(rec: Record<string, unknown>, f: IntField, errors: FieldError[]): number | null {
  const name = f.name as CaseFieldName;
  const v = rec[name];
  if (v === undefined || v === null) {
    if (f.required) errors.push({ path: name, message: "必填" });
    return null;
  }
  if (typeof v !== "number" || !Number.isInteger(v)) {
    errors.push({ path: name, message: "须为整数" });
    return null;
  }
  if (v < f.min || v > f.max) {
    errors.push({ path: name, message: `须在 ${f.min} 到 ${f.max} 之间` });
    return null;
  }
  return v;
}

/** The org unit a code names, resolved in `units`; 0 (and an error) when it cannot be used. */
function unit(
  rec: Record<string, unknown>,
  name: CaseFieldName,
  errors: FieldError[],
  units: ReadonlyMap<string, UnitInScope>,
): number {
  const code = str(rec, name, errors);
  if (code === undefined) return 0;
  const u = units.get(code);
  if (!u) errors.push({ path: name, message: `没有编码为 ${code} 的单位` });
  else if (!u.inScope) {
    errors.push({ path: name, message: `单位 ${code} 不在您的管辖范围内` });
  } else return u.id;
  return 0;
}

export type CaseCheck = { ok: true; value: CaseWrite } | { ok: false; errors: FieldError[] };

/**
 * Checks one incoming record against the Case table of CONTRACT.md (fields.ts) and resolves its
 * org unit. Unknown fields are ignored; every problem is reported (not just the first), each
 * with the field it concerns, in table order (the order rules between times right after the
 * last time). `units` maps the codes the batch names to their ids and whether they lie in the
 * caller's scope; a code missing from it does not exist.
 */
export function validateCase(
  raw: unknown,
  units: ReadonlyMap<string, UnitInScope>,
  nowMs: number,
): CaseCheck {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    return { ok: false, errors: [{ path: "(record)", message: "每条工单须为 JSON 对象" }] };
  }
  const rec = raw as Record<string, unknown>;
  const errors: FieldError[] = [];
  const value: Record<string, unknown> = {};
  for (const f of CASE_FIELDS) {
    const name = f.name as CaseFieldName;
    switch (f.type) {
      case "text":
        value[name] = str(rec, name, errors) ?? null;
        break;
      case "unit":
        value[writeKey(f)] = unit(rec, name, errors, units);
        break;
      case "enum":
        value[name] = enumValue(rec, name, errors);
        break;
      case "timestamp":
        value[name] = timestamp(rec, f, errors, nowMs);
        break;
      case "bool":
        value[name] = bool(rec, name, errors);
        break;
      case "int":
        value[name] = int(rec, f, errors);
        break;
    }
    if (name === LAST_TIME) checkOrder(value, errors);
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: value as CaseWrite };
}

/** Each time with a `notBefore` is not before that time (when both are there). */
function checkOrder(value: Record<string, unknown>, errors: FieldError[]) {
  for (const f of TIME_FIELDS) {
    if (!f.notBefore) continue;
    const t = value[f.name] as number | null;
    const earliest = value[f.notBefore] as number | null;
    if (t !== null && earliest !== null && t < earliest) {
      errors.push({ path: f.name, message: `早于 ${f.notBefore}` });
    }
  }
}

/** The record's identity when both parts are usable strings, for duplicate detection. */
export function identityOf(raw: unknown): string | null {
  if (typeof raw !== "object" || raw === null) return null;
  const { source, externalId } = raw as Record<string, unknown>;
  if (typeof source !== "string" || typeof externalId !== "string") return null;
  if (source === "" || externalId === "") return null;
  return `${source}\u0000${externalId}`;
}

/** The record's externalId as sent (for the rejected list), when it is a string. */
export function externalIdOf(raw: unknown): string | null {
  if (typeof raw !== "object" || raw === null) return null;
  const v = (raw as Record<string, unknown>).externalId;
  return typeof v === "string" ? v : typeof v === "number" ? String(v) : null;
}
