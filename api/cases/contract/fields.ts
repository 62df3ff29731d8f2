import {
  CALLBACK_VERDICTS,
  CASE_CHANNELS,
  CASE_KINDS,
  type CallbackVerdict,
  type CaseChannel,
  type CaseKind,
} from "../../db/tables/case-record.ts";
import type { FieldSpec } from "./field-spec.ts";

/**
 * The Case record of CONTRACT.md as data: the one definition of a case field. Everything that
 * reads, checks, stores or shows a case is derived from this table:
 *  - the reference checks (validate.ts) and the OpenAPI schema (schema.ts);
 *  - the byte reader of batch bodies (fast-reader/), whose per-field byte checks and columns
 *    are built from it at module load;
 *  - CaseBatch's columns (case-batch.ts), the binary COPY encoder and the content hash
 *    (queries/copy.ts, queries/hash.ts) and the staged merge (queries/merge.ts);
 *  - the file import's headers and labels (files/columns.ts), the template
 *    (files/template-workbook.ts) and the raw export's columns (api/exports/tables.ts).
 * Adding a field: an entry here, the migration that adds its column, and the column in
 * db/tables/case-record.ts.
 *
 * Types: `text` (a string, `maxLength` in UTF-16 units), `unit` (an org unit's code, stored as
 * its id), `enum` (`values` as the API spells them, `labels` in Chinese for files), `timestamp`
 * (ISO 8601 with an offset, stored as timestamptz), `bool` (absent or null is false), `int`
 * (a JSON integer between `min` and `max`, stored as integer).
 */
export type {
  BoolField,
  EnumField,
  FieldType,
  IntField,
  TextField,
  TimestampField,
  UnitField,
} from "./field-spec.ts";

export const KIND_LABELS: Readonly<Record<CaseKind, string>> = {
  event: "事件",
  appeal: "诉求",
  service: "服务",
};
export const CHANNEL_LABELS: Readonly<Record<CaseChannel, string>> = {
  hotline: "热线",
  app: "APP",
  wechat: "微信",
  petition: "信访",
  window: "窗口",
  online: "网上",
  grid_patrol: "网格巡查",
  ai_camera: "AI摄像头",
  iot_sensor: "物联感知",
};
export const CALLBACK_LABELS: Readonly<Record<CallbackVerdict, string>> = {
  satisfied: "满意",
  basically_satisfied: "基本满意",
  dissatisfied: "不满意",
};

const TIME_HINT = "带时区的时间，如 2026-07-01 08:30:00+08:00；Excel 日期单元格按北京时间读取";
const YES_NO = "是 或 否（留空为否）";
const NOT_BEFORE_REPORTED = "Not before reportedAt";
const DEFAULT_FALSE = "Default false";

