import { z } from "@hono/zod-openapi";
import { int4Text, OrgUnitCode } from "../http/router.ts";
import { PeriodText } from "../indicators/schema.ts";

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const orgUnit = OrgUnitCode.optional().openapi({
  description: "Org unit code; default: the root of your scope",
});

export const AssessmentQuery = z.object({
  period: PeriodText,
  orgUnit,
  depth: z.enum(["children", "all"]).default("children").openapi({
    description:
      "`children` (default): the unit and its direct children; `all`: every unit below it (up to 2,000 units)",
  }),
  scheme: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .openapi({ description: "Scheme id; default 369-default" }),
  schemeVersion: int4Text(1).optional(),
});

const asyncFlag = z.enum(["0", "1", "true", "false"]).optional().openapi({
  description:
    "`1`: export in the background (202 with a job id) whatever the size; large exports always do",
});

export const RawCsvQuery = z.object({
  period: PeriodText,
  orgUnit,
  encoding: z.enum(["utf-8", "utf8", "gb18030"]).default("utf-8").openapi({
    description:
      "`utf-8` (default, with a byte order mark so Excel reads Chinese) or `gb18030` (older Excel on Chinese Windows)",
  }),
  async: asyncFlag,
});

export const RawXlsxQuery = z.object({ period: PeriodText, orgUnit, async: asyncFlag });

export const ExportAccepted = z
  .object({
    jobId: z.string().uuid(),
    status: z.literal("running"),
    statusUrl: z.string().openapi({ example: "/api/v1/jobs/7d1c…" }),
  })
  .openapi("ExportAccepted");

/** What a finished export job's `result` holds (GET /jobs/{id}). */
export const ExportJobResult = z
  .object({
    rows: z.number().int(),
    sheets: z.number().int(),
    bytes: z.number().int(),
    fileName: z.string(),
    contentType: z.string(),
    downloadUrl: z.string().openapi({ example: "/api/v1/exports/files/7d1c…" }),
    expiresAt: z.string().openapi({ format: "date-time" }),
  })
  .openapi("ExportJobResult");
export type ExportJobResult = z.infer<typeof ExportJobResult>;

export const FileParams = z.object({ jobId: z.string().max(64) });
