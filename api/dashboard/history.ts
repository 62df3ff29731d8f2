/**
 * A subtree's evaluations over several quarters, from the indicator engine's cached whole-tree
 * figures: what the trend, the sparklines, the radar's previous quarter and the red items'
 * "quarters running" need. Each unit is evaluated among its siblings exactly as GET /indicators
 * does (engine's `evaluateUnits` under the scheme version valid in the quarter's year), so a value
 * here equals the API's for the same unit and quarter.
 */
import type { Kysely } from "kysely";
import { DIMENSIONS, type Dimension, type Grade, type IndicatorCode } from "../../metrics/index.ts";
import { formatPeriod, type Quarter, shiftQuarter } from "../../shapes/periods.ts";
import type { DB } from "../db/database.ts";
import type { EngineState, IndicatorEngine } from "../indicators/engine.ts";
import { versionKey } from "../indicators/engine.ts";
import { evaluateUnits } from "../indicators/results.ts";
import type { UnitRef } from "../org-tree/queries.ts";
import { childrenOf, siblingsOf, type TreeIndex } from "../org-tree/tree-index.ts";
import {
  DEFAULT_SCHEME_ID,
  resolveSchemeVersion,
  type SchemeVersion,
  toSchemeVersion,
} from "../schemes/definition.ts";
import { listSchemeVersions } from "../schemes/queries.ts";

/** One unit in one quarter. */
export interface UnitQuarter {
  index: number | null;
  grade: Grade | null;
  dimensions: Record<Dimension, number | null>;
  values: Record<IndicatorCode, number | null>;
  scores: Record<IndicatorCode, number | null>;
}

/** Per quarter (`2026Q3`), per unit id. */
export type History = Map<string, Map<number, UnitQuarter>>;

/** Every unit of the subtree of `root` (itself first), parents before children. */
export function subtreeUnits(tree: TreeIndex, root: UnitRef): UnitRef[] {
  const out: UnitRef[] = [root];
  for (let i = 0; i < out.length; i++) out.push(...childrenOf(tree, out[i]!.id));
  return out;
}

/** The scheme definitions valid in each year, by year. */
export async function schemesByYear(
  db: Kysely<DB>,
  years: readonly number[],
): Promise<Map<number, SchemeVersion>> {
  const versions = (await listSchemeVersions(db, DEFAULT_SCHEME_ID)).map(toSchemeVersion);
  const out = new Map<number, SchemeVersion>();
  for (const y of years) {
    const v = resolveSchemeVersion(versions, y);
    if (v) out.set(y, v);
  }
  return out;
}

function toUnitQuarter(
  figures: ReturnType<typeof evaluateUnits>["figures"][number],
  e: ReturnType<typeof evaluateUnits>["evaluations"][number],
): UnitQuarter {
  const values = {} as Record<IndicatorCode, number | null>;
  for (const code of Object.keys(figures) as IndicatorCode[]) values[code] = figures[code].value;
  const dimensions = Object.fromEntries(
    DIMENSIONS.map((d) => [d, e.dimensions[d].score]),
  ) as Record<Dimension, number | null>;
  return { index: e.index, grade: e.grade, dimensions, values, scores: { ...e.scores } };
}

/**
 * Evaluations of `root` (among its siblings) and, with `subtree`, of every unit below it (each
 * among its siblings), for each of `quarters`. Memoised in the engine's cache under the tree and
 * data versions, so a second page view costs no computation.
 */
export async function subtreeHistory(
  db: Kysely<DB>,
  engine: IndicatorEngine,
  state: EngineState,
  tree: TreeIndex,
  root: UnitRef,
  quarters: readonly Quarter[],
  subtree: boolean,
): Promise<History> {
  const schemes = await schemesByYear(db, [...new Set(quarters.map((q) => q.year))]);
  const units = subtree ? subtreeUnits(tree, root) : [root];
  const parents = subtree ? units.filter((u) => childrenOf(tree, u.id).length > 0) : [];
  const history: History = new Map();
  await Promise.all(
    quarters.map(async (q) => {
      const version = schemes.get(q.year);
      const period = formatPeriod(q);
      if (!version) {
        history.set(period, new Map());
        return;
      }
      const scheme = version.definition;
      // Stored scheme versions are immutable, so id and version identify the definition.
      const key = `dash|${root.id}|${subtree ? "t" : "u"}|${period}|${state.treeKey}|${versionKey(q, state)}|${version.id}.${version.version}`;
      const map = await engine.memo(key, Math.max(1, units.length), async () => {
        const figures = await engine.figures(q, scheme.responseSlaMinutes, state);
        const out = new Map<number, UnitQuarter>();
        const evaluate = (group: readonly UnitRef[], keep: (u: UnitRef) => boolean) => {
          const evaluated = evaluateUnits(group, figures, scheme);
          group.forEach((u, i) => {
            if (keep(u))
              out.set(u.id, toUnitQuarter(evaluated.figures[i]!, evaluated.evaluations[i]!));
          });
        };
        // The root among its siblings (as the API ranks it), then each parent's children.
        evaluate(siblingsOf(tree, root), (u) => u.id === root.id);
        for (const p of parents) evaluate(childrenOf(tree, p.id), () => true);
        return out;
      });
      history.set(period, map);
    }),
  );
  return history;
}

/** The quarters the overview evaluates: those with data, plus Q−1 and Q−4 for the comparisons. */
export function historyQuarters(quarters: readonly Quarter[], q: Quarter): Quarter[] {
  const all = new Map(quarters.map((x) => [formatPeriod(x), x]));
  for (const extra of [shiftQuarter(q, -1), shiftQuarter(q, -4)])
    all.set(formatPeriod(extra), extra);
  return [...all.values()].sort((a, b) => a.year - b.year || a.quarter - b.quarter);
}
