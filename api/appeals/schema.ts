import { z } from "@hono/zod-openapi";
import {
  APPEAL_REASON_LABELS,
  APPEAL_REASONS,
  APPEAL_STATUS_LABELS,
  APPEAL_STATUSES,
} from "../../shapes/appeals.ts";
import { Period } from "../../shapes/period-schema.ts";
import { int4, int4Text, OrgUnitCode } from "../http/router.ts";

/** Cases one appeal may name: a quarter's worth for a community, far below a request's limit. */
export const MAX_APPEAL_CASES = 500;
/** Evidence files one appeal may carry. */
export const MAX_APPEAL_ATTACHMENTS = 20;

const reasonDoc = APPEAL_REASONS.map((r) => `${r} (${APPEAL_REASON_LABELS[r]})`).join(", ");
const statusDoc = APPEAL_STATUSES.map((s) => `${s} (${APPEAL_STATUS_LABELS[s]})`).join(", ");

export const AppealReasonEnum = z
  .enum(APPEAL_REASONS, { message: `须为 ${APPEAL_REASONS.join("、")} 之一` })
  .openapi({ description: `核减理由: ${reasonDoc}` });

export const CaseRef = z.strictObject({
  source: z.string().min(1, "不能为空").max(64, "最多 64 个字符"),
  externalId: z.string().min(1, "不能为空").max(128, "最多 128 个字符"),
});

const Note = z.string().max(2000, "最多 2000 个字");

/** POST /appeals (CYCLE.md). */
export const AppealInput = z
  .strictObject({
    orgUnit: OrgUnitCode,
    period: Period,
    cases: z
      .array(CaseRef)
      .min(1, "至少选择一个案件")
      .max(MAX_APPEAL_CASES, `一次最多 ${MAX_APPEAL_CASES} 个案件`),
    reason: AppealReasonEnum,
    note: Note.default(""),
    attachments: z
      .array(int4(1))
      .max(MAX_APPEAL_ATTACHMENTS, `最多 ${MAX_APPEAL_ATTACHMENTS} 个附件`)
      .default([])
      .openapi({ description: "Ids from POST /attachments, uploaded by the caller" }),
  })
  .openapi("AppealInput");
export type AppealInput = z.infer<typeof AppealInput>;

export const AppealCreated = z
  .object({ id: z.number().int(), status: z.literal("pending") })
  .openapi("AppealCreated");

export const DecisionInput = z
  .strictObject({
    decision: z.enum(["approved", "rejected"], { message: "须为 approved 或 rejected" }),
    note: Note.default(""),
  })
  .openapi("AppealDecisionInput");

export const AppealParams = z.object({
  id: int4Text(1).openapi({ param: { name: "id", in: "path" }, example: 1 }),
});

export const ListAppealsQuery = z.strictObject({
  period: Period.optional(),
  orgUnit: OrgUnitCode.optional(),
  status: z.enum(APPEAL_STATUSES).optional().openapi({ description: statusDoc }),
});

const AppealCase = z.object({
  source: z.string(),
  externalId: z.string(),
  orgUnit: z.string().nullable(),
  orgUnitName: z.string().nullable(),
  kind: z.string().nullable(),
  channel: z.string().nullable(),
  reportedAt: z.string().nullable(),
  respondedAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  deadlineAt: z.string().nullable(),
  complaint: z.boolean().nullable(),
  /** Exempt by this appeal (true once it is approved). */
  exempt: z.boolean(),
});

const AttachmentRef = z.object({
  id: z.number().int(),
  name: z.string().nullable(),
  mime: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  url: z.string(),
});

export const Appeal = z
  .object({
    id: z.number().int(),
    orgUnit: z.string(),
    orgUnitName: z.string(),
    period: z.string(),
    reason: AppealReasonEnum,
    reasonLabel: z.string(),
    note: z.string(),
    status: z.enum(APPEAL_STATUSES),
    statusLabel: z.string(),
    filedBy: z.string(),
    filedAt: z.string(),
    decision: z
      .object({
        decision: z.enum(["approved", "rejected"]),
        note: z.string(),
        decidedBy: z.string(),
        decidedAt: z.string(),
      })
      .nullable(),
    cases: z.array(AppealCase),
    attachments: z.array(AttachmentRef),
  })
  .openapi("Appeal");

export const AppealList = z
  .object({ appeals: z.array(Appeal), appealsDueAt: z.string().nullable() })
  .openapi("AppealList");
