/**
 * Sample plans of the satisfaction survey (issue 22 point 5) as the API serves them
 * (GET /api/v1/surveys/{id}/sample-plans), the dashboard, the clerk's page and the poster show
 * them and the quarterly report states them: per community (or village) and quarter, the target
 * sample for a ±5-point margin at 95% on the 0–100 response score and what has come in.
 * metrics/sample-size.ts computes them.
 */
import { z } from "@hono/zod-openapi";

const Unit = z.object({ code: z.string(), name: z.string(), level: z.string() });

/** One community's plan for the quarter. */
export const SamplePlanRow = z
  .object({
    orgUnit: Unit,
    population: z.number().int().nullable().openapi({
      description:
        "Resident population (常住人口) of the quarter's year, else of the latest earlier year on record; null when none is recorded (no finite-population correction)",
    }),
    populationYear: z.number().int().nullable(),
    lastQuarter: z
      .object({ n: z.number().int(), sd: z.number().nullable() })
      .openapi({ description: "Scored responses of the previous quarter and their sample SD" }),
    sd: z.number().openapi({ description: "The SD the plan uses" }),
    sdSource: z.enum(["own", "pooled", "maximum"]).openapi({
      description:
        "own: the community's last quarter (n ≥ 2); pooled: all responses of the survey last quarter; maximum: 50, the largest SD of a 0–100 score",
    }),
    n0: z.number().openapi({ description: "(1.96 · sd / 5)², before the correction" }),
    target: z.number().int().nullable().openapi({
      description: "⌈n0 / (1 + (n0 − 1) / N)⌉, at least 30, at most N; null for a population of 0",
    }),
    collected: z.number().int().openapi({ description: "Scored responses of the quarter so far" }),
    remaining: z.number().int().nullable(),
    share: z.number().nullable().openapi({ description: "min(collected / target, 1)" }),
    met: z.boolean(),
  })
  .openapi("SamplePlanRow");
export type SamplePlanRow = z.infer<typeof SamplePlanRow>;

/** The plans of the communities of a unit's subtree (or of a grid's community). */
export const SamplePlans = z
  .object({
    surveyId: z.string(),
    period: z.string(),
    basePeriod: z.string().openapi({ description: "The quarter whose SD the plans use" }),
    orgUnit: Unit,
    method: z.object({
      z: z.number(),
      margin: z.number(),
      minimum: z.number().int(),
      maximumSd: z.number(),
      pooled: z
        .object({ n: z.number().int(), sd: z.number().nullable() })
        .openapi({ description: "All scored responses of the survey in the base quarter" }),
    }),
    summary: z.object({
      communities: z.number().int(),
      met: z.number().int(),
      collected: z.number().int(),
      target: z.number().int(),
    }),
    plans: z.array(SamplePlanRow),
  })
  .openapi("SamplePlans");
export type SamplePlans = z.infer<typeof SamplePlans>;
