/**
 * The statistics of one survey sample (one unit's subtree in a quarter, or one group of its
 * responses) as the API serves them, the dashboard shows them and the reports print them
 * (CONTRACT.md `GET /surveys/{id}/stats`, INDICATORS.md "Survey score"). metrics' `surveySummary`
 * and `surveyStatsFromSums` compute them; this is the shape they travel in.
 */
import { z } from "@hono/zod-openapi";

/** A 95% interval `[low, high]`; `null` when it cannot be computed (n < 2, no answers). */
export const Interval = z.tuple([z.number(), z.number()]).nullable();
export type Interval = z.infer<typeof Interval>;

/** n, the G4 score with its interval, the satisfaction rate with its Wilson interval, n < 30. */
export const SurveySampleSummary = z
  .object({
    n: z.number().int(),
    score: z.number().nullable(),
    scoreCi: Interval,
    satisfactionRate: z.number().nullable(),
    satisfactionCi: Interval,
    insufficient: z.boolean().openapi({ description: "n < 30" }),
  })
  .openapi("SurveySampleSummary");
export type SurveySampleSummary = z.infer<typeof SurveySampleSummary>;
