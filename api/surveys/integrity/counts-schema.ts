import { z } from "@hono/zod-openapi";

// The flag shapes the survey statistics share with the flag routes (schema.ts).

export const FlagKind = z
  .enum(["repeat_client", "straight_line", "burst"])
  .openapi("SurveyFlagKind", {
    description:
      "repeat_client: more than 3 self-filled responses for one unit in a day from one client hash; straight_line: a source (account or client) sent at least 10 responses in a day with every rated item the same, at least 90% of what it sent; burst: a unit's responses in a day at least 20 and more than 5× its median daily count over the 28 days before",
  });
export const FlagStatus = z.enum(["open", "confirmed", "dismissed"]).openapi("SurveyFlagStatus");

export const FlagCounts = z
  .object({
    flagged: z.number().int().openapi({ description: "Responses with at least one flag" }),
    open: z.number().int().openapi({ description: "Waiting for an assessor; they still count" }),
    confirmed: z
      .number()
      .int()
      .openapi({ description: "Confirmed by an assessor: excluded from G4 and the statistics" }),
    dismissed: z.number().int().openapi({ description: "Dismissed: they count as before" }),
    byKind: z.record(FlagKind, z.number().int()),
  })
  .openapi("SurveyFlagCounts");
