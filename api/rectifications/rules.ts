/**
 * The rules of CYCLE.md "Rectification": who opens, works and decides a task, and when. Every
 * refusal is a typed error with a Chinese message, raised before anything is written (each write
 * runs in one transaction that locks the task's row first).
 */
import type { Kysely, Transaction } from "kysely";
import type { IndicatorCode } from "../../metrics/index.ts";
import { formatPeriod, type Quarter, quarterStart, shanghaiDate } from "../../shapes/periods.ts";
import {
  RECTIFICATION_STATUS_LABELS,
  type RectificationStatus,
} from "../../shapes/rectifications.ts";
import { creatorKey, type Principal } from "../access/principal.ts";
import type { DB } from "../db/database.ts";
import { Conflict, Forbidden, Invalid, NotFound } from "../errors.ts";
import type { IndicatorEngine } from "../indicators/engine.ts";
import { findUnitByCode, isInSubtree } from "../org-tree/queries.ts";
import { isCalendarDate } from "./dates.ts";
import { defaultDeadline } from "./open.ts";
import {
  insertDecision,
  insertManualTask,
  insertProgress,
  lockTask,
  unverifiedTaskOf,
} from "./queries/write.ts";
import { quarterPoints } from "./trend.ts";

type Locked = NonNullable<Awaited<ReturnType<typeof lockTask>>>;

const notFound = (id: number) => new NotFound(`没有编号为 ${id} 的整改任务`);

/** Whether `principal`'s scope holds unit `unitId` (a city-wide caller's does). */
export async function inScope(
  db: Kysely<DB> | Transaction<DB>,
  principal: Principal,
  unitId: number,
) {
  return principal.scopeUnitId === null || isInSubtree(db, principal.scopeUnitId, unitId);
}

/**
 * Runs `write` on task `id` inside a transaction holding the task's row lock, once the task is
 * found and inside the caller's scope (404 otherwise: a task outside one's subtree is not shown).
 */
export async function withTask<T>(
  db: Kysely<DB>,
  principal: Principal,
  id: number,
  write: (trx: Transaction<DB>, task: Locked) => Promise<T>,
): Promise<T> {
  return db.transaction().execute(async (trx) => {
    const task = await lockTask(trx, id);
    if (!task || !(await inScope(trx, principal, task.orgUnitId))) throw notFound(id);
    return write(trx, task);
  });
}

export interface ManualOpening {
  orgUnit: string;
  period: Quarter;
  indicator: IndicatorCode;
  instruction: string;
  deadline?: string | undefined;
}

/** Checks a deadline a person typed: a real date, not before `today`. */
function checkDeadline(path: string, date: string, today: string): void {
  if (!isCalendarDate(date)) {
    throw new Invalid(`期限 ${date} 不是有效日期`, [
      { path, message: "须为 YYYY-MM-DD 格式的日期" },
    ]);
  }
  if (date < today) {
    throw new Invalid(`期限 ${date} 已过，不能早于今天（${today}）`, [
      { path, message: `不能早于今天（${today}）` },
    ]);
  }
}

/**
 * Opens a task by hand (督办) for a unit of the caller's scope: the quarter must have begun; the
 * deadline (default: today + rectificationDays) must not be past; a second unverified task of
 * the same unit, quarter and indicator is refused (409). The value at opening is the
 * indicator's value for the unit in the quarter (official when closed, else live).
 */
export async function openManualTask(
  engine: IndicatorEngine,
  principal: Principal,
  o: ManualOpening,
  now: Date,
): Promise<number> {
  const db = engine.db;
  const unit = await findUnitByCode(db, o.orgUnit);
  if (!unit) {
    throw new Invalid(`没有编码为 ${o.orgUnit} 的单位`, [
      { path: "body.orgUnit", message: "没有这个单位" },
    ]);
  }
  if (!(await inScope(db, principal, unit.id))) {
    throw new Forbidden(`单位 ${unit.name}（${unit.code}）不在您的管辖范围内，不能对其督办`);
  }
  const period = formatPeriod(o.period);
  if (quarterStart(o.period).getTime() > now.getTime()) {
    throw new Invalid(`${period} 尚未开始，不能督办`, [
      { path: "body.period", message: "季度尚未开始" },
    ]);
  }
  const today = shanghaiDate(now);
  if (o.deadline !== undefined) checkDeadline("body.deadline", o.deadline, today);
  const points = await quarterPoints(engine, o.period, [unit.id]);
  const valueAtOpen = points.get(unit.id)?.get(o.indicator)?.value ?? null;
  return db.transaction().execute(async (trx) => {
    const existing = await unverifiedTaskOf(trx, unit.id, period, o.indicator);
    if (existing !== undefined) {
      throw new Conflict(
        `${unit.name} ${period} 的该指标已有未销号的整改任务 #${existing}，不能重复督办`,
      );
    }
    return insertManualTask(trx, {
      orgUnitId: unit.id,
      period,
      indicator: o.indicator,
      valueAtOpen,
      deadline: o.deadline ?? defaultDeadline(now),
      instruction: o.instruction,
      openedBy: principal.name,
      openedByKey: creatorKey(principal),
      openedAt: now,
    });
  });
}

/** Refuses any work on a verified task (409). */
export function assertNotVerified(task: { id: number; status: RectificationStatus }, what: string) {
  if (task.status === "verified") {
    throw new Conflict(`整改任务 #${task.id} 已销号，不能再${what}`);
  }
}

export interface ProgressInput {
  measures: string;
  note: string;
  /** Report the task done (open → submitted) with this entry. */
  submit: boolean;
}

