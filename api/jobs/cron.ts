/**
 * Five-field cron expressions (minute hour day-of-month month day-of-week) read in a time zone,
 * through croner (pinned in package.json): it validates them, computes their next runs and, in
 * Node, runs the schedule (report-schedule.ts). croner has no dependencies and uses only `Intl`,
 * so the Worker build can validate REPORT_CRON with it too. Fields take `*`, numbers, ranges,
 * lists and steps (and croner's `L`, `W`, `#`); day of week 0–7 (0 and 7 are Sunday). As in Vixie
 * cron, when both day of month and day of week are restricted a day matching either one runs.
 */
import { Cron, type CronOptions } from "croner";

/**
 * The report schedule's default: 02:00 on the 5th of the month after each quarter ends (5 April,
 * 5 July, 5 October, 5 January), read in Asia/Shanghai. "The 5th day after the quarter ends" is
 * taken as the 5th calendar day of the new quarter (the 1st is day 1), which leaves the platforms
 * four full days to send late data before the drafts are made.
 */
export const DEFAULT_REPORT_CRON = "0 2 5 1,4,7,10 *";

/** The daily rectification reminder (api/rectifications/reminders.ts): 09:00, Asia/Shanghai. */
export const DEFAULT_REMINDER_CRON = "0 9 * * *";

/** How every expression here is read: five fields, day of month OR day of week. */
export function cronOptions(timeZone: string): CronOptions {
  return { mode: "5-part", domAndDow: false, timezone: timeZone };
}

/** Why an expression is not a valid cron expression, or null when it is. */
export function cronProblem(expression: string): string | null {
  try {
    new Cron(expression, cronOptions("Asia/Shanghai"));
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

/**
 * The next `n` run times of `cron` strictly after `from`, reading the expression in time zone
 * `timeZone` (IANA name). A run whose wall-clock time does not exist (a daylight-saving gap)
 * happens at the first time after the gap, as in Vixie cron; an expression that never fires
 * (31 February) gives none. Throws croner's error for a malformed expression.
 *
 * @example
 * ```ts
 * nextRuns("0 2 5 1,4,7,10 *", new Date("2026-11-23T00:00:00Z"), 2, "Asia/Shanghai");
 * // [2027-01-04T18:00:00.000Z (05 Jan 02:00 in Shanghai), 2027-04-04T18:00:00.000Z]
 * ```
 */
export function nextRuns(cron: string, from: Date, n: number, timeZone = "Asia/Shanghai"): Date[] {
  return new Cron(cron, cronOptions(timeZone)).nextRuns(n, from);
}
