/**
 * The rectification view types the dashboard's own models refer to (the red items' task, the
 * overview's panel), apart from rectification-model.ts so neither model imports the other.
 */

/** A task's standing as the badges show it: overdue wins over the stored status. */
export type TaskStateKey = "open" | "submitted" | "verified" | "overdue";

/** The ledger's status filter: a standing, or "none" (red items without a task, red-items page). */
export type TaskStateFilter = TaskStateKey | "none";

/** The overview's rectification panel (GET /api/v1/rectifications/summary). */
export interface RectificationPanelView {
  open: number;
  submitted: number;
  overdue: number;
  dueSoon: number;
  verifiedThisQuarter: number;
  /** Recovered ÷ tasks with a later quarter's status, as a percentage text; "—" when none. */
  recoveryRate: string;
  ledgerHref: string;
}

/** A red item's task (red-items page); null on the item when it has none. */
export interface RedItemTaskView {
  id: number;
  href: string;
  state: TaskStateKey;
  stateLabel: string;
  ownerName: string;
  deadline: string;
  daysOverdue: number;
}
