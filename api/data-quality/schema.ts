import { z } from "@hono/zod-openapi";
import { Period } from "../../shapes/period-schema.ts";
import { OrgUnitCode } from "../http/router.ts";

export const DataQualityQuery = z.object({
  period: Period,
  orgUnit: OrgUnitCode.optional().openapi({
    description: "Root of the subtree; default: the caller's scope",
  }),
  silentDays: z.coerce
    .number()
    .int()
    .min(1)
    .max(365)
    .default(7)
    .openapi({ description: "A source is silent after this many days without data (default 7)" }),
});

export const Finding = z
  .object({
    orgUnit: z.string().nullable().openapi({ description: "null for findings about a source" }),
    orgUnitName: z.string().nullable(),
    rule: z.enum([
      "return_missing",
      "handling_time_outlier",
      "case_volume_change",
      "source_silent",
      "deadline_missing",
      "survey_flagged",
    ]),
    figure: z.number().nullable().openapi({
      description:
        "return_missing: null; handling_time_outlier: mean handling hours; case_volume_change: % change against the previous quarter; source_silent: days since last data; deadline_missing: resolved cases without a deadline; survey_flagged: survey responses flagged as possible stuffing",
    }),
    severity: z.enum(["high", "medium", "low"]),
    message: z.string().openapi({ description: "Simplified Chinese, for pages and exports" }),
  })
  .openapi("DataQualityFinding");

export const DataQualityReport = z
  .object({
    period: z.string(),
    orgUnit: z.string().nullable(),
    silentDays: z.number().int(),
    generatedAt: z.string().openapi({ format: "date-time" }),
    findings: z.array(Finding),
  })
  .openapi("DataQualityReport");