const TABLE = [
  {
    name: "source",
    type: "text",
    required: true,
    maxLength: 64,
    identity: true,
    repeats: true,
    column: "source",
    headers: ["来源", "数据来源", "来源系统"],
    hint: "数据来源系统，如 12345；与工单编号一起唯一标识一条工单",
    exportWidth: 12,
    api: "With externalId, the identity",
  },
  {
    name: "externalId",
    type: "text",
    required: true,
    maxLength: 128,
    identity: true,
    repeats: false,
    column: "external_id",
    headers: ["工单编号", "外部编号", "工单号"],
    hint: "来源系统中的工单编号；重复上传同一来源和编号的工单会更新原记录",
    exportWidth: 20,
  },
  {
    name: "orgUnit",
    type: "unit",
    required: true,
    column: "org_unit_id",
    headers: ["单位编码", "所属单位", "单位代码"],
    hint: "所属单位的编码（社区或网格的行政区划代码），须在您的管辖范围内",
    exportWidth: 14,
    api: "Code of an org unit inside your scope",
  },
  {
    name: "kind",
    type: "enum",
    required: true,
    values: CASE_KINDS,
    labels: KIND_LABELS,
    column: "kind",
    headers: ["类型", "工单类型"],
    hint: "事件（发现的问题）、诉求（群众诉求或投诉）、服务（办事申请）",
    exportWidth: 8,
  },
  {
    name: "channel",
    type: "enum",
    required: true,
    values: CASE_CHANNELS,
    labels: CHANNEL_LABELS,
    column: "channel",
    headers: ["渠道", "来源渠道"],
    hint: "网格巡查、AI摄像头、物联感知 计为主动发现",
    exportWidth: 10,
  },
  {
    name: "category",
    type: "text",
    required: false,
    maxLength: 64,
    repeats: true,
    column: "category",
    headers: ["类别", "分类", "事项类别"],
    hint: "事项类别，如 环境卫生，最多 64 个字符",
    exportWidth: 14,
  },
  {
    name: "reportedAt",
    type: "timestamp",
    required: true,
    column: "reported_at",
    headers: ["上报时间", "受理时间"],
    hint: TIME_HINT,
    exportWidth: 20,
    api: "When the case was reported; not in the future",
  },
  {
    name: "respondedAt",
    type: "timestamp",
    required: false,
    notBefore: "reportedAt",
    column: "responded_at",
    headers: ["响应时间", "接单时间"],
    hint: `${TIME_HINT}；不得早于上报时间`,
    exportWidth: 20,
    api: NOT_BEFORE_REPORTED,
  },
  {
    name: "resolvedAt",
    type: "timestamp",
    required: false,
    notBefore: "reportedAt",
    column: "resolved_at",
    headers: ["办结时间"],
    hint: `${TIME_HINT}；不得早于上报时间`,
    exportWidth: 20,
    api: NOT_BEFORE_REPORTED,
  },
  {
    name: "deadlineAt",
    type: "timestamp",
    required: false,
    future: true,
    column: "deadline_at",
    headers: ["办理时限", "时限"],
    hint: `应办结的截止时间，${TIME_HINT}`,
    exportWidth: 20,
    api: "The deadline",
  },
  {
    name: "firstPass",
    type: "bool",
    required: false,
    column: "first_pass",
    headers: ["一次办结"],
    hint: `未经退回、重派或重启即办结：${YES_NO}`,
    exportWidth: 8,
    api: DEFAULT_FALSE,
  },
  {
    name: "complaint",
    type: "bool",
    required: false,
    column: "complaint",
    headers: ["投诉", "是否投诉"],
    hint: `该工单是或引发了投诉：${YES_NO}`,
    exportWidth: 8,
    api: DEFAULT_FALSE,
  },
  {
    name: "online",
    type: "bool",
    required: false,
    column: "online",
    headers: ["网上办理", "全程网办"],
    hint: `服务类工单全程网上办理：${YES_NO}`,
    exportWidth: 8,
    api: DEFAULT_FALSE,
  },
  {
    name: "callback",
    type: "enum",
    required: false,
    values: CALLBACK_VERDICTS,
    labels: CALLBACK_LABELS,
    column: "callback",
    headers: ["回访结果", "回访满意度"],
    hint: "满意、基本满意、不满意；未回访留空",
    exportWidth: 10,
  },
] as const satisfies readonly FieldSpec[];

type Field = (typeof TABLE)[number];
export type CaseFieldName = Field["name"];
/** One entry of the table (narrow it by `type`). */
export type CaseField = FieldSpec & { readonly name: CaseFieldName };

/** The table, in the order of the template's and the export's columns. */
export const CASE_FIELDS: readonly CaseField[] = TABLE;

/** A field's value once checked: enums as their API value, times as epoch milliseconds. */
type ValueOf<F extends Field> = F extends { type: "enum"; values: readonly (infer V)[] }
  ? V
  : F extends { type: "text" }
    ? string
    : F extends { type: "bool" }
      ? boolean
      : number; // unit (its id), timestamp, int

/** The key a field's checked value has in CaseWrite: a unit's id, anything else its name. */
type WriteKey<F extends Field> = F extends { type: "unit" } ? `${F["name"]}Id` : F["name"];

/**
 * A validated case ready to store (the table's fields, checked): the org unit resolved to its
 * id (`orgUnitId`), times as epoch milliseconds, an absent optional value as null (false for a
 * boolean).
 */
export type CaseWrite = {
  -readonly [F in Field as WriteKey<F>]: F extends { required: true } | { type: "bool" }
    ? ValueOf<F>
    : ValueOf<F> | null;
};

/** CaseWrite's key for a field. */
export const writeKey = (f: CaseField): string => (f.type === "unit" ? `${f.name}Id` : f.name);

export const REQUIRED_FIELDS: readonly CaseFieldName[] = CASE_FIELDS.filter((f) => f.required).map(
  (f) => f.name,
);
