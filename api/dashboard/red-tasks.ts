/**
 * The red-items page's rectification columns (issue 19): each red item with the task of its unit
 * and indicator (status, owner unit, deadline, days overdue), for roles that read the ledger.
 */

import type { TaskStateFilter } from "../../web/pages/rectification-model.ts";
import type { RedItemView } from "../../web/pages/red-items-model.ts";
import { can } from "../access/permissions.ts";
import type { Resolved } from "./context.ts";
import { tasksOf } from "./rectification-pages.ts";
import { redItemTasks } from "./rectification-views.ts";

const FILTERS: readonly string[] = ["none", "open", "submitted", "verified", "overdue"];

/** The red items with `task` set (null: none); unchanged when the role may not read tasks. */
export async function withTasks(
  page: Resolved,
  red: readonly RedItemView[],
  now: Date,
): Promise<RedItemView[]> {
  if (!can(page.principal.role, "rectifications.read")) return [...red];
  const byKey = redItemTasks(await tasksOf(page, now), page.ctx.period, page.unit.code);
  return red.map((i) => ({ ...i, task: byKey.get(`${i.unitCode}\u0000${i.code}`) ?? null }));
}

/** The `task` filter of a query string (none, open, submitted, verified, overdue). */
export function parseTaskFilter(text: string | undefined): TaskStateFilter | null {
  return text && FILTERS.includes(text) ? (text as TaskStateFilter) : null;
}

/** Whether item `i` passes the task filter `f`. */
export function taskMatches(i: RedItemView, f: TaskStateFilter | null | undefined): boolean {
  if (!f) return true;
  if (f === "none") return !i.task;
  return i.task?.state === f;
}
