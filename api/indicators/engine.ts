/**
 * The indicator engine's inputs: whole-tree subtree sums for a quarter, loaded in a few set-based
 * queries and cached in process (engine-cache.ts). Cache keys carry everything the figures depend
 * on: the quarter, G3's response limit, the org tree's fingerprint and the data versions of every
 * quarter read (Q1..Q of the year: cases and surveys of Q, returns of Q and the spending of Q1..Q
 * for R1). Ingest bumps those versions in its own transaction, so a write is seen by the next
 * request without any explicit invalidation, on every process sharing the database.
 */
import { formatPeriod, type Quarter } from "../../shapes/periods.ts";
import type { HandlingHours } from "../../shapes/unit-result.ts";
import { listAllUnits } from "../org-tree/queries.ts";
import { buildTreeIndex, type TreeIndex } from "../org-tree/tree-index.ts";
import type { CaseChanges } from "./case-changes.ts";
import { loadQuarterFigures, quarterRange } from "./cold.ts";
import { EngineCache, type EngineState, quarterKey, versionKey } from "./engine-cache.ts";
import { deserializeFigures, FIGURES_FORMAT, serializeFigures } from "./figures-store.ts";
import { type HoursByUnit, hoursOf, patchFigures, patchHours, patchLeafHours } from "./fresh.ts";
import { caseSumDeltas, handlingHourChanges } from "./queries/case-deltas.ts";
import { readStoredFigures, storeFigures } from "./queries/figures.ts";
import { sortedHoursByUnit } from "./queries/handling-hours.ts";
import { subtreeHours } from "./subtree-hours.ts";
import type { QuarterFigures } from "./values.ts";

export { loadQuarterFigures, quarterRange, SATISFACTION_SURVEY } from "./cold.ts";
export {
  type EngineState,
  type HotJob,
  MAX_HOT_JOBS,
  versionKey,
} from "./engine-cache.ts";

export class IndicatorEngine extends EngineCache {
  /** The org tree in memory, reloaded when its fingerprint changes. */
  tree(state: EngineState): Promise<TreeIndex> {
    return this.memo(`tree|${state.treeKey}`, 1, async () => {
      const tree = buildTreeIndex(await listAllUnits(this.db));
      this.treeSize = Math.max(1, tree.byId.size);
      return tree;
    });
  }

  /** Whole-tree subtree sums for quarter `q` with G3's limit `slaMinutes`. */
  async figures(q: Quarter, slaMinutes: number, state: EngineState): Promise<QuarterFigures> {
    this.used(`fig|${formatPeriod(q)}|${slaMinutes}`, {
      years: [q.year],
      key: (s) => figuresKey(q, slaMinutes, s),
      run: (s) => this.load(q, slaMinutes, s),
      refresh: (changes, before, after) =>
        this.patch(
          figuresKey(q, slaMinutes, before),
          figuresKey(q, slaMinutes, after),
          async (base) => {
            const deltas = await caseSumDeltas(this.db, quarterRange(q), slaMinutes, changes.facts);
            const patched = patchFigures(base as QuarterFigures, deltas);
            this.storeBestEffort(q, slaMinutes, figuresKey(q, slaMinutes, after), patched);
            return patched;
          },
        ),
    });
    return this.load(q, slaMinutes, state);
  }

  /** Whether the figures of `q` for `state` are in the cache (a request would not wait for them). */
  hasFigures(q: Quarter, slaMinutes: number, state: EngineState): boolean {
    return this.cached(figuresKey(q, slaMinutes, state));
  }

  private async load(q: Quarter, slaMinutes: number, state: EngineState): Promise<QuarterFigures> {
    const tree = await this.tree(state);
    const key = figuresKey(q, slaMinutes, state);
    return this.memo(key, Math.max(1, tree.byId.size), () =>
      this.readOrCompute(q, slaMinutes, key),
    );
  }

