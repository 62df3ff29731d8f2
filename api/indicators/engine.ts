/**
 * The indicator engine's inputs: whole-tree subtree sums for a quarter, loaded in a few set-based
 * queries and cached in process. Cache keys carry everything the figures depend on: the quarter,
 * G3's response limit, the org tree's fingerprint and the data versions of every quarter read
 * (Q1..Q of the year: cases and surveys of Q, returns of Q and the spending of Q1..Q for R1).
 * Ingest bumps those versions in its own transaction, so a write is seen by the next request
 * without any explicit invalidation, on every process sharing the database.
 */
import type { Kysely } from "kysely";
import { LRUCache } from "lru-cache";
import { formatPeriod, type Quarter } from "../../shapes/periods.ts";
import type { HandlingHours } from "../../shapes/unit-result.ts";
import type { DB } from "../db/database.ts";
import { listAllUnits } from "../org-tree/queries.ts";
import { buildTreeIndex, type TreeIndex } from "../org-tree/tree-index.ts";
import { type CaseChanges, versionsBefore } from "./case-changes.ts";
import { loadQuarterFigures, quarterRange } from "./cold.ts";
import { deserializeFigures, FIGURES_FORMAT, serializeFigures } from "./figures-store.ts";
import { type HoursByUnit, hoursOf, patchFigures, patchHours } from "./fresh.ts";
import { caseSumDeltas, handlingHourChanges } from "./queries/case-deltas.ts";
import { readStoredFigures, storeFigures } from "./queries/figures.ts";
import { sortedHoursBySubtree } from "./queries/handling-hours.ts";
import { dataVersionsOfYears, treeFingerprint } from "./queries/state.ts";
import type { QuarterFigures } from "./values.ts";

export { loadQuarterFigures, quarterRange, SATISFACTION_SURVEY } from "./cold.ts";

/** What cache keys are made of, read once per request. */
export interface EngineState {
  treeKey: string;
  versions: ReadonlyMap<string, number>;
}

// Cache budget in "units held": a whole-tree figures entry costs the tree's size (~1 KB a unit),
// anything else 1. 200,000 is about 28 city-scale quarters, a few hundred MB at most.
const CACHE_BUDGET = 200_000;

/** Results {@link IndicatorEngine.warm} keeps current at most (the most recently used). */
export const MAX_HOT_JOBS = 64;

/**
 * A cached result that requests asked for lately, and how to compute it again for new data:
 * what {@link IndicatorEngine.warm} keeps current.
 */
export interface HotJob {
  /** The years whose data versions the cache key depends on. */
  years: readonly number[];
  /** The cache key of the result for `state` (it changes when the data does). */
  key(state: EngineState): string;
  /** Computes and caches the result for `state`. */
  run(state: EngineState): Promise<unknown>;
  /**
   * Caches the result for the state after a case write from the one before it, when that is
   * cached and exact (see {@link IndicatorEngine.applyCaseChanges}); absent: rebuilt by `run`.
   */
  refresh?(changes: CaseChanges, before: EngineState, after: EngineState): void;
}

export class IndicatorEngine {
  private readonly cache = new LRUCache<string, Promise<unknown>>({
    maxSize: CACHE_BUDGET,
    sizeCalculation: () => 1,
  });
  /** By a name of the result without its versions: what {@link warm} keeps current. */
  private readonly hot = new Map<string, HotJob & { usedAt: number }>();
  /** By the same name: the cache key {@link warm} saw on its last pass. */
  private readonly seen = new Map<string, string>();
  /**
   * Results known to be exactly those of the data state their key names (computed with no
   * write in between, read from the store, or patched from such a result): the only ones a
   * case write's changes are patched onto.
   */
  private readonly exact = new WeakSet<object>();
  /** Units in the tree last loaded (a whole-tree entry's size in the cache). */
  private treeSize = 1;

  constructor(readonly db: Kysely<DB>) {}

  /** The tree fingerprint and the data versions of every quarter of `years`. Two small queries. */
  async state(years: readonly number[]): Promise<EngineState> {
    const [treeKey, versions] = await Promise.all([
      treeFingerprint(this.db),
      dataVersionsOfYears(this.db, years),
    ]);
    return { treeKey, versions };
  }

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

