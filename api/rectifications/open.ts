/**
 * Opening tasks (CYCLE.md "Rectification"): one for every red item of a quarter's official
 * figures when it is closed (communities and streets, and their rural peers; not grids, not
 * districts), and by hand (督办) by a leader or assessor for any unit of their scope.
 */

import type { Transaction } from "kysely";
import { INDICATOR_CODES, type IndicatorCode } from "../../metrics/index.ts";
import { LEVEL_ORDER, type OrgLevel } from "../../shapes/org-levels.ts";
import { shanghaiDate } from "../../shapes/periods.ts";
import type { DB } from "../db/database.ts";
import { RECTIFICATION_DAYS } from "../periods/rules.ts";
import { addDays } from "./dates.ts";
import { insertClosingTasks, type NewTask } from "./queries/write.ts";

/** Tiers whose red items open tasks: streets (and townships), communities (and villages). */
const TASK_TIERS = new Set([2, 3]);

/** What closing stores per unit (periods/queries.ts OfficialRow), as far as tasks need it. */
export interface OfficialUnit {
  orgUnitId: number;
  result: unknown;
}

interface ResultLike {
  level: OrgLevel;
  indicators: { code: IndicatorCode; value: number | null; status: string | null }[];
}

/** The deadline of a task opened at `openedAt`: the opening day plus {@link RECTIFICATION_DAYS}. */
export function defaultDeadline(openedAt: Date): string {
  return addDays(shanghaiDate(openedAt), RECTIFICATION_DAYS);
}

/** The red items of a closing's figures, as new tasks. */
export function redItems(period: string, rows: readonly OfficialUnit[], openedAt: Date): NewTask[] {
  const deadline = defaultDeadline(openedAt);
  const known = new Set<string>(INDICATOR_CODES);
  const out: NewTask[] = [];
  for (const row of rows) {
    const r = row.result as ResultLike;
    if (!TASK_TIERS.has(LEVEL_ORDER[r.level])) continue;
    for (const i of r.indicators) {
      if (i.status !== "red" || !known.has(i.code)) continue;
      out.push({
        orgUnitId: row.orgUnitId,
        period,
        indicator: i.code,
        valueAtOpen: i.value,
        deadline,
      });
    }
  }
  return out;
}

/**
 * Opens the tasks of a quarter being closed, inside the closing transaction; returns how many
 * were opened. Idempotent: a red item that already has a task of the quarter (an earlier close
 * before a reopen, or a manual one) gets no second.
 */
export async function openRectificationsOnClose(
  trx: Transaction<DB>,
  period: string,
  rows: readonly OfficialUnit[],
  openedAt: Date,
): Promise<number> {
  return insertClosingTasks(trx, redItems(period, rows, openedAt), openedAt);
}
