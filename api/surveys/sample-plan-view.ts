/**
 * The sample-progress parts' view model (web/components/sample-progress.tsx) from the sample plans:
 * for the dashboard's 抽样进度 card and for a clerk's page, which place `SamplePlanCard` (or one
 * `SampleProgressBar`) with what this returns.
 */
import type { Kysely } from "kysely";
import { periodLabel } from "../../shapes/format.ts";
import type { Quarter } from "../../shapes/periods.ts";
import type { SamplePlans } from "../../shapes/sample-plans.ts";
import type { SamplePlanView } from "../../web/components/sample-progress.tsx";
import type { DB } from "../db/database.ts";
import { satisfactionPlans } from "./sample-plan.ts";

/** How many communities the dashboard's card lists (those furthest from their target first). */
export const SAMPLE_ROWS_SHOWN = 6;

/** The card's view of `plans`: the `shown` communities with the least progress, then by code. */
export function samplePlanViewOf(plans: SamplePlans, shown = SAMPLE_ROWS_SHOWN): SamplePlanView {
  const rows = plans.plans
    .map((p) => ({
      code: p.orgUnit.code,
      name: p.orgUnit.name,
      collected: p.collected,
      target: p.target,
      share: p.share,
      met: p.met,
    }))
    .sort(
      (a, b) =>
        (a.share ?? Number.POSITIVE_INFINITY) - (b.share ?? Number.POSITIVE_INFINITY) ||
        a.code.localeCompare(b.code),
    );
  return {
    periodLabel: periodLabel(plans.period),
    communities: plans.summary.communities,
    met: plans.summary.met,
    collected: plans.summary.collected,
    target: plans.summary.target,
    rows: rows.slice(0, shown),
    more: Math.max(rows.length - shown, 0),
  };
}

/**
 * The satisfaction survey's sample progress of `unit` (its communities; a community: itself; a
 * grid: its community) in quarter `q`; null when the instance has no satisfaction survey. The
 * caller has checked the unit against the principal's scope.
 *
 * @example
 * ```ts
 * const view = await samplePlanView(db, unit, { year: 2026, quarter: 3 });
 * // <SamplePlanCard view={view} /> or <SampleProgressBar row={view.rows[0]} />
 * ```
 */
export async function samplePlanView(
  db: Kysely<DB>,
  unit: { id: number; code: string; name: string; level: string },
  q: Quarter,
  shown = SAMPLE_ROWS_SHOWN,
): Promise<SamplePlanView | null> {
  const plans = await satisfactionPlans(db, unit, q);
  return plans ? samplePlanViewOf(plans, shown) : null;
}
