import {
  CALLBACK_VERDICTS,
  CASE_CHANNELS,
  CASE_KINDS,
  type CallbackVerdict,
  type CaseChannel,
  type CaseKind,
} from "../../db/tables/case-record.ts";

/**
 * The Case record of CONTRACT.md as data: one entry per field, with the Chinese column headers
 * and enum labels that spreadsheets use. The validator, the file reader and the template all
 * read this table, so a column is added in one place.
 */
export type FieldType = "string" | "timestamp" | "boolean" | "enum";

export interface CaseField {
  name: CaseFieldName;
  type: FieldType;
  required: boolean;
  /** Longest accepted string (strings only). */
  maxLength?: number;
  /** English enum values (the API's) → Chinese label (the template's). */
  labels?: Readonly<Record<string, string>>;
  /** Column headers accepted in files, besides the field name itself. The first is the template's. */
  headers: readonly string[];
  /** One line for the template's instructions sheet (Chinese). */
  hint: string;
}

export type CaseFieldName =
  | "source"
  | "externalId"
  | "orgUnit"
  | "kind"
  | "channel"
  | "category"
  | "reportedAt"
  | "respondedAt"
  | "resolvedAt"
  | "deadlineAt"
  | "firstPass"
  | "complaint"
  | "online"
  | "callback";

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

export const CASE_FIELDS: readonly CaseField[] = [
  {
    name: "source",
    type: "string",
    required: true,
    maxLength: 64,
    headers: ["来源", "数据来源", "来源系统"],
    hint: "数据来源系统，如 12345；与工单编号一起唯一标识一条工单",
  },
  {
    name: "externalId",
    type: "string",
    required: true,
    maxLength: 128,
    headers: ["工单编号", "外部编号", "工单号"],
    hint: "来源系统中的工单编号；重复上传同一来源和编号的工单会更新原记录",
  },
  {
    name: "orgUnit",
    type: "string",
    required: true,
    headers: ["单位编码", "所属单位", "单位代码"],
    hint: "所属单位的编码（社区或网格的行政区划代码），须在您的管辖范围内",
  },
  {
    name: "kind",
    type: "enum",
    required: true,
    labels: KIND_LABELS,
    headers: ["类型", "工单类型"],
    hint: "事件（发现的问题）、诉求（群众诉求或投诉）、服务（办事申请）",
  },
  {
    name: "channel",
    type: "enum",
    required: true,
    labels: CHANNEL_LABELS,
    headers: ["渠道", "来源渠道"],
    hint: "网格巡查、AI摄像头、物联感知 计为主动发现",
  },
  {
    name: "category",
    type: "string",
    required: false,
    maxLength: 64,
    headers: ["类别", "分类", "事项类别"],
    hint: "事项类别，如 环境卫生，最多 64 个字符",
  },
  {
    name: "reportedAt",
    type: "timestamp",
    required: true,
    headers: ["上报时间", "受理时间"],
    hint: TIME_HINT,
  },
  {
    name: "respondedAt",
    type: "timestamp",
    required: false,
    headers: ["响应时间", "接单时间"],
    hint: `${TIME_HINT}；不得早于上报时间`,
  },
  {
    name: "resolvedAt",
    type: "timestamp",
    required: false,
    headers: ["办结时间"],
    hint: `${TIME_HINT}；不得早于上报时间`,
  },
  {
    name: "deadlineAt",
    type: "timestamp",
    required: false,
    headers: ["办理时限", "时限"],
    hint: `应办结的截止时间，${TIME_HINT}`,
  },
  {
    name: "firstPass",
    type: "boolean",
    required: false,
    headers: ["一次办结"],
    hint: `未经退回、重派或重启即办结：${YES_NO}`,
  },
  {
    name: "complaint",
    type: "boolean",
    required: false,
    headers: ["投诉", "是否投诉"],
    hint: `该工单是或引发了投诉：${YES_NO}`,
  },
  {
    name: "online",
    type: "boolean",
    required: false,
    headers: ["网上办理", "全程网办"],
    hint: `服务类工单全程网上办理：${YES_NO}`,
  },
  {
    name: "callback",
    type: "enum",
    required: false,
    labels: CALLBACK_LABELS,
    headers: ["回访结果", "回访满意度"],
    hint: "满意、基本满意、不满意；未回访留空",
  },
];

export const ENUM_VALUES: Readonly<Partial<Record<CaseFieldName, readonly string[]>>> = {
  kind: CASE_KINDS,
  channel: CASE_CHANNELS,
  callback: CALLBACK_VERDICTS,
};

export const REQUIRED_FIELDS = CASE_FIELDS.filter((f) => f.required).map((f) => f.name);
