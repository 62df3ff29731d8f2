import { z } from "@hono/zod-openapi";
import { Period } from "../../shapes/period-schema.ts";
import { OrgUnitCode } from "../http/router.ts";
import { AdjustmentItemInput, AssessorItemInput } from "../schemes/schema.ts";

/** Items and adjustments one assessment may hold (a scheme lists a handful of each). */
export const MAX_ENTRIES = 50;

const Comment = z.string().trim().max(2000, "最多 2000 个字");
const Code = z.string().min(1, "不能为空").max(32, "最多 32 个字符");

export const AssessmentParams = z.object({
  orgUnit: OrgUnitCode.openapi({ param: { name: "orgUnit", in: "path" }, example: "C11" }),
  period: Period.openapi({ param: { name: "period", in: "path" } }),
});

/** PUT /assessments/{orgUnit}/{period} (CYCLE.md "Assessor scores"). */
export const AssessmentInput = z
  .strictObject({
    items: z
      .array(
        z.strictObject({
          code: Code,
          score: z.number().min(0, "得分须在 0 至 100 之间").max(100, "得分须在 0 至 100 之间"),
          comment: Comment.default(""),
        }),
      )
      .max(MAX_ENTRIES, `最多 ${MAX_ENTRIES} 项`)
      .default([]),
    adjustments: z
      .array(
        z.strictObject({
          code: Code,
          points: z.number().openapi({
            description:
              "Points, a magnitude above 0 and at most the item's maxPoints: the item's kind gives the sign (bonus adds, penalty deducts)",
          }),
          reason: z.string().trim().min(1, "须写明加减分理由").max(2000, "最多 2000 个字"),
        }),
      )
      .max(MAX_ENTRIES, `最多 ${MAX_ENTRIES} 项`)
      .default([]),
  })
  .openapi("AssessmentInput");
export type AssessmentInput = z.infer<typeof AssessmentInput>;

export const ReopenAssessmentInput = z
  .strictObject({
    reason: z.string().trim().min(1, "须写明重新开启的理由").max(500, "最多 500 个字"),
  })
  .openapi("ReopenAssessmentInput");

export const Assessment = z
  .object({
    orgUnit: z.string(),
    name: z.string(),
    period: z.string(),
    status: z.enum(["none", "draft", "signed_off"]).openapi({
      description: "none: nothing entered yet; draft: saved, may change; signed_off: frozen",
    }),
    items: z.array(z.object({ code: z.string(), score: z.number(), comment: z.string() })),
    adjustments: z.array(z.object({ code: z.string(), points: z.number(), reason: z.string() })),
    assessorScore: z.number().nullable().openapi({
      description: "Weighted mean of the scored items (INDICATORS.md); null when none is scored",
    }),
    adjustment: z.number().openapi({ description: "Σ bonus − Σ penalty, clamped to ±cap" }),
    scheme: z.object({
      id: z.string(),
      version: z.number().int(),
      assessorItems: z.array(AssessorItemInput),
      adjustmentItems: z.array(AdjustmentItemInput),
      assessorWeight: z.number(),
      adjustmentCap: z.number(),
    }),
    updatedBy: z.string().nullable(),
    updatedAt: z.string().nullable(),
    signedOffBy: z.string().nullable(),
    signedOffAt: z.string().nullable(),
    reopenedBy: z.string().nullable(),
    reopenedAt: z.string().nullable(),
    reopenReason: z.string().nullable(),
  })
  .openapi("Assessment");
export type Assessment = z.infer<typeof Assessment>;

export const AssessmentList = z
  .object({ assessments: z.array(Assessment) })
  .openapi("AssessmentList");

export const ListAssessmentsQuery = z.object({
  period: Period,
  orgUnit: OrgUnitCode.optional().openapi({
    description: "The subtree's root; default: the caller's scope",
  }),
});
