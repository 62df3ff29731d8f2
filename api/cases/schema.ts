import { z } from "@hono/zod-openapi";
import { OrgUnitCode } from "../http/router.ts";
import { CASE_FIELDS, type CaseField } from "./contract/fields.ts";
import { MAX_BATCH } from "./ingest.ts";

const Timestamp = (description: string) =>
  z.string().openapi({
    format: "date-time",
    description: `${description}. ISO 8601 with a UTC offset (Z or ±hh:mm); without one it is rejected as ambiguous.`,
    example: "2026-07-01T08:30:00+08:00",
  });

/** One field of the table (fields.ts) as its zod schema, for the OpenAPI document. */
function fieldSchema(f: CaseField): z.ZodTypeAny {
  const doc = <T extends z.ZodTypeAny>(s: T): T =>
    f.api === undefined ? s : s.openapi({ description: f.api });
  switch (f.type) {
    case "text": {
      const s = f.required ? z.string().min(1) : z.string();
      const max = f.maxLength === undefined ? s : s.max(f.maxLength);
      return f.required ? doc(max) : doc(max.nullable().optional());
    }
    case "unit":
      return doc(OrgUnitCode);
    case "enum": {
      const e = z.enum(f.values as [string, ...string[]]);
      return doc(f.required ? e : e.nullable().optional());
    }
    case "timestamp": {
      const t = Timestamp(f.api ?? "");
      return f.required ? t : t.nullable().optional();
    }
    case "bool":
      return doc(z.boolean().optional());
    case "int": {
      const i = z.number().int().min(f.min).max(f.max);
      return doc(f.required ? i : i.nullable().optional());
    }
  }
}

/**
 * The Case record of CONTRACT.md, for the OpenAPI document. Records are checked one by one by
 * `validate.ts` (so one bad record does not refuse the batch); this schema documents them.
 */
export const Case = z
  .object(Object.fromEntries(CASE_FIELDS.map((f) => [f.name, fieldSchema(f)])))
  .openapi("Case");

export const CaseBatchBody = z
  .object({
    cases: z.array(z.unknown()).openapi({
      type: "array",
      items: { $ref: "#/components/schemas/Case" },
      description: `At most ${MAX_BATCH.toLocaleString("en")} cases; more is refused with 413. Unknown fields are ignored.`,
    }),
  })
  .openapi("CaseBatch");

const Rejected = z
  .object({
    index: z.number().int().openapi({
      description:
        "Batches: the record's position in `cases` (0-based). File imports: the data row number (1 = the first row below the header).",
    }),
    externalId: z.string().nullable(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })),
  })
  .openapi("RejectedCase");

export const IngestSummary = z
  .object({
    received: z.number().int(),
    inserted: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int().openapi({ description: "Identical re-sends; nothing written" }),
    rejected: z.array(Rejected),
  })
  .openapi("IngestSummary");

export const ImportSummary = IngestSummary.extend({
  rowNumbering: z.literal("dataRow").openapi({
    description: "`rejected[].index` is the data row number: 1 = the first row below the header",
  }),
  ignoredColumns: z
    .array(z.string())
    .openapi({ description: "Columns the file had that no field takes" }),
  rejectedOmitted: z.number().int().openapi({
    description: "Rejected rows beyond the first 10,000, counted but not listed",
  }),
}).openapi("ImportSummary");

export const ImportAccepted = z
  .object({
    jobId: z.string().uuid(),
    status: z.enum(["queued", "running", "done", "failed"]),
  })
  .openapi("ImportAccepted");

export const FreshnessList = z
  .array(
    z.object({
      source: z.string(),
      lastReceivedAt: z.string().openapi({ format: "date-time", description: "Last delivery" }),
      maxReportedAt: z
        .string()
        .nullable()
        .openapi({ format: "date-time", description: "Latest reportedAt received: data as of" }),
    }),
  )
  .openapi("SourceFreshness");
