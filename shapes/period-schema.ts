/**
 * A period at the API edge: a quarter `2026Q3`, year 2000–2100 (./periods.ts). Its own module so
 * that the plain period arithmetic in ./periods.ts, which reports import, carries no zod.
 */
import { z } from "@hono/zod-openapi";
import { PERIOD_PATTERN, parsePeriod } from "./periods.ts";

/** A quarter as the API takes it: `2026Q3`, year 2000–2100. Malformed → 422 naming the field. */
export const Period = z
  .string()
  .regex(PERIOD_PATTERN, "季度，形如 2026Q3")
  .refine((p) => parsePeriod(p) !== null, "年份须在 2000 到 2100 之间")
  .openapi({ example: "2026Q3" });
