import { z } from "@hono/zod-openapi";
import { OrgLevel } from "../../shapes/org-levels.ts";
import { Period } from "../../shapes/period-schema.ts";
import {
  DUE_SOON_DAYS,
  RECTIFICATION_DECISION_LABELS,
  RECTIFICATION_STATUS_LABELS,
  RECTIFICATION_STATUSES,
  type RectificationTask,
} from "../../shapes/rectifications.ts";
import { IndicatorCodeName } from "../../shapes/unit-result.ts";
import { int4Text, OrgUnitCode } from "../http/router.ts";
import { RECTIFICATION_DAYS } from "../periods/rules.ts";

const statusDoc = RECTIFICATION_STATUSES.map(
  (s) => `${s} (${RECTIFICATION_STATUS_LABELS[s]})`,
).join(", ");
const decisionDoc = (["verify", "return", "extend"] as const)
  .map((d) => `${d} (${RECTIFICATION_DECISION_LABELS[d]})`)
  .join(", ");

const Text = (max: number) => z.string().trim().max(max, `最多 ${max} 个字`);
const DateText = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "须为 YYYY-MM-DD 格式的日期")
  .openapi({ example: "2027-01-05", description: "A date, Asia/Shanghai (due by that day's end)" });

/** POST /rectifications (督办). */
export const OpenTaskInput = z
  .strictObject({
    orgUnit: OrgUnitCode,
    period: Period,
    indicator: IndicatorCodeName,
    instruction: Text(2000).min(1, "请填写批示").openapi({ description: "The leader's 批示" }),
    deadline: DateText.optional().openapi({
      description: `Default: today + ${RECTIFICATION_DAYS} days; not in the past`,
    }),
  })
  .openapi("RectificationOpenInput");

/** POST /rectifications/{id}/progress. */
export const ProgressInput = z
  .strictObject({
    measures: Text(4000)
      .default("")
      .openapi({ description: "整改措施 (replaces the task's when given)" }),
    note: Text(2000).default(""),
    submit: z.boolean().default(false).openapi({
      description:
        "true: report the task done (open → submitted, 待验收); entries without it keep the task open",
    }),
  })
  .openapi("RectificationProgressInput");

/** POST /rectifications/{id}/decision. */
export const DecisionInput = z
  .strictObject({
    decision: z
      .enum(["verify", "return", "extend"], { message: "须为 verify、return 或 extend" })
      .openapi({ description: decisionDoc }),
    note: Text(2000).default(""),
    newDeadline: DateText.optional().openapi({
      description: "Extends the deadline (once per task, with a reason in `note`); not in the past",
    }),
  })
  .openapi("RectificationDecisionInput");

export const TaskParams = z.object({
  id: int4Text(1).openapi({ param: { name: "id", in: "path" }, example: 1 }),
});

export const ListTasksQuery = z.strictObject({
  period: Period.optional(),
  orgUnit: OrgUnitCode.optional(),
  street: OrgUnitCode.optional().openapi({ description: "Only tasks inside this street" }),
  status: z
    .enum([...RECTIFICATION_STATUSES, "overdue"])
    .optional()
    .openapi({ description: `${statusDoc}; overdue (已逾期): deadline passed, not verified` }),
  indicator: IndicatorCodeName.optional().openapi({ description: "Only tasks on this indicator" }),
  page: int4Text(1).optional().openapi({ description: "1-based; default 1" }),
  pageSize: int4Text(1)
    .max(200, "每页最多 200 条")
    .optional()
    .openapi({ description: "default 50" }),
});

export const SummaryQuery = z.strictObject({
  period: Period.optional().openapi({
    description:
      "`verifiedThisQuarter` counts verifications in this quarter; default: the current one",
  }),
  orgUnit: OrgUnitCode.optional(),
});

const Status = z.enum(RECTIFICATION_STATUSES);
const TrendPoint = z.object({
  period: z.string(),
  value: z.number().nullable(),
  status: z.enum(["green", "amber", "red"]).nullable(),
  official: z.boolean(),
});

export const Task = z
  .object({
    id: z.number().int(),
    orgUnit: z.string(),
    orgUnitName: z.string(),
    parentName: z.string().nullable(),
    level: OrgLevel,
    period: z.string(),
    indicator: IndicatorCodeName,
    origin: z.enum(["closing", "manual"]),
    instruction: z.string(),
    valueAtOpen: z.number().nullable(),
    status: Status.openapi({ description: statusDoc }),
    overdue: z.boolean(),
    dueSoon: z.boolean().openapi({ description: `Due within ${DUE_SOON_DAYS} days` }),
    daysOverdue: z.number().int(),
    openedAt: z.string(),
    openedBy: z.string().nullable(),
    deadline: z.string(),
    extended: z.boolean(),
    measures: z.string(),
    progress: z.array(
      z.object({
        id: z.number().int(),
        at: z.string(),
        by: z.string(),
        measures: z.string(),
        note: z.string(),
      }),
    ),
    attachments: z.array(
      z.object({
        id: z.number().int(),
        filename: z.string(),
        contentType: z.string(),
        size: z.number().int(),
      }),
    ),
    decisions: z.array(
      z.object({
        at: z.string(),
        by: z.string(),
        decision: z.enum(["verify", "return", "extend"]),
        note: z.string(),
        newDeadline: z.string().nullable(),
      }),
    ),
    trend: z.array(TrendPoint),
    recovered: z.boolean().nullable(),
  })
  .openapi("RectificationTask");

// The schema states the shared shape exactly (both ways).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _same: Same<z.infer<typeof Task>, RectificationTask> = true;
void _same;

export const TaskPage = z
  .object({
    tasks: z.array(Task),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .openapi("RectificationTaskPage");

export const TaskCreated = z
  .object({ id: z.number().int(), status: z.literal("open"), deadline: z.string() })
  .openapi("RectificationCreated");

export const Summary = z
  .object({
    open: z.number().int(),
    submitted: z.number().int(),
    overdue: z.number().int(),
    dueSoon: z.number().int(),
    verifiedThisQuarter: z.number().int(),
    recoveryRate: z.number().nullable().openapi({
      description:
        "Share (0–1) of tasks whose unit is no longer red in a later quarter, among tasks with a later quarter's status",
    }),
  })
  .openapi("RectificationSummary");

export const WebhookInput = z
  .strictObject({
    kind: z.enum(["wecom", "dingtalk"], { message: "须为 wecom（企业微信）或 dingtalk（钉钉）" }),
    url: z.string().max(1000, "最多 1000 个字符"),
  })
  .openapi("OrgUnitWebhookInput");

export const Webhook = z
  .object({
    orgUnit: z.string(),
    kind: z.enum(["wecom", "dingtalk"]).nullable(),
    url: z.string().nullable(),
    updatedAt: z.string().nullable(),
    updatedBy: z.string().nullable(),
  })
  .openapi("OrgUnitWebhook");

export const WebhookParams = z.object({
  code: OrgUnitCode.openapi({ param: { name: "code", in: "path" } }),
});
