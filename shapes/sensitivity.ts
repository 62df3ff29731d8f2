/**
 * One child's rank under seeded ±20% weight draws (CONTRACT.md `GET /sensitivity`, INDICATORS.md
 * "Sensitivity"): its actual rank, the median rank and the 5th–95th percentile ranks. The API
 * serves it, the assessor report tabulates and charts it.
 */
import { z } from "@hono/zod-openapi";

export const SensitivityRow = z
  .object({
    code: z.string(),
    name: z.string(),
    index: z.number().nullable(),
    rank: z.number().int().nullable(),
    medianRank: z.number().int().nullable(),
    p5Rank: z.number().int().nullable(),
    p95Rank: z.number().int().nullable(),
  })
  .openapi("SensitivityRow");
export type SensitivityRow = z.infer<typeof SensitivityRow>;
