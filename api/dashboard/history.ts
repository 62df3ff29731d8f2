/**
 * A subtree's evaluations over several quarters: what the trend, the sparklines, the radar's
 * previous quarter and the red items' "quarters running" need. A closed quarter reads its official
 * figures (the closing the page's rule picks: api/periods/official.ts `answeringClosings`); an open
 * one the indicator engine's cached whole-tree figures, each unit evaluated among its siblings
 * exactly as GET /indicators does (`evaluateUnits` under the scheme version valid in the quarter's
 * year). Either way a value here equals the API's for the same unit and quarter.
 */
import type { Kysely } from "kysely";
import {
  DIMENSIONS,
  type Dimension,
  GRADE_THRESHOLDS,
  type Grade,
  type IndicatorCode,
} from "../../metrics/index.ts";
import { formatPeriod, type Quarter, shiftQuarter } from "../../shapes/periods.ts";
import type { UnitResult } from "../../shapes/unit-result.ts";
import type { DB } from "../db/database.ts";
import type { EngineState, IndicatorEngine } from "../indicators/engine.ts";
import { versionKey } from "../indicators/engine.ts";
import { evaluateUnits } from "../indicators/results.ts";
import type { UnitRef } from "../org-tree/queries.ts";
import { childrenOf, siblingsOf, type TreeIndex } from "../org-tree/tree-index.ts";
import { type ClosingRow, officialResults } from "../periods/queries.ts";
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

/** A stored scheme version by id and version (a closing's), if any. */
export async function schemeVersionOf(
  db: Kysely<DB>,
  id: string,
  version: number,
): Promise<SchemeVersion | undefined> {
  return (await listSchemeVersions(db, id)).map(toSchemeVersion).find((v) => v.version === version);
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

/** An official UnitResult (as stored at close) as a history entry. */
export function officialUnitQuarter(r: UnitResult): UnitQuarter {
  const values = {} as Record<IndicatorCode, number | null>;
  const scores = {} as Record<IndicatorCode, number | null>;
  for (const i of r.indicators) {
    values[i.code as IndicatorCode] = i.value;
    scores[i.code as IndicatorCode] = i.score;
  }
  const dimensions = Object.fromEntries(
    DIMENSIONS.map((d) => [d, r.dimensions[d].score]),
  ) as Record<Dimension, number | null>;
  const grade = r.grade === null ? null : (GRADE_BY_LABEL.get(r.grade) ?? null);
  return { index: r.index, grade, dimensions, values, scores };
}

const GRADE_BY_LABEL = new Map<string, Grade>(GRADE_THRESHOLDS.map((t) => [t.labelZh, t.grade]));

/**
 * The official figures of `units` in `closing`, memoised under the closing (its figures never
 * change). Units without official figures (created after the close) are absent.
 */
function officialQuarter(
  db: Kysely<DB>,
  engine: IndicatorEngine,
  closing: ClosingRow,
  treeKey: string,
  root: UnitRef,
  units: readonly UnitRef[],
): Promise<Map<number, UnitQuarter>> {
  const key = `dash-official|${root.id}|${units.length}|${treeKey}|${closing.period}|${closing.version}`;
  return engine.memo(key, Math.max(1, units.length), async () => {
    const rows = await officialResults(
      db,
      closing.period,
      closing.version,
      units.map((u) => u.id),
    );
    const out = new Map<number, UnitQuarter>();
    for (const [id, result] of rows) out.set(id, officialUnitQuarter(result as UnitResult));
    return out;
  });
}

/**
 * Evaluations of `root` (among its siblings) and, with `subtree`, of every unit below it (each
 * among its siblings), for each of `quarters`: official for a quarter in `closings` (a unit
 * created after the close, without official figures, live), live for the others. Memoised in the
 * engine's cache under the tree and data versions (or the closing), so a second page view costs
 * no computation.
 */
export async function subtreeHistory(
  db: Kysely<DB>,
  engine: IndicatorEngine,
  state: EngineState,
  tree: TreeIndex,
  root: UnitRef,
  quarters: readonly Quarter[],
  subtree: boolean,
  closings: ReadonlyMap<string, ClosingRow> = new Map(),
): Promise<History> {
  const schemes = await schemesByYear(db, [...new Set(quarters.map((q) => q.year))]);
  const units = subtree ? subtreeUnits(tree, root) : [root];
  const parents = subtree ? units.filter((u) => childrenOf(tree, u.id).length > 0) : [];
  const history: History = new Map();
  await Promise.all(
    quarters.map(async (q) => {
      const version = schemes.get(q.year);
      const period = formatPeriod(q);
      const closing = closings.get(period);
      const official = closing
        ? await officialQuarter(db, engine, closing, state.treeKey, root, units)
        : null;
      if (official && official.size === units.length) {
        history.set(period, official);
        return;
      }
      if (!version) {
        history.set(period, official ?? new Map());
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
      // Official where the close stored figures, live for units it did not know.
      history.set(period, official ? new Map([...map, ...official]) : map);
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
