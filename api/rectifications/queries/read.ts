import { type Kysely, sql, type Transaction } from "kysely";
import type { OrgLevel } from "../../../shapes/org-levels.ts";
import type {
  RectificationDecisionKind,
  RectificationOrigin,
  RectificationStatus,
} from "../../../shapes/rectifications.ts";
import { type AttachmentInfo, attachmentInfos } from "../../attachments/queries.ts";
import type { DB } from "../../db/database.ts";

type Db = Kysely<DB> | Transaction<DB>;

/** A task as stored, with its unit's names (deadline as `YYYY-MM-DD` text). */
export interface TaskRow {
  id: number;
  orgUnitId: number;
  orgUnitCode: string;
  orgUnitName: string;
  parentName: string | null;
  level: OrgLevel;
  period: string;
  indicator: string;
  origin: RectificationOrigin;
  instruction: string;
  valueAtOpen: number | null;
  status: RectificationStatus;
  deadline: string;
  extended: boolean;
  measures: string;
  openedAt: Date;
  openedBy: string | null;
  verifiedAt: Date | null;
  notifiedOverdueAt: Date | null;
}

export interface ProgressRow {
  id: number;
  taskId: number;
  at: Date;
  by: string;
  byKey: string;
  measures: string;
  note: string;
  submitted: boolean;
}

export interface DecisionRow {
  id: number;
  taskId: number;
  at: Date;
  by: string;
  byKey: string;
  decision: RectificationDecisionKind;
  note: string;
  newDeadline: string | null;
}

/** A task with everything recorded on it. */
export interface TaskDetail extends TaskRow {
  progress: ProgressRow[];
  decisions: DecisionRow[];
  attachments: AttachmentInfo[];
}

/** The list filter: `status` `overdue` is computed against `today` (a Beijing date). */
export interface TaskFilter {
  /** Tasks of units inside every one of these subtrees (scope, orgUnit, street). */
  within?: readonly number[];
  period?: string;
  status?: RectificationStatus | "overdue";
  /** Leave out overdue tasks (the pages' 整改中 / 待验收 exclude overdue ones). */
  notOverdue?: boolean;
  today: string;
  id?: number;
  ids?: readonly number[];
  indicator?: string;
  limit?: number;
  offset?: number;
}

function filtered(db: Db, f: TaskFilter) {
  let q = db
    .selectFrom("rectification_task as t")
    .innerJoin("org_unit as u", "u.id", "t.org_unit_id")
    .leftJoin("org_unit as p", "p.id", "u.parent_id");
  for (const rootId of f.within ?? []) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom("org_closure as oc")
          .select("oc.depth")
          .where("oc.ancestor_id", "=", rootId)
          .whereRef("oc.descendant_id", "=", "t.org_unit_id"),
      ),
    );
  }
  if (f.period !== undefined) q = q.where("t.period", "=", f.period);
  if (f.indicator !== undefined) q = q.where("t.indicator", "=", f.indicator);
  if (f.status === "overdue") {
    q = q.where("t.status", "<>", "verified").where(sql<boolean>`t.deadline < ${f.today}::date`);
  } else if (f.status !== undefined) q = q.where("t.status", "=", f.status);
  if (f.notOverdue) {
    q = q.where(sql<boolean>`(t.status = 'verified' or t.deadline >= ${f.today}::date)`);
  }
  if (f.id !== undefined) q = q.where("t.id", "=", f.id);
  if (f.ids !== undefined) q = q.where("t.id", "in", f.ids.length > 0 ? [...f.ids] : [-1]);
  return q;
}

