/**
 * The rectification panel's counts (overview, unit pages): open, submitted, overdue, due soon,
 * verified this quarter and the recovery rate, over the tasks of a subtree (and a quarter).
 */
import { quarterEnd, quarterOf, quarterStart, shanghaiDate } from "../../shapes/periods.ts";
import { dueState } from "./dates.ts";
import { type LedgerDeps, type LedgerQuery, taskFilter, trendsOf } from "./ledger.ts";
import { recoveredFrom } from "./present.ts";
import { listTasks } from "./queries/read.ts";

export interface RectificationSummary {
  /** Stored status open (整改中), overdue or not. */
  open: number;
  /** Submitted, waiting for verification (待验收). */
  submitted: number;
  /** Deadline passed, not verified (open or submitted). */
  overdue: number;
  /** Due within DUE_SOON_DAYS days, not overdue, not verified. */
  dueSoon: number;
  /** Verified (销号) during the quarter `now` falls in. */
  verifiedThisQuarter: number;
  /** Recovered ÷ tasks whose unit has a later quarter's status; null when none has. */
  recoveryRate: number | null;
}

/**
 * The counts over the tasks `q` selects (`period`: tasks opened for that quarter; `orgUnit` and
 * `scopeUnitId`: of that subtree). Recovery follows each task's trend (official figures of closed
 * quarters, live otherwise).
 */
export async function rectificationSummary(
  deps: LedgerDeps,
  q: Pick<LedgerQuery, "period" | "orgUnit" | "scopeUnitId">,
): Promise<RectificationSummary> {
  const now = deps.now ?? new Date();
  const today = shanghaiDate(now);
  const current = quarterOf(now);
  const [from, to] = [quarterStart(current).getTime(), quarterEnd(current).getTime()];
  const filter = await taskFilter(deps.engine.db, q, today);
  const rows = await listTasks(deps.engine.db, { ...filter, limit: 100_000 });
  const out: RectificationSummary = {
    open: 0,
    submitted: 0,
    overdue: 0,
    dueSoon: 0,
    verifiedThisQuarter: 0,
    recoveryRate: null,
  };
  for (const t of rows) {
    if (t.status === "open") out.open += 1;
    if (t.status === "submitted") out.submitted += 1;
    const due = dueState(t.deadline, t.status === "verified", today);
    if (due.overdue) out.overdue += 1;
    if (due.dueSoon) out.dueSoon += 1;
    const at = t.verifiedAt?.getTime();
    if (t.status === "verified" && at !== undefined && at >= from && at < to) {
      out.verifiedThisQuarter += 1;
    }
  }
  const trends = await trendsOf(deps.engine, rows, now);
  let known = 0;
  let recovered = 0;
  for (const t of rows) {
    const r = recoveredFrom(t.period, trends.get(t.id) ?? []);
    if (r === null) continue;
    known += 1;
    if (r) recovered += 1;
  }
  out.recoveryRate = known === 0 ? null : recovered / known;
  return out;
}
