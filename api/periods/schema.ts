import { z } from "@hono/zod-openapi";

/** A quarter in a path. Checked in the handler, so that a malformed one gets a Chinese detail. */
export const PeriodParams = z.object({
  period: z.string().openapi({ example: "2026Q3", description: "A quarter, `YYYYQn`" }),
});

export const ReopenBody = z
  .strictObject({
    reason: z.string().trim().min(1).max(500).openapi({
      description: "Why the quarter is reopened (required, 1–500 characters; audited)",
      example: "街道补报回访数据，经区领导批准重新开账",
    }),
  })
  .openapi("ReopenRequest");

const Closing = z
  .object({
    version: z.number().int(),
    closedAt: z.string(),
    closedBy: z.string(),
    scheme: z.object({ id: z.string(), version: z.number().int() }),
    units: z.number().int(),
    reopenedAt: z.string().nullable(),
    reopenedBy: z.string().nullable(),
    reopenReason: z.string().nullable(),
  })
  .openapi("Closing");

export const PeriodState = z
  .object({
    period: z.string(),
    status: z.enum(["open", "closed"]),
    ended: z
      .boolean()
      .openapi({ description: "The quarter has ended (only then can it be closed)" }),
    returnsDueAt: z
      .string()
      .openapi({ description: "Returns filed from this instant on are marked late (迟报)" }),
    version: z
      .number()
      .int()
      .nullable()
      .openapi({ description: "The current closing's version while closed, else null" }),
    closings: z.array(Closing).openapi({ description: "Every closing, newest first" }),
  })
  .openapi("PeriodState");

export const PeriodList = z.object({ periods: z.array(PeriodState) }).openapi("PeriodList");

export const ClosedPeriod = z
  .object({
    period: z.string(),
    version: z.number().int(),
    closedAt: z.string(),
    units: z.number().int().openapi({ description: "Units whose official figures were stored" }),
    rectificationsOpened: z.number().int(),
  })
  .openapi("ClosedPeriod");

export const ReopenedPeriod = z
  .object({
    period: z.string(),
    version: z.number().int().openapi({ description: "The closing that was reopened" }),
    reopenedAt: z.string(),
    reason: z.string(),
  })
  .openapi("ReopenedPeriod");