  /**
   * Notes that a request used the result `name` (see {@link HotJob}). The most recently used
   * {@link MAX_HOT_JOBS} are kept, so a pass of {@link warm} stays bounded.
   */
  used(name: string, job: HotJob): void {
    this.hot.delete(name); // re-inserted last: the map is in order of last use
    this.hot.set(name, { ...job, usedAt: Date.now() });
    if (this.hot.size > MAX_HOT_JOBS) {
      const oldest = this.hot.keys().next().value!;
      this.hot.delete(oldest);
      this.seen.delete(oldest);
    }
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

  private markExact<T extends object>(result: T): T {
    this.exact.add(result);
    return result;
  }

  /** Whether the data versions of `year` and the tree still give `key`. */
  private async stillAt(year: number, key: string, keyOf: (s: EngineState) => string) {
    return keyOf(await this.state([year])) === key;
  }

  /**
   * After a case write committed: every result requests used lately (see {@link used}) whose
   * data the write changed is cached for the state after it, patched from the exact result of
   * the state before it when that is cached (fresh.ts), so that the next request does not
   * rebuild the quarter from its cases. The new entries are in the cache when this returns
   * (as pending computations a request shares); the promise settles when they are computed.
   * Results without an exact "before" are left to {@link warm} and the requests.
   */
  applyCaseChanges(changes: CaseChanges): Promise<void> {
    const after: EngineState = { treeKey: changes.treeKey, versions: changes.versions };
    const before: EngineState = { treeKey: changes.treeKey, versions: versionsBefore(changes) };
    const pending: Promise<unknown>[] = [];
    for (const job of this.hot.values()) {
      const p = job.refresh?.(changes, before, after);
      if (p) pending.push(p);
    }
    return Promise.all(pending).then(() => {});
  }

  /**
   * Caches under `to` the result `compute` derives from the exact cached result under `from`;
   * nothing when the keys are the same, `to` is cached already or `from` is not exact.
   */
  private patch<T extends object>(
    from: string,
    to: string,
    compute: (base: T) => Promise<T>,
    size = this.treeSize,
  ): Promise<unknown> | undefined {
    if (from === to || this.cache.has(to)) return undefined;
    const base = this.cache.get(from) as Promise<T> | undefined;
    if (!base) return undefined;
    const patched = this.memo(to, size, async () => {
      const b = await base;
      if (!this.exact.has(b)) throw new Error("not exact");
      return this.markExact(await compute(b));
    });
    // A failed patch is not cached (memo): the entry is left to a rebuild.
    return patched.catch(() => {});
  }

  /** Whether the figures of `q` for `state` are in the cache (a request would not wait for them). */
  hasFigures(q: Quarter, slaMinutes: number, state: EngineState): boolean {
    return this.cache.has(figuresKey(q, slaMinutes, state));
  }

  /**
   * Recomputes every result that requests used in the last `withinMs` (whole-tree figures of a
   * quarter, handling-hour percentiles, data-quality aggregates) whose data or org tree changed,
   * once the change has held still for one pass: run in the background after writes
   * (api/indicators/warm.ts), so the next dashboard request finds them ready instead of
   * rescanning the quarter's cases itself, without chasing a bulk load that changes the quarter
   * every second. Returns how many results were recomputed.
   */
  async warm(withinMs: number, now = Date.now()): Promise<number> {
    for (const [name, job] of this.hot) {
      if (now - job.usedAt > withinMs) {
        this.hot.delete(name);
        this.seen.delete(name);
      }
    }
    if (this.hot.size === 0) return 0;
    const jobs = [...this.hot];
    const state = await this.state([...new Set(jobs.flatMap(([, job]) => job.years))]);
    let computed = 0;
    for (const [name, job] of jobs) {
      const key = job.key(state);
      const stable = this.seen.get(name) === key;
      this.seen.set(name, key);
      if (this.cache.has(key) || !stable) continue;
      await job.run(state);
      computed += 1;
    }
    return computed;
  }

  /** Median and p90 handling hours of the given units' subtrees for quarter `q`. */
  async handlingHours(
    q: Quarter,
    unitIds: readonly number[],
    state: EngineState,
  ): Promise<ReadonlyMap<number, HandlingHours>> {
    const ids = [...unitIds].sort((a, b) => a - b);
    const name = `hh|${formatPeriod(q)}|${ids.join(",")}`;
    const key = (s: EngineState) =>
      `hh|${formatPeriod(q)}|${s.treeKey}|${versionKey(q, s)}|${ids.join(",")}`;
    const run = (s: EngineState) =>
      this.memo(key(s), ids.length, async () => {
        const sorted = await sortedHoursBySubtree(this.db, quarterRange(q), ids);
        return (await this.stillAt(q.year, key(s), key)) ? this.markExact(sorted) : sorted;
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

  /** Memoises any derived result under `key` (callers put the versions it depends on in the key). */
  memo<T>(key: string, size: number, compute: () => Promise<T>): Promise<T> {
    const hit = this.cache.get(key);
    if (hit) return hit as Promise<T>;
    const pending = compute();
    // Concurrent requests for the same key share one computation; a failure is not cached.
    this.cache.set(key, pending, { size: Math.min(size, CACHE_BUDGET) });
    pending.catch(() => {
      if (this.cache.get(key) === pending) this.cache.delete(key);
    });
    return pending;
  }
}

/** The cache key of a quarter's whole-tree figures (also their key in `quarter_figures`). */
function figuresKey(q: Quarter, slaMinutes: number, state: EngineState): string {
  return `fig${FIGURES_FORMAT}|${formatPeriod(q)}|${slaMinutes}|${state.treeKey}|${versionKey(q, state)}`;
}

/** The data versions a quarter's figures depend on: Q1..Q of its year. */
export function versionKey(q: Quarter, state: EngineState): string {
  const parts: number[] = [];
  for (let k = 1; k <= q.quarter; k++) parts.push(state.versions.get(`${q.year}Q${k}`) ?? 0);
  return parts.join(".");
}
