/**
 * What approving an appeal would do to its unit's figures (and its parent's): the engine's current
 * subtree sums minus the sums of the appeal's cases, through the same numerator / denominator
 * mapping the engine uses (indicators/values.ts). Exact, since every case-based indicator is a
 * ratio of subtree sums (INDICATORS.md counting rules).
 */
import type { Kysely } from "kysely";
import { defaultSchemeDefinition, type SchemeDefinition } from "../../metrics/index.ts";
import type { Quarter } from "../../shapes/periods.ts";
import type { DB } from "../db/database.ts";
import { type IndicatorEngine, quarterRange } from "../indicators/engine.ts";
import {
  CASE_COUNT_KEYS,
  type CaseSumsRow,
  caseSumsOfCases,
} from "../indicators/queries/case-sums.ts";
import { figuresOf, type IndicatorFigure, indicatorFigures } from "../indicators/values.ts";
import { DEFAULT_SCHEME_ID, resolveSchemeVersion, toSchemeVersion } from "../schemes/definition.ts";
import { listSchemeVersions } from "../schemes/queries.ts";
import { CASE_INDICATORS, type CaseIndicator } from "./queries/candidates.ts";
import type { CaseKey } from "./queries/write.ts";

/** The scheme in force in `year` (the default definition when none is stored). */
export async function schemeOfYear(db: Kysely<DB>, year: number): Promise<SchemeDefinition> {
  const versions = (await listSchemeVersions(db, DEFAULT_SCHEME_ID)).map(toSchemeVersion);
  return resolveSchemeVersion(versions, year)?.definition ?? defaultSchemeDefinition();
}

export interface EffectRow {
  code: CaseIndicator;
  before: IndicatorFigure;
  after: IndicatorFigure;
}

export interface UnitEffect {
  unitId: number;
  rows: EffectRow[];
}

/** `a − b` over the case counts (kinds and channels are not shown, so left as they are). */
function minus(a: CaseSumsRow, b: readonly CaseSumsRow[]): CaseSumsRow {
  const out = { ...a };
  for (const k of CASE_COUNT_KEYS) out[k] = a[k] - b.reduce((s, r) => s + r[k], 0);
  return out;
}

/**
 * The case-based indicators of each unit in `unitIds` (the appeal's unit and its ancestors, all
 * holding the cases) now and after the `cases` leave them. Cases already exempt are not in the
 * current sums, so they are left out of the subtraction.
 */
export async function appealEffect(
  engine: IndicatorEngine,
  q: Quarter,
  unitIds: readonly number[],
  cases: readonly (CaseKey & { exempt: boolean })[],
): Promise<UnitEffect[]> {
  const db = engine.db;
  const scheme = await schemeOfYear(db, q.year);
  const state = await engine.state([q.year]);
  const figures = await engine.figures(q, scheme.responseSlaMinutes, state);
  const counted = cases.filter((c) => !c.exempt);
  const leaving = await caseSumsOfCases(db, quarterRange(q), scheme.responseSlaMinutes, counted);
  return unitIds.map((unitId) => {
    const now = figuresOf(figures, unitId);
    const before = indicatorFigures(now, q.quarter);
    const after = indicatorFigures({ ...now, cases: minus(now.cases, leaving) }, q.quarter);
    return {
      unitId,
      rows: CASE_INDICATORS.map((code) => ({ code, before: before[code], after: after[code] })),
    };
  });
}
