import { z } from "@hono/zod-openapi";
import { Period } from "../../shapes/period-schema.ts";
import { RETURN_FIELDS, type ReturnField } from "../db/tables/unit-return.ts";
import { INT4_MAX } from "../http/input-rules.ts";
import { OrgUnitCode } from "../http/router.ts";

/** Yuan and hours: far above any unit's figure, low enough that a whole tree's sums stay exact. */
const AMOUNT_MAX = 1e12;

/**
 * The largest value of each figure. Counts (residents, posts, meetings, items, users) stay
 * within an integer column's range, as the same figures do elsewhere (org-unit population);
 * a figure like 1e308 would overflow to Infinity in the indicator sums.
 */
export const FIGURE_MAX: Record<ReturnField, number> = {
  population: INT4_MAX,
  budgetAllocatedYear: AMOUNT_MAX,
  budgetSpent: AMOUNT_MAX,
  workersInPost: INT4_MAX,
  positions: INT4_MAX,
  trainingHours: AMOUNT_MAX,
  meetingsHeld: INT4_MAX,
  itemsRaised: INT4_MAX,
  itemsResolved: INT4_MAX,
  participants: INT4_MAX,
  volunteers: INT4_MAX,
  volunteerHours: AMOUNT_MAX,
  platformActiveUsers: INT4_MAX,
};

/** The message for a figure above its FIGURE_MAX (JSON and uploaded workbooks alike). */
export const figureTooLarge = (f: ReturnField) => `不能大于 ${FIGURE_MAX[f]}`;

const figure = (f: ReturnField) =>
  z.number().min(0, "须为非负数").max(FIGURE_MAX[f], figureTooLarge(f));

const FIGURE_DOCS: Record<ReturnField, string> = {
  population: "常住人口 resident population at the end of the quarter",
  budgetAllocatedYear: "年度预算(元) budget allocated for the year, yuan",
  budgetSpent: "本季度支出(元) budget spent in this quarter (not year-to-date), yuan",
  workersInPost: "在岗社区工作者 community workers in post at the end of the quarter",
  positions: "核定编制 approved positions",
  trainingHours: "培训学时 training hours in the quarter",
  meetingsHeld: "议事会召开次数 consultation meetings held in the quarter",
  itemsRaised: "协商事项提出数 consultation items raised in the quarter",
  itemsResolved: "协商事项解决数 consultation items resolved in the quarter",
  participants: "参与居民数 distinct resident participants in the quarter",
  volunteers: "注册志愿者 registered volunteers at the end of the quarter",
  volunteerHours: "志愿服务时长 volunteer hours in the quarter",
  platformActiveUsers: "平台活跃用户数 distinct active users of the resident app in the quarter",
};

const figureShape = Object.fromEntries(
  RETURN_FIELDS.map((f) => [
    f,
    figure(f).nullable().optional().openapi({ description: FIGURE_DOCS[f] }),
  ]),
) as Record<ReturnField, z.ZodOptional<z.ZodNullable<ReturnType<typeof figure>>>>;

/**
 * CONTRACT.md's Return: 13 non-negative figures, each optional, at least one given. Unknown
 * fields are rejected. A PUT replaces the stored return: a figure left out (or null) is stored as
 * null, not kept from before.
 */
export const ReturnInput = z
  .strictObject(figureShape)
  .refine((r) => RETURN_FIELDS.some((f) => r[f] !== undefined && r[f] !== null), {
    message: "请至少填写一项数字",
  })
  .openapi("ReturnInput");
export type ReturnInput = z.infer<typeof ReturnInput>;

const storedFigures = Object.fromEntries(
  RETURN_FIELDS.map((f) => [f, z.number().nullable().openapi({ description: FIGURE_DOCS[f] })]),
) as Record<ReturnField, z.ZodNullable<z.ZodNumber>>;

export const ReturnFigures = z.object(storedFigures).openapi("ReturnFigures");

export const StoredReturn = z
  .object({
    orgUnit: z.string(),
    orgUnitName: z.string(),
    period: z.string(),
    ...storedFigures,
    updatedBy: z.string().nullable(),
    updatedAt: z.string().openapi({ format: "date-time" }),
    late: z.boolean().openapi({
      description:
        "迟报: these figures were filed after the quarter's returns due day (day 10 after its end, Asia/Shanghai)",
    }),
    reviewState: z.enum(["pending", "approved", "returned"]).openapi({
      description:
        "The street's review: pending (待审核, filed or filed again), approved (已通过), returned (已退回, see reviewReason)",
    }),
    reviewedBy: z.string().nullable(),
    reviewedAt: z.string().nullable().openapi({ format: "date-time" }),
    reviewReason: z.string().nullable().openapi({ description: "Why it was sent back (已退回)" }),
  })
  .openapi("StoredReturn");
export type StoredReturn = z.infer<typeof StoredReturn>;

/** A reviewer's decision; a return sent back (returned) needs its reason (checked in review.ts). */
export const ReviewInput = z
  .strictObject({
    decision: z.enum(["approved", "returned"], {
      message: "审核结果须为 approved（通过）或 returned（退回）",
    }),
    reason: z
      .string()
      .max(500, "退回原因不能超过 500 字")
      .optional()
      .openapi({ description: "退回原因: required when the decision is returned" }),
  })
  .openapi("ReturnReviewInput");
export type ReviewInput = z.infer<typeof ReviewInput>;

export const ReturnParams = z.object({
  orgUnitCode: OrgUnitCode.openapi({ param: { name: "orgUnitCode", in: "path" } }),
  period: Period.openapi({ param: { name: "period", in: "path" } }),
});

export const ReturnHistory = z
  .object({
    orgUnit: z.string(),
    period: z.string(),
    entries: z.array(
      z.object({
        changedBy: z.string().nullable(),
        changedAt: z.string().openapi({ format: "date-time" }),
        oldValues: ReturnFigures.nullable().openapi({
          description: "The figures before the change; null when the return was created",
        }),
        newValues: ReturnFigures,
        changedFields: z.array(z.string()),
      }),
    ),
  })
  .openapi("ReturnHistory");

export const ListReturnsQuery = z.object({
  period: Period,
  orgUnit: OrgUnitCode.optional().openapi({
    description: "Root of the subtree; default: the caller's scope",
  }),
});

export const ReturnList = z
  .object({
    period: z.string(),
    orgUnit: z.string().nullable(),
    returns: z.array(StoredReturn),
    missing: z
      .array(z.object({ code: z.string(), name: z.string() }))
      .openapi({ description: "Communities of the subtree that have filed no return" }),
  })
  .openapi("ReturnList");

export const TemplateQuery = ListReturnsQuery;

export const UploadForm = z.object({
  file: z
    .instanceof(File, { message: "请附上填好的季度填报模板（字段 file）" })
    .openapi({ type: "string", format: "binary" }),
  period: Period.optional().openapi({
    description: "If given, the workbook's period cell must say the same quarter",
  }),
});

export const UploadResult = z
  .object({
    period: z.string(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    skipped: z
      .number()
      .int()
      .openapi({ description: "Rows with no figure at all: left as they are, nothing written" }),
  })
  .openapi("ReturnUploadResult");
