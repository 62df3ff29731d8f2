import { z } from "@hono/zod-openapi";
import { Period } from "../../shapes/period-schema.ts";
import { SurveySampleSummary } from "../../shapes/survey-stats.ts";
import { int4, OrgUnitCode } from "../http/router.ts";
import { FlagCounts } from "./integrity/counts-schema.ts";

export const SurveyId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, "问卷编号：小写字母、数字、“-”或“_”")
  .openapi({ example: "satisfaction" });

export const SurveyDefinition = z
  .record(z.string(), z.unknown())
  .openapi({ description: "A SurveyJS JSON definition (survey-core 2.5)", type: "object" });

export const NewSurvey = z
  .object({
    id: SurveyId,
    title: z.string().trim().min(1).max(200),
    definition: SurveyDefinition,
  })
  .openapi("NewSurvey");

export const SurveyVersion = z
  .object({
    id: z.string(),
    version: z.number().int(),
    title: z.string(),
    definition: SurveyDefinition,
    createdBy: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("SurveyVersion");

export const SurveyList = z
  .object({
    surveys: z.array(
      z.object({
        id: z.string(),
        version: z.number().int(),
        versions: z.number().int(),
        title: z.string(),
        createdAt: z.string(),
      }),
    ),
  })
  .openapi("SurveyList");

export const SurveyParams = z.object({
  id: SurveyId.openapi({ param: { name: "id", in: "path" } }),
});

export const Answers = z
  .record(z.string().max(100), z.unknown())
  .refine((a) => Object.keys(a).length <= 200, "最多 200 个答案")
  .openapi({
    description:
      "Answers by question name, as SurveyJS produces them (`survey.data`). Default survey: overall, timeliness, effectiveness, transparency, attitude (integers 1–5), ageBand, comment.",
    type: "object",
    example: { overall: 5, timeliness: 4, ageBand: "60-79", comment: "服务很好" },
  });

export const SurveyMode = z.enum(["self", "assisted"]).openapi("SurveyMode");

const ResponseId = z.string().uuid().openapi({
  description: "Client-generated UUID; a re-send with the same id stores nothing new",
});

export const NewSurveyResponse = z
  .object({
    id: ResponseId.optional(),
    surveyId: SurveyId,
    surveyVersion: int4(1)
      .optional()
      .openapi({ description: "The version the form showed; default the latest" }),
    orgUnit: OrgUnitCode,
    answers: Answers,
    mode: SurveyMode.default("self").openapi({
      description: "`assisted` needs a signed-in clerk or assessor (surveyResponses.assisted)",
    }),
    submittedAt: z.string().datetime({ offset: true }).optional().openapi({
      description:
        "When the form was completed (a response kept offline and sent later); used when within the last 7 days, otherwise the time of receipt",
    }),
  })
  .openapi("NewSurveyResponse");

export const SurveyResponseAck = z.object({ id: z.string().uuid() }).openapi("SurveyResponseAck");

/** One record of a batch: checked on its own, so a bad record rejects only itself. */
export const BatchSurveyResponse = z
  .object({
    id: ResponseId.optional(),
    orgUnit: OrgUnitCode,
    submittedAt: z
      .string()
      .datetime({ offset: true, message: "ISO 8601 日期时间，须带时区（如 +08:00）" }),
    answers: Answers,
    mode: SurveyMode.default("self"),
  })
  .openapi("BatchSurveyResponse");

export const MAX_BATCH = 10_000;

export const SurveyBatch = z
  .object({
    surveyId: SurveyId,
    surveyVersion: int4(1).optional(),
    responses: z
      .array(z.unknown())
      .min(1)
      .max(MAX_BATCH)
      .openapi({
        description: `At most ${MAX_BATCH.toLocaleString("en")} BatchSurveyResponse records`,
        items: { $ref: "#/components/schemas/BatchSurveyResponse" },
      }),
  })
  .openapi("SurveyBatch");

const FieldErrors = z.array(z.object({ path: z.string(), message: z.string() }));

export const SurveyBatchResult = z
  .object({
    received: z.number().int(),
    inserted: z.number().int(),
    unchanged: z.number().int().openapi({ description: "Records whose id was already stored" }),
    rejected: z.array(
      z.object({
        index: z.number().int(),
        row: z.number().int().optional().openapi({ description: "Spreadsheet row (imports)" }),
        id: z.string().optional(),
        errors: FieldErrors,
      }),
    ),
  })
  .openapi("SurveyBatchResult");

export const StatsQuery = z.object({
  period: Period,
  orgUnit: OrgUnitCode.optional().openapi({ description: "Default: the caller's scope" }),
  children: z
    .enum(["true", "false", "1", "0"])
    .optional()
    .transform((v) => v === "true" || v === "1"),
});

/** GET /surveys/{id}/sample-plans: the quarter and the unit (default: the caller's scope). */
export const SamplePlanQuery = z.object({
  period: Period,
  orgUnit: OrgUnitCode.optional().openapi({ description: "Default: the caller's scope" }),
});

const ItemStats = z.object({
  mean: z.number().nullable(),
  n: z.number().int(),
  distribution: z.record(z.string(), z.number().int()),
});

const UnitStatsShape = SurveySampleSummary.extend({
  orgUnit: z.object({ code: z.string(), name: z.string(), level: z.string() }),
  items: z.record(z.string(), ItemStats),
  byAgeBand: z.record(z.string(), SurveySampleSummary),
  byMode: z.record(z.string(), SurveySampleSummary),
  alpha: z.number().nullable(),
});

export const UnitSurveyStats = UnitStatsShape.openapi("UnitSurveyStats");

export const SurveyStats = UnitStatsShape.extend({
  surveyId: z.string(),
  period: z.string(),
  flags: FlagCounts.openapi({
    description:
      "Responses of the subtree and quarter flagged as possible stuffing (issue 22). The figures above leave out only the confirmed ones.",
  }),
  children: z.array(UnitSurveyStats).optional(),
  comments: z
    .array(
      z.object({
        submittedAt: z.string(),
        orgUnit: z.string(),
        orgUnitName: z.string(),
        mode: SurveyMode,
        overall: z.number().int().nullable(),
        comment: z.string(),
      }),
    )
    .optional()
    .openapi({ description: "Latest 50 free-text comments (masked); surveyComments.read only" }),
}).openapi("SurveyStats");

export const QrParams = z.object({
  id: SurveyId.openapi({ param: { name: "id", in: "path" } }),
  file: z
    .string()
    .regex(/^[0-9A-Za-z_-]{1,32}\.png$/, "单位编码加 .png")
    .openapi({ param: { name: "file", in: "path" }, example: "310101001001.png" }),
});
