import { sql, type Transaction, type Updateable } from "kysely";
import type {
  RectificationDecisionKind,
  RectificationStatus,
} from "../../../shapes/rectifications.ts";
import type { DB } from "../../db/database.ts";
import type { RectificationTaskTable } from "../../db/tables/rectification.ts";

type Trx = Transaction<DB>;

export interface NewTask {
  orgUnitId: number;
  period: string;
  indicator: string;
  valueAtOpen: number | null;
  deadline: string;
}

/**
 * Inserts the tasks closing a quarter opens; returns how many were new. A red item that has a
 * task of the quarter already (opened by an earlier close, or by hand) gets none: the partial
 * unique index covers tasks of closing, the `not exists` covers manual ones.
 */
export async function insertClosingTasks(
  trx: Trx,
  tasks: readonly NewTask[],
  openedAt: Date,
): Promise<number> {
  let opened = 0;
  for (let i = 0; i < tasks.length; i += 1000) {
    const chunk = tasks.slice(i, i + 1000);
    const rows = await trx
      .insertInto("rectification_task")
      .columns([
        "org_unit_id",
        "period",
        "indicator",
        "origin",
        "value_at_open",
        "deadline",
        "opened_at",
      ])
      .expression(
        sql`select v.unit, v.period, v.indicator, 'closing', v.value, v.deadline::date, ${openedAt}::timestamptz
          from (values ${sql.join(
            chunk.map(
              (t) =>
                sql`(${t.orgUnitId}::int, ${t.period}::text, ${t.indicator}::text, ${t.valueAtOpen}::float8, ${t.deadline}::text)`,
            ),
          )}) as v(unit, period, indicator, value, deadline)
          where not exists (select 1 from rectification_task x
            where x.org_unit_id = v.unit and x.period = v.period and x.indicator = v.indicator)`,
      )
      .onConflict((oc) =>
        oc
          .columns(["org_unit_id", "period", "indicator"])
          .where("origin", "=", "closing")
          .doNothing(),
      )
      .returning("id")
      .execute();
    opened += rows.length;
  }
  return opened;
}

/** Inserts a task opened by hand (督办); returns its id. */
export async function insertManualTask(
  trx: Trx,
  t: NewTask & { instruction: string; openedBy: string; openedByKey: string; openedAt: Date },
): Promise<number> {
  const row = await trx
    .insertInto("rectification_task")
    .values({
      org_unit_id: t.orgUnitId,
      period: t.period,
      indicator: t.indicator,
      origin: "manual",
      instruction: t.instruction,
      value_at_open: t.valueAtOpen,
      deadline: t.deadline,
      opened_by: t.openedBy,
      opened_by_key: t.openedByKey,
      opened_at: t.openedAt,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The task's state, its row locked until the transaction ends (writes on one task queue up). */
export async function lockTask(trx: Trx, id: number) {
  return trx
    .selectFrom("rectification_task")
    .select([
      "id",
      "org_unit_id as orgUnitId",
      "status",
      "extended",
      sql<string>`to_char(deadline, 'YYYY-MM-DD')`.as("deadline"),
    ])
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
}

/** An unverified task of the unit, quarter and indicator, if any (a second one is refused). */
export async function unverifiedTaskOf(
  trx: Trx,
  orgUnitId: number,
  period: string,
  indicator: string,
): Promise<number | undefined> {
  const row = await trx
    .selectFrom("rectification_task")
    .select("id")
    .where("org_unit_id", "=", orgUnitId)
    .where("period", "=", period)
    .where("indicator", "=", indicator)
    .where("status", "<>", "verified")
    .executeTakeFirst();
  return row?.id;
}

export interface ProgressWrite {
  by: string;
  byKey: string;
  measures: string;
  note: string;
  submit: boolean;
  /** When it was reported (the app's clock). */
  at: Date;
}

/** Records a progress entry; non-empty measures replace the task's; `submit` moves it on. */
export async function insertProgress(trx: Trx, taskId: number, p: ProgressWrite): Promise<number> {
  const row = await trx
    .insertInto("rectification_progress")
    .values({
      task_id: taskId,
      by_name: p.by,
      by_key: p.byKey,
      measures: p.measures,
      note: p.note,
      submitted: p.submit,
      at: p.at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const set: Updateable<RectificationTaskTable> = {};
  if (p.measures !== "") set.measures = p.measures;
  if (p.submit) {
    set.status = "submitted";
    set.submitted_at = p.at;
  }
  if (Object.keys(set).length > 0) {
    await trx.updateTable("rectification_task").set(set).where("id", "=", taskId).execute();
  }
  return row.id;
}

export interface DecisionWrite {
  by: string;
  byKey: string;
  decision: RectificationDecisionKind;
  note: string;
  newDeadline: string | null;
  /** When it was decided (the app's clock: `verified_at`). */
  at: Date;
}

/** Records a decision and applies it: verify (销号), return (退回 → open) or extend. */
export async function insertDecision(trx: Trx, taskId: number, d: DecisionWrite): Promise<void> {
  await trx
    .insertInto("rectification_decision")
    .values({
      task_id: taskId,
      by_name: d.by,
      by_key: d.byKey,
      decision: d.decision,
      note: d.note,
      new_deadline: d.newDeadline,
      at: d.at,
    })
    .execute();
  const status: RectificationStatus | null =
    d.decision === "verify" ? "verified" : d.decision === "return" ? "open" : null;
  if (status === "verified") {
    await trx
      .updateTable("rectification_task")
      .set({ status, verified_at: d.at, verified_by: d.by })
      .where("id", "=", taskId)
      .execute();
  } else if (status === "open") {
    await trx
      .updateTable("rectification_task")
      .set({ status, submitted_at: null })
      .where("id", "=", taskId)
      .execute();
  } else if (d.newDeadline !== null) {
    // A new deadline: the reminder marks start again (a notice for the new one, if it passes).
    await trx
      .updateTable("rectification_task")
      .set({
        deadline: d.newDeadline,
        extended: true,
        due_soon_marked_at: null,
        overdue_marked_at: null,
        notified_overdue_at: null,
        notify_attempts: 0,
        notify_error: null,
      })
      .where("id", "=", taskId)
      .execute();
  }
}

/** Links an evidence file to a task. */
export async function linkAttachment(trx: Trx, taskId: number, attachmentId: number) {
  await trx
    .insertInto("rectification_attachment")
    .values({ task_id: taskId, attachment_id: attachmentId })
    .onConflict((oc) => oc.doNothing())
    .execute();
}
