import { z } from "@hono/zod-openapi";
import { Period } from "../../../shapes/period-schema.ts";
import { OrgUnitCode } from "../../http/router.ts";
import { SurveyId } from "../schema.ts";
import { FlagCounts, FlagKind, FlagStatus } from "./counts-schema.ts";

export const FlagListQuery = z.object({
  period: Period,
  orgUnit: OrgUnitCode.optional().openapi({ description: "Default: the caller's scope" }),
  surveyId: SurveyId.optional().openapi({ description: "Default: satisfaction" }),
  status: FlagStatus.optional(),
});

export const FlaggedResponse = z
  .object({
    id: z.string().uuid(),
    orgUnit: z.string(),
    orgUnitName: z.string(),
    submittedAt: z.string().openapi({ format: "date-time" }),
    mode: z.enum(["self", "assisted"]),
    enteredBy: z.string().nullable(),
    score: z.number().nullable(),
    kinds: z.array(FlagKind),
    status: FlagStatus,
    decidedBy: z.string().nullable(),
    decidedAt: z.string().nullable().openapi({ format: "date-time" }),
  })
  .openapi("SurveyFlaggedResponse");

export const FlagList = z
  .object({
    surveyId: z.string(),
    period: z.string(),
    orgUnit: z.string(),
    counts: FlagCounts,
    responses: z.array(FlaggedResponse),
    truncated: z.boolean().openapi({ description: "More flagged responses than listed (1,000)" }),
  })
  .openapi("SurveyFlagList");

export const FlagDecision = z
  .object({
    responseIds: z.array(z.string().uuid()).min(1).max(1000),
    decision: z.enum(["confirmed", "dismissed"]).openapi({
      description: "confirmed: the responses count in no survey figure (G4); dismissed: they count",
    }),
  })
  .openapi("SurveyFlagDecision");

export const FlagDecisionResult = z
  .object({ decided: z.number().int() })
  .openapi("SurveyFlagDecisionResult");

export const FlagDetect = z.object({ period: Period }).openapi("SurveyFlagDetect");

export const FlagDetectResult = z
  .object({ raised: z.record(FlagKind, z.number().int()) })
  .openapi("SurveyFlagDetectResult");
