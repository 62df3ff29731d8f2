import { z } from "@hono/zod-openapi";
import { Period } from "../../shapes/period-schema.ts";
import { OrgUnitCode } from "../http/router.ts";

export const Edition = z.enum(["leadership", "assessor"]).openapi({
  description:
    "`leadership`: short, with charts; `assessor`: complete, with tables and methodology",
});

export const ReportCreate = z
  .object({
    period: Period,
    orgUnit: OrgUnitCode,
    edition: Edition,
    scheme: z
      .string()
      .min(1)
      .max(64)
      .optional()
      .openapi({ description: "Scheme id; default 369-default" }),
  })
  .openapi("ReportCreate");

export const ReportStatus = z.enum(["queued", "running", "done", "failed"]);

export const Report = z
  .object({
    id: z.string().uuid(),
    orgUnit: z.string(),
    orgUnitName: z.string(),
    period: z.string(),
    edition: Edition,
    status: ReportStatus,
    progress: z.number().min(0).max(1).openapi({ description: "Fraction done, 0–1" }),
    percent: z.number().int().min(0).max(100).openapi({ description: "Percent done" }),
    error: z
      .string()
      .nullable()
      .openapi({ description: "Why it failed (or why the last attempt failed, while retrying)" }),
    attempts: z.number().int(),
    maxAttempts: z.number().int(),
    scheme: z.object({ id: z.string(), version: z.number().int().nullable() }),
    pages: z.number().int().nullable(),
    pdfSha256: z.string().nullable().openapi({ description: "SHA-256 (hex) of the PDF" }),
    version: z
      .number()
      .int()
      .nullable()
      .openapi({ description: "Published version; null for a draft" }),
    published: z.boolean(),
    publishedAt: z.string().nullable().openapi({ format: "date-time" }),
    publishedBy: z.string().nullable(),
    createdBy: z.string().nullable(),
    createdAt: z.string().openapi({ format: "date-time" }),
    updatedAt: z.string().openapi({ format: "date-time" }),
    finishedAt: z.string().nullable().openapi({ format: "date-time" }),
    links: z.object({
      self: z.string(),
      html: z.string(),
      pdf: z.string(),
      snapshot: z.string(),
      publish: z.string(),
    }),
  })
  .openapi("Report");

export const ReportAccepted = z
  .object({ id: z.string().uuid(), status: ReportStatus, links: z.object({ self: z.string() }) })
  .openapi("ReportAccepted");

export const ReportList = z
  .object({
    orgUnit: z.string(),
    orgUnitName: z.string(),
    period: z.string().nullable(),
    reports: z.array(Report),
  })
  .openapi("ReportList");

export const ReportListQuery = z.object({
  orgUnit: OrgUnitCode.optional().openapi({ description: "Default: the root of your scope" }),
  period: Period.optional(),
  edition: Edition.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const ReportParams = z.object({ id: z.string().max(64) });

export const ReportSnapshotBody = z
  .object({
    id: z.string().uuid(),
    snapshot: z
      .unknown()
      .openapi({ description: "Scheme version, data as of, data versions, hashes" }),
    model: z
      .unknown()
      .openapi({ description: "The ReportModel the HTML and PDF were rendered from" }),
  })
  .openapi("ReportSnapshot");
