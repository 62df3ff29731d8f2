/**
 * Calendar days of rectification deadlines, Asia/Shanghai (CYCLE.md "Rectification"). A deadline
 * is a date (`YYYY-MM-DD`): the task is due by the end of that day in Beijing time. China keeps
 * UTC+8 without daylight saving, so whole days of 24 hours are exact.
 */

import { DUE_SOON_DAYS } from "../../shapes/rectifications.ts";

const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `text` is a real calendar date `YYYY-MM-DD` (not 2026-02-30). */
export function isCalendarDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

/** `date` plus `n` days (negative: earlier). addDays("2026-12-31", 1) = "2027-01-01". */
export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** Where a task stands against its deadline on `today` (a Beijing date). */
export interface DueState {
  /** The deadline's day has ended and the task is not verified. */
  overdue: boolean;
  /** Not overdue, not verified, and due within {@link DUE_SOON_DAYS} days (today counts). */
  dueSoon: boolean;
  /** Days past the deadline (0 when not overdue): the day after the deadline is day 1. */
  daysOverdue: number;
}

/**
 * The computed deadline state. A task due on 2026-11-05 is not overdue on the 5th (it has until
 * that day's end), overdue by one day on the 6th; due soon from the 2nd (3 days left) to the 5th.
 */
export function dueState(deadline: string, verified: boolean, today: string): DueState {
  if (verified) return { overdue: false, dueSoon: false, daysOverdue: 0 };
  const left = daysBetween(today, deadline);
  if (left < 0) return { overdue: true, dueSoon: false, daysOverdue: -left };
  return { overdue: false, dueSoon: left <= DUE_SOON_DAYS, daysOverdue: 0 };
}