  /**
   * The figures stored under `key` by any process on the database, else computed from the raw
   * data and stored for the others. Storing is best effort: a failure costs only a recomputation
   * elsewhere.
   */
  private async readOrCompute(
    q: Quarter,
    slaMinutes: number,
    key: string,
  ): Promise<QuarterFigures> {
    const stored = await readStoredFigures(this.db, key);
    const figures = stored === null ? null : deserializeFigures(stored);
    if (figures) return this.markExact(figures);
    const computed = await loadQuarterFigures(this.db, q, slaMinutes);
    // Stored (and patched later) only when no write landed while computing: then the figures
    // are exactly those of the state the key names.
    if (await this.stillAt(q.year, key, (s) => figuresKey(q, slaMinutes, s))) {
      this.markExact(computed);
      await this.storeBestEffort(q, slaMinutes, key, computed);
    }
    return computed;
  }

  private storeBestEffort(q: Quarter, slaMinutes: number, key: string, f: QuarterFigures) {
    const row = { key, period: formatPeriod(q), slaMinutes, figures: serializeFigures(f) };
    return storeFigures(this.db, row).catch(() => {});
  }

  /**
   * Median and p90 handling hours of the given units' subtrees for quarter `q`, from the sorted
   * hours of every unit's own cases ({@link leafHours}: one query a quarter, then patched after
   * writes), so that a unit nobody asked for before costs a merge in memory, not a scan.
   */
  async handlingHours(
    q: Quarter,
    unitIds: readonly number[],
    state: EngineState,
  ): Promise<ReadonlyMap<number, HandlingHours>> {
    const ids = [...unitIds].sort((a, b) => a - b);
    const name = `hh|${formatPeriod(q)}|${ids.join(",")}`;
    const key = (s: EngineState) => `${quarterKey("hh", q, s)}|${ids.join(",")}`;
    const run = (s: EngineState) =>
      this.memo(key(s), ids.length, async () => {
        const [leaf, tree] = await Promise.all([this.leafHours(q, s), this.tree(s)]);
        const byUnit = subtreeHours(leaf, ids, tree);
        return this.isExact(leaf) ? this.markExact(byUnit) : byUnit;
      });
    const refresh = (changes: CaseChanges, before: EngineState, after: EngineState) =>
      this.patch<HoursByUnit>(
        key(before),
        key(after),
        async (base) => {
          const [tree, moved] = await Promise.all([
            this.tree(after),
            handlingHourChanges(this.db, quarterRange(q), changes.facts),
          ]);
          const patched = patchHours(base, ids, moved, tree);
          if (patched === null) throw new Error("hours not found");
          return patched;
        },
        ids.length,
      );
    this.used(name, { years: [q.year], key, run, refresh });
    return hoursOf(await run(state));
  }

  /** Whether every unit's handling hours of `q` for `state` are in the cache (see {@link leafHours}). */
  hasHandlingHours(q: Quarter, state: EngineState): boolean {
    return this.cached(quarterKey("hleaf", q, state));
  }

  /**
   * The sorted handling hours of each unit's own cases (not its subtree's) for quarter `q`:
   * kept current after case writes like the figures, the source of every unit's percentiles.
   */
  private leafHours(q: Quarter, state: EngineState): Promise<HoursByUnit> {
    const key = (s: EngineState) => quarterKey("hleaf", q, s);
    const run = (s: EngineState) =>
      this.memo(key(s), this.treeSize, async () => {
        const leaf = await sortedHoursByUnit(this.db, quarterRange(q));
        return (await this.stillAt(q.year, key(s), key)) ? this.markExact(leaf) : leaf;
      });
    const refresh = (changes: CaseChanges, before: EngineState, after: EngineState) =>
      this.patch<HoursByUnit>(key(before), key(after), async (base) => {
        const moved = await handlingHourChanges(this.db, quarterRange(q), changes.facts);
        const patched = patchLeafHours(base, moved);
        if (patched === null) throw new Error("hours not found");
        return patched;
      });
    this.used(`hleaf|${formatPeriod(q)}`, { years: [q.year], key, run, refresh });
    return run(state);
  }
}

/** The cache key of a quarter's whole-tree figures (also their key in `quarter_figures`). */
function figuresKey(q: Quarter, slaMinutes: number, state: EngineState): string {
  return `fig${FIGURES_FORMAT}|${formatPeriod(q)}|${slaMinutes}|${state.treeKey}|${versionKey(q, state)}`;
}
