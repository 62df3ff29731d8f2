/**
 * Quarterly returns (季度填报) as COPY text rows for `unit_return`: one per community and quarter,
 * except the communities flagged to miss the latest quarter.
 */
import { formatTimestamp } from "./copy-format.ts";
import type { DemoPlan, Quarter } from "./options.ts";
import { intBetween, normal, type Rng, streamFor } from "./prng.ts";
import { quarterOrdinal, quarterParams } from "./profile.ts";
import type { Community } from "./tree.ts";

const RETURN_STREAM = 4;
const DAY = 86_400_000;

/** Share of a year's cases that end resolved (the budget is sized on resolved cases). */
const RESOLVED_SHARE = 0.97;

function binomial(rng: Rng, n: number, p: number): number {
  let k = 0;
  for (let i = 0; i < n; i++) if (rng() < p) k++;
  return k;
}

/** Whether the community filed a return for quarter `qi`. */
export function filesReturn(plan: DemoPlan, c: Community, qi: number): boolean {
  return !(c.missesLatestReturn && qi === plan.quarters.length - 1);
}

/** Rows for `RETURN_COLUMNS` (scripts/demo/queries.ts). */
export function* returnRows(
  plan: DemoPlan,
  communities: readonly Community[],
  unitIds: ReadonlyMap<string, number>,
  counts: Int32Array,
): Generator<string> {
  const nq = plan.quarters.length;
  for (const c of communities) {
    const unitId = unitIds.get(c.code);
    if (unitId === undefined) throw new Error(`returnRows: unit ${c.code} was not written`);
    // The year's budget is set once, from the community's mid-year cost and spending pace.
    const budgetByYear = new Map<number, number>();
    const yearCases = new Map<number, number[]>();
    plan.quarters.forEach((q, qi) => {
      const list = yearCases.get(q.year) ?? [];
      list.push(counts[c.index * nq + qi] ?? 0);
      yearCases.set(q.year, list);
    });
    for (const [year, list] of yearCases) {
      const mid = quarterParams(plan, c.index, c.latent, quarterOrdinal(year, 2.5));
      const meanCases = list.reduce((s, n) => s + n, 0) / list.length;
      const yearly = (4 * mid.unitCost * meanCases * RESOLVED_SHARE) / mid.fundExecution;
      budgetByYear.set(year, Math.round(yearly / 1000) * 1000);
    }
    for (let qi = 0; qi < nq; qi++) {
      if (!filesReturn(plan, c, qi)) continue;
      const q = plan.quarters[qi] as Quarter;
      const rng = streamFor(plan.seed, RETURN_STREAM, c.index, qi);
      const p = quarterParams(plan, c.index, c.latent, quarterOrdinal(q.year, q.quarter));
      const cases = counts[c.index * nq + qi] ?? 0;
      const yearPop = c.populationByYear.get(q.year) ?? 0;
      const population = Math.round(yearPop * (1 + 0.002 * (q.quarter - 2.5)));
      const budget = budgetByYear.get(q.year) ?? 0;
      const spent = Math.round(p.unitCost * cases * RESOLVED_SHARE * Math.exp(0.08 * normal(rng)));
      const positions = Math.max(3, Math.round((population * p.positionsPer10k) / 10_000));
      const workers = Math.min(positions, Math.round(positions * p.fill));
      const meetings = Math.max(1, Math.round(3 + 10 * p.participation + normal(rng)));
      const raised = meetings * intBetween(rng, 1, 3);
      const resolved = binomial(rng, raised, p.consultationResolved);
      const participants = Math.round(population * p.participation * Math.exp(0.1 * normal(rng)));
      const volunteers = Math.round(population * p.volunteers);
      const volunteerHours = Math.round(volunteers * (2 + 8 * rng()) * 10) / 10;
      const platform = Math.round(population * p.platformUsers * Math.exp(0.05 * normal(rng)));
      const training = workers * intBetween(rng, 4, 16);
      const filed = q.endMs + intBetween(rng, 2, 12) * DAY + intBetween(rng, 9, 17) * 3_600_000;
      yield `${unitId}\t${q.year}\t${q.quarter}\t${population}\t${budget}\t${spent}\t${workers}\t${positions}\t${training}\t${meetings}\t${raised}\t${resolved}\t${participants}\t${volunteers}\t${volunteerHours}\t${platform}\tdemo-seed\t${formatTimestamp(filed)}\n`;
    }
  }
}