/** How many tasks `f` selects (for paging). */
export async function countTasks(db: Db, f: TaskFilter): Promise<number> {
  const row = await filtered(db, f)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** How many tasks `f` selects in each deadline state (overdue, or the stored status). */
export async function countTaskStates(
  db: Db,
  f: TaskFilter,
): Promise<Record<RectificationStatus | "overdue", number>> {
  const state = sql<string>`case when t.status <> 'verified' and t.deadline < ${f.today}::date
    then 'overdue' else t.status end`;
  const rows = await filtered(db, f)
    .select([state.as("state"), (eb) => eb.fn.countAll<number>().as("n")])
    .groupBy(sql`1`) // the state (grouping by the expression again would bind `today` twice)
    .execute();
  const out = { overdue: 0, open: 0, submitted: 0, verified: 0 };
  for (const r of rows) out[r.state as keyof typeof out] = Number(r.n);
  return out;
}

/**
 * Tasks, unverified first (the earliest deadline first), then verified ones newest first; with
 * their progress, decisions and evidence.
 */
export async function listTasks(db: Db, f: TaskFilter): Promise<TaskDetail[]> {
  const rows = await filtered(db, f)
    .select([
      "t.id",
      "t.org_unit_id as orgUnitId",
      "u.code as orgUnitCode",
      "u.name as orgUnitName",
      "p.name as parentName",
      "u.level",
      "t.period",
      "t.indicator",
      "t.origin",
      "t.instruction",
      "t.value_at_open as valueAtOpen",
      "t.status",
      sql<string>`to_char(t.deadline, 'YYYY-MM-DD')`.as("deadline"),
      "t.extended",
      "t.measures",
      "t.opened_at as openedAt",
      "t.opened_by as openedBy",
      "t.verified_at as verifiedAt",
      "t.notified_overdue_at as notifiedOverdueAt",
    ])
    .orderBy(sql`t.status = 'verified'`, "asc")
    .orderBy(sql`case when t.status <> 'verified' then t.deadline end`, "asc")
    .orderBy("t.opened_at", "desc")
    .orderBy("t.id", "asc")
    .limit(f.limit ?? 500)
    .offset(f.offset ?? 0)
    .execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [progress, decisions, links] = await Promise.all([
    progressOf(db, ids),
    decisionsOf(db, ids),
    db
      .selectFrom("rectification_attachment")
      .select(["task_id", "attachment_id"])
      .where("task_id", "in", ids)
      .orderBy("attachment_id")
      .execute(),
  ]);
  const files = new Map(
    (
      await attachmentInfos(
        db,
        links.map((l) => l.attachment_id),
      )
    ).map((a) => [a.id, a]),
  );
  return rows.map((r) => ({
    ...r,
    level: r.level as OrgLevel,
    valueAtOpen: r.valueAtOpen === null ? null : Number(r.valueAtOpen),
    openedAt: new Date(r.openedAt),
    verifiedAt: r.verifiedAt === null ? null : new Date(r.verifiedAt),
    notifiedOverdueAt: r.notifiedOverdueAt === null ? null : new Date(r.notifiedOverdueAt),
    progress: progress.filter((p) => p.taskId === r.id),
    decisions: decisions.filter((d) => d.taskId === r.id),
    attachments: links
      .filter((l) => l.task_id === r.id)
      .map((l) => files.get(l.attachment_id))
      .filter((a): a is AttachmentInfo => a !== undefined),
  }));
}

async function progressOf(db: Db, ids: number[]): Promise<ProgressRow[]> {
  const rows = await db
    .selectFrom("rectification_progress")
    .select([
      "id",
      "task_id as taskId",
      "at",
      "by_name as by",
      "by_key as byKey",
      "measures",
      "note",
      "submitted",
    ])
    .where("task_id", "in", ids)
    .orderBy("at")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({ ...r, at: new Date(r.at) }));
}

async function decisionsOf(db: Db, ids: number[]): Promise<DecisionRow[]> {
  const rows = await db
    .selectFrom("rectification_decision")
    .select([
      "id",
      "task_id as taskId",
      "at",
      "by_name as by",
      "by_key as byKey",
      "decision",
      "note",
      sql<string | null>`to_char(new_deadline, 'YYYY-MM-DD')`.as("newDeadline"),
    ])
    .where("task_id", "in", ids)
    .orderBy("at")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({ ...r, at: new Date(r.at) }));
}

/** One task (any scope) or undefined. */
export async function getTask(db: Db, id: number, today: string): Promise<TaskDetail | undefined> {
  return (await listTasks(db, { id, today }))[0];
}