/**
 * Records progress on a task of the caller's scope (the unit's clerk or leader, or a superior's
 * clerk or leader working for it). Entries keep the task open; `submit: true` moves it to
 * submitted (待验收) and needs measures (in this entry or earlier ones). A verified task takes
 * none (409); a submitted one takes notes but no second submission (409).
 */
export async function addProgress(
  db: Kysely<DB>,
  principal: Principal,
  id: number,
  p: ProgressInput,
  now: Date,
): Promise<number> {
  return withTask(db, principal, id, async (trx, task) => {
    assertNotVerified(task, "报送整改进展");
    if (p.submit && task.status === "submitted") {
      throw new Conflict(`整改任务 #${id} 已提交，正在等待验收，不能重复提交`);
    }
    if (p.measures === "" && p.note === "" && !p.submit) {
      throw new Invalid("请填写整改措施或进展说明", [
        { path: "body.measures", message: "整改措施和进展说明不能都为空" },
      ]);
    }
    if (p.submit && p.measures === "") {
      const prior = await trx
        .selectFrom("rectification_task")
        .select("measures")
        .where("id", "=", id)
        .executeTakeFirstOrThrow();
      if (prior.measures === "") {
        throw new Invalid("提交验收前须填写整改措施", [
          { path: "body.measures", message: "提交验收须有整改措施" },
        ]);
      }
    }
    return insertProgress(trx, id, {
      by: principal.name,
      byKey: creatorKey(principal),
      ...p,
      at: now,
    });
  });
}

export interface DecisionInput {
  decision: "verify" | "return" | "extend";
  note: string;
  newDeadline?: string | undefined;
}

/**
 * Whether the caller may decide on unit `unitId`'s tasks: their scope must strictly contain it
 * (a city-wide caller's does). A unit never verifies itself.
 */
async function decisionScope(trx: Transaction<DB>, principal: Principal, unitId: number) {
  if (principal.scopeUnitId === null) return "decide";
  if (principal.scopeUnitId === unitId) return "own";
  return (await isInSubtree(trx, principal.scopeUnitId, unitId)) ? "decide" : "outside";
}

/**
 * A verifier's decision: `verify` (销号) or `return` (退回, with a reason) a submitted task;
 * `extend` its deadline once, with a reason (a `return` with `newDeadline` extends too). The
 * unit itself never decides (403), nor does whoever submitted the task; a verified task takes no
 * decision (409); a second extension is refused (409); a new deadline must be a date not past and
 * later than the current one (422).
 */
export async function decideTask(
  db: Kysely<DB>,
  principal: Principal,
  id: number,
  d: DecisionInput,
  now: Date,
): Promise<void> {
  const today = shanghaiDate(now);
  await db.transaction().execute(async (trx) => {
    const task = await lockTask(trx, id);
    if (!task) throw notFound(id);
    const scope = await decisionScope(trx, principal, task.orgUnitId);
    if (scope === "outside") throw notFound(id);
    if (scope === "own") {
      throw new Forbidden("不能验收本单位的整改任务，应由上级单位或评估方验收");
    }
    assertNotVerified(task, "审核");
    const extending = d.newDeadline !== undefined;
    if (d.decision === "verify" && extending) {
      throw new Invalid("验收销号时不能延期", [
        { path: "body.newDeadline", message: "销号不需要新期限" },
      ]);
    }
    if (d.decision === "extend" && !extending) {
      throw new Invalid("延期须给出新的期限", [
        { path: "body.newDeadline", message: "请填写新的期限" },
      ]);
    }
    if ((d.decision !== "verify" || extending) && d.note.trim() === "") {
      throw new Invalid(d.decision === "return" ? "退回须说明理由" : "延期须说明理由", [
        { path: "body.note", message: "请填写理由" },
      ]);
    }
    if (d.decision !== "extend" && task.status !== "submitted") {
      throw new Conflict(
        `整改任务 #${id} 为“${RECTIFICATION_STATUS_LABELS[task.status]}”，单位尚未提交整改情况，不能${d.decision === "verify" ? "验收" : "退回"}`,
      );
    }
    if (d.decision === "verify") await assertNotSubmitter(trx, principal, id);
    if (d.newDeadline !== undefined) {
      checkDeadline("body.newDeadline", d.newDeadline, today);
      if (task.extended) throw new Conflict(`整改任务 #${id} 已延期一次，不能再次延期`);
      if (d.newDeadline <= task.deadline) {
        throw new Invalid(`新期限须晚于原期限 ${task.deadline}`, [
          { path: "body.newDeadline", message: `须晚于原期限 ${task.deadline}` },
        ]);
      }
    }
    const who = { by: principal.name, byKey: creatorKey(principal), at: now };
    if (d.decision !== "extend") {
      await insertDecision(trx, id, {
        ...who,
        decision: d.decision,
        note: d.note,
        newDeadline: null,
      });
    }
    if (d.newDeadline !== undefined) {
      await insertDecision(trx, id, {
        ...who,
        decision: "extend",
        note: d.note,
        newDeadline: d.newDeadline,
      });
    }
  });
}

/** Whoever submitted the task does not verify it (their own word would close it). */
async function assertNotSubmitter(trx: Transaction<DB>, principal: Principal, id: number) {
  const last = await trx
    .selectFrom("rectification_progress")
    .select("by_key")
    .where("task_id", "=", id)
    .where("submitted", "=", true)
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  if (last?.by_key === creatorKey(principal)) {
    throw new Forbidden("不能验收自己提交的整改任务，应由其他上级或评估方验收");
  }
}
