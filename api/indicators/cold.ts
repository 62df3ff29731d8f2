import type { Kysely } from "kysely";
import { type Quarter, quarterEnd, quarterStart } from "../../shapes/periods.ts";
import type { DB } from "../db/database.ts";
import { caseSumsBySubtree } from "./queries/case-sums.ts";
import { quarterInputTimes } from "./queries/state.ts";
import { type QuarterRange, returnSumsBySubtree, surveySumsBySubtree } from "./queries/sums.ts";
import { emptyFigures, type QuarterFigures, type UnitFigures } from "./values.ts";

/** The survey whose responses make G4 and the satisfaction figures (CONTRACT.md). */
export const SATISFACTION_SURVEY = "satisfaction";

/** A quarter's Asia/Shanghai bounds as the queries take them (timestamptz parameters). */
export function quarterRange(q: Quarter): QuarterRange {
  return { year: q.year, quarter: q.quarter, start: quarterStart(q), end: quarterEnd(q) };
}

/**
 * The set-based computation of one quarter for the whole tree, uncached: one statement each for
 * case sums, return sums and survey sums (each a leaf GROUP BY summed over org_closure), plus the
 * quarter's input times; in parallel where the store has several connections. Whatever the tree's
 * size, four queries: never one per unit or per indicator.
 */
export async function loadQuarterFigures(
  db: Kysely<DB>,
  q: Quarter,
  slaMinutes: number,
): Promise<QuarterFigures> {
  const range = quarterRange(q);
  const [cases, returns, surveys, times] = await Promise.all([
    caseSumsBySubtree(db, range, slaMinutes),
    returnSumsBySubtree(db, range),
    surveySumsBySubtree(db, range, SATISFACTION_SURVEY),
    quarterInputTimes(db, range, SATISFACTION_SURVEY),
  ]);
  const units = new Map<number, UnitFigures>();
  const at = (id: number) => {
    let f = units.get(id);
    if (!f) {
      f = emptyFigures(id);
      units.set(id, f);
    }
    return f;
  };
  for (const c of cases) at(c.unitId).cases = c;
  for (const r of returns) at(r.unitId).returns = r;
  for (const s of surveys) at(s.unitId).survey = s;
  return { quarter: q, slaMinutes, units, ...times };
}
