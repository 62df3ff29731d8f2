import { z } from "@hono/zod-openapi";

const Direction = z.enum(["up", "down"]);

/**
 * Weights are shares (of a dimension, or of the index) and sets are renormalised, so any scale
 * works; the bound keeps every weighted sum finite (1e308 weights would overflow to Infinity).
 */
export const MAX_WEIGHT = 10_000;
export const Weight = z
  .number()
  .min(0, "weights must be non-negative")
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
  })
  .openapi("SchemeDefinitionInput");

export const NewSchemeVersion = z
  .strictObject({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, "lower-case letters, digits, '-' or '_', at most 64")
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
