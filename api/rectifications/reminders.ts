/**
 * The daily rectification reminder (issue 19): marks tasks due within DUE_SOON_DAYS days and
 * tasks newly overdue, and sends each newly overdue task's notice to its unit's nearest group
 * robot (webhooks.ts) once. A plain function over the database, so croner in Node
 * ({@link startRectificationReminders}) and the Worker's `scheduled()` handler run the very same
 * job. A failed send is logged and left unmarked, so the next run retries it; nothing here throws
 * for a robot's failure.
 */

import { Cron } from "croner";
import { type Kysely, sql } from "kysely";
import { shanghaiDate } from "../../shapes/periods.ts";
import { DUE_SOON_DAYS } from "../../shapes/rectifications.ts";
import type { DB } from "../db/database.ts";
import { cronOptions, DEFAULT_REMINDER_CRON } from "../jobs/cron.ts";
import type { Logger } from "../logger.ts";
import { addDays, daysBetween } from "./dates.ts";
import { nearestWebhooks, noticeText, sendWebhook } from "./webhooks.ts";

export interface ReminderOutcome {
  today: string;
  /** Tasks newly marked due soon by this run. */
  dueSoon: number;
  /** Tasks newly marked overdue by this run. */
  overdue: number;
  /** Notices the robots took. */
  notified: number;
  /** Notices that failed (retried next run). */
  failed: number;
  /** Overdue tasks without a webhook on their unit or any ancestor. */
  withoutWebhook: number;
}

/** Runs the reminder once for the Beijing day of `now`. */
export async function runRectificationReminders(
  db: Kysely<DB>,
  opts: { now: Date; logger?: Logger | undefined; fetch?: typeof fetch },
): Promise<ReminderOutcome> {
  const today = shanghaiDate(opts.now);
  const soon = await db
    .updateTable("rectification_task")
    .set({ due_soon_marked_at: opts.now })
    .where("status", "<>", "verified")
    .where("due_soon_marked_at", "is", null)
    .where(sql<boolean>`deadline >= ${today}::date`)
    .where(sql<boolean>`deadline <= ${addDays(today, DUE_SOON_DAYS)}::date`)
    .returning("id")
    .execute();
  const overdue = await db
    .updateTable("rectification_task")
    .set({ overdue_marked_at: opts.now })
    .where("status", "<>", "verified")
    .where("overdue_marked_at", "is", null)
    .where(sql<boolean>`deadline < ${today}::date`)
    .returning("id")
    .execute();
  // Every overdue task not yet notified: the newly overdue and those whose send failed before.
  const pending = await db
    .selectFrom("rectification_task as t")
    .innerJoin("org_unit as u", "u.id", "t.org_unit_id")
    .leftJoin("org_unit as p", "p.id", "u.parent_id")
    .select([
      "t.id",
      "t.org_unit_id as unitId",
      "u.name as unitName",
      "p.name as parentName",
      "t.period",
      "t.indicator",
      sql<string>`to_char(t.deadline, 'YYYY-MM-DD')`.as("deadline"),
    ])
    .where("t.status", "<>", "verified")
    .where("t.notified_overdue_at", "is", null)
    .where(sql<boolean>`t.deadline < ${today}::date`)
    .orderBy("t.id")
    .execute();
  const hooks = await nearestWebhooks(
    db,
    pending.map((t) => t.unitId),
  );
  const outcome: ReminderOutcome = {
    today,
    dueSoon: soon.length,
    overdue: overdue.length,
    notified: 0,
    failed: 0,
    withoutWebhook: 0,
  };
  for (const t of pending) {
    const hook = hooks.get(t.unitId);
    if (!hook) {
      outcome.withoutWebhook += 1;
      continue;
    }
    const text = noticeText({ ...t, daysOverdue: daysBetween(t.deadline, today) });
    const error = await sendWebhook(hook, text, opts.fetch);
    if (error === null) {
      outcome.notified += 1;
      await db
        .updateTable("rectification_task")
        .set((eb) => ({
          notified_overdue_at: opts.now,
          notify_attempts: eb("notify_attempts", "+", 1),
          notify_error: null,
        }))
        .where("id", "=", t.id)
        .execute();
    } else {
      outcome.failed += 1;
      opts.logger?.warn({ task: t.id, error }, "overdue notice not delivered; retried next run");
      await db
        .updateTable("rectification_task")
        .set((eb) => ({ notify_attempts: eb("notify_attempts", "+", 1), notify_error: error }))
        .where("id", "=", t.id)
        .execute();
    }
  }
  opts.logger?.info({ ...outcome }, "rectification reminders run");
  return outcome;
}

/** A running reminder schedule. */
export interface ReminderHandle {
  nextRun(): Date | null;
  stop(): Promise<void>;
}

/**
 * Starts the daily reminder with croner in this process (Node). A failed run is logged; the next
 * day's runs as usual. A run still going when the next is due makes that one wait (`protect`).
 */
export function startRectificationReminders(opts: {
  db: Kysely<DB>;
  cron?: string;
  timeZone: string;
  logger?: Logger | undefined;
}): ReminderHandle {
  const cron = opts.cron ?? DEFAULT_REMINDER_CRON;
  const job = new Cron(
    cron,
    { ...cronOptions(opts.timeZone), protect: true, unref: true },
    async (self: Cron) => {
      try {
        await runRectificationReminders(opts.db, {
          now: self.currentRun() ?? new Date(),
          logger: opts.logger,
        });
      } catch (err) {
        opts.logger?.error({ err }, "rectification reminder run failed");
      }
    },
  );
  opts.logger?.info({ cron, timeZone: opts.timeZone, next: job.nextRun() }, "reminders started");
  return { nextRun: () => job.nextRun(), stop: async () => job.stop() };
}
