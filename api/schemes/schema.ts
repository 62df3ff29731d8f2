import { z } from "@hono/zod-openapi";

const Direction = z.enum(["up", "down"]);

/**
 * Weights are shares (of a dimension, or of the index) and sets are renormalised, so any scale
 * works; the bound keeps every weighted sum finite (1e308 weights would overflow to Infinity).
 */
export const MAX_WEIGHT = 10_000;
export const Weight = z
  .number()
  .min(0, "权重不能为负数")
  .max(MAX_WEIGHT, `权重须在 0 至 ${MAX_WEIGHT} 之间`);

/** Goalposts in the indicator's unit (%, ‰, hours, yuan): bounded so that target − floor is finite. */
export const MAX_GOALPOST = 1e9;
export const Goalpost = z
  .number()
  .min(-MAX_GOALPOST, `目标值和底线值须在 ±${MAX_GOALPOST} 之内`)
  .max(MAX_GOALPOST, `目标值和底线值须在 ±${MAX_GOALPOST} 之内`);

export const IndicatorSettingInput = z
  .strictObject({
    target: Goalpost,
    floor: Goalpost,
    weight: Weight,
    direction: Direction.optional().openapi({
      description: "Must equal the catalogue's direction when given",
    }),
  })
  .openapi("IndicatorSettingInput");

export const SchemeMethod = z
  .strictObject({
    normalisation: z.enum(["goalposts", "minmax", "zscore"]),
    aggregation: z.enum(["arithmetic", "geometric"]),
  })
  .openapi("SchemeMethod");

const Code = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/, "编码须为字母、数字、'-' 或 '_'，至多 32 个字符");
const ItemName = z.string().trim().min(1, "名称不能为空").max(100, "名称至多 100 个字符");

export const AssessorItemInput = z
  .strictObject({
    code: Code,
    name: ItemName,
    weight: Weight.refine((w) => w > 0, "权重须为正数"),
  })
  .openapi("AssessorItem");

export const AdjustmentItemInput = z
  .strictObject({
    code: Code,
    name: ItemName,
    kind: z.enum(["bonus", "penalty"]).openapi({ description: "bonus 加分 or penalty 减分" }),
    maxPoints: z.number().gt(0, "最高分值须为正数").max(100, "最高分值至多 100 分"),
  })
  .openapi("AdjustmentItem");

export const TargetOverrideInput = z
  .strictObject({
    indicator: z.string().openapi({ example: "R2" }),
    level: z.string().optional().openapi({ description: "An org level (OrgLevel); absent: any" }),
    urban: z.boolean().optional().openapi({ description: "true urban, false rural; absent: any" }),
    target: Goalpost,
    floor: Goalpost,
  })
  .openapi("TargetOverride");

const Day = (max: number, fallback: number, description: string) =>
  z
    .number()
    .int("天数须为整数")
    .min(1, "天数至少为 1")
    .max(max, `天数至多为 ${max}`)
    .default(fallback)
    .openapi({ description });

/** The assessment and cycle fields of a definition (CYCLE.md "Assessor scores"), with defaults. */
export const AssessmentFieldsInput = {
  assessorItems: z.array(AssessorItemInput).max(50).default([]),
  adjustmentItems: z.array(AdjustmentItemInput).max(50).default([]),
  assessorWeight: z
    .number()
    .min(0, "评估方得分权重须在 0 至 0.5 之间")
    .max(0.5, "评估方得分权重须在 0 至 0.5 之间")
    .default(0)
    .openapi({ description: "w: the assessor score's share of the total (0–0.5)" }),
  adjustmentCap: z
    .number()
    .min(0, "加减分上限须在 0 至 100 之间")
    .max(100, "加减分上限须在 0 至 100 之间")
    .default(5)
    .openapi({ description: "The adjustment is clamped to [−cap, +cap] points" }),
  targetOverrides: z.array(TargetOverrideInput).max(500).default([]),
  returnsDueDay: Day(90, 10, "Returns are due by this day after the quarter's last day"),
  appealsDueDay: Day(90, 15, "Appeals are filed by this day after the quarter's last day"),
  rectificationDays: Day(365, 30, "A rectification task's deadline: opening day + these days"),
};

export const SchemeDefinitionInput = z
  .strictObject({
    responseSlaMinutes: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60)
      .default(60)
      .openapi({ description: "G3's response time limit in minutes" }),
    method: SchemeMethod.default({ normalisation: "goalposts", aggregation: "arithmetic" }),
    dimensions: z
      .record(z.string(), z.strictObject({ weight: Weight }))
      .openapi({ description: "All four: governance, service, resources, participation" }),
    indicators: z
      .record(z.string(), IndicatorSettingInput)
      .openapi({ description: "All 17 indicators G1…P4 by code" }),
    ...AssessmentFieldsInput,
  })
  .openapi("SchemeDefinitionInput");

export const NewSchemeVersion = z
  .strictObject({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, "小写字母、数字、“-”或“_”，最多 64 位")
      .openapi({ example: "369-default" }),
    name: z.string().trim().min(1).max(200).optional(),
    validFromYear: z.number().int().min(2000).max(2100),
    definition: SchemeDefinitionInput,
  })
  .openapi("NewSchemeVersion");

const IndicatorSetting = z.object({
  target: z.number(),
  floor: z.number(),
  weight: z.number(),
  direction: Direction,
});

export const SchemeVersionOut = z
  .object({
    id: z.string(),
    version: z.number().int(),
    validFromYear: z.number().int(),
    name: z.string(),
    definition: z.object({
      responseSlaMinutes: z.number(),
      method: SchemeMethod,
      dimensions: z.record(z.string(), z.object({ weight: z.number() })),
      indicators: z.record(z.string(), IndicatorSetting),
      assessorItems: z.array(AssessorItemInput),
      adjustmentItems: z.array(AdjustmentItemInput),
      assessorWeight: z.number(),
      adjustmentCap: z.number(),
      targetOverrides: z.array(TargetOverrideInput),
      returnsDueDay: z.number().int(),
      appealsDueDay: z.number().int(),
      rectificationDays: z.number().int(),
    }),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("SchemeVersion");

export const SchemeList = z.object({ schemes: z.array(SchemeVersionOut) }).openapi("SchemeList");

export const CreatedScheme = z
  .object({
    created: z.object({ id: z.string(), version: z.number().int() }),
    schemes: z.array(SchemeVersionOut).openapi({ description: "Every version of that scheme" }),
  })
  .openapi("CreatedScheme");

export const ListSchemesQuery = z.object({
  id: z.string().min(1).max(64).optional().openapi({ description: "Only this scheme's versions" }),
});
