/**
 * The indicator engine's cache (engine.ts builds on it): results memoised under keys that carry
 * the data versions they depend on, the results requests used lately ("hot jobs") that
 * {@link EngineCache.warm} recomputes after writes, and the incremental path after a case write
 * ({@link EngineCache.applyCaseChanges}): hot results patched from the exact result of the state
 * before the write instead of being rebuilt from the quarter's cases.
 */
import type { Kysely } from "kysely";
import { LRUCache } from "lru-cache";
import { formatPeriod, type Quarter } from "../../shapes/periods.ts";
import type { DB } from "../db/database.ts";
import { type CaseChanges, type OnCaseChanges, versionsBefore } from "./case-changes.ts";
import { dataVersionsOfYears, treeFingerprint } from "./queries/state.ts";

/** What cache keys are made of, read once per request. */
export interface EngineState {
  treeKey: string;
  versions: ReadonlyMap<string, number>;
}

// Cache budget in "units held": a whole-tree entry costs the tree's size (~1 KB a unit),
// anything else 1. 200,000 is about 28 city-scale quarters, a few hundred MB at most.
const CACHE_BUDGET = 200_000;

/** Results {@link EngineCache.warm} keeps current at most (the most recently used). */
export const MAX_HOT_JOBS = 64;

/**
 * A cached result that requests asked for lately, and how to compute it again for new data:
 * what {@link EngineCache.warm} keeps current.
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
   * cached and exact (see {@link EngineCache.applyCaseChanges}); absent: rebuilt by `run`.
   */
  refresh?(changes: CaseChanges, before: EngineState, after: EngineState): void;
}

export class EngineCache {
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
  protected treeSize = 1;

  constructor(readonly db: Kysely<DB>) {}

  /** The tree fingerprint and the data versions of every quarter of `years`. Two small queries. */
  async state(years: readonly number[]): Promise<EngineState> {
    const [treeKey, versions] = await Promise.all([
      treeFingerprint(this.db),
      dataVersionsOfYears(this.db, years),
    ]);
    return { treeKey, versions };
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

  /** Whether a result is cached under `key` (a request would not wait for it). */
  protected cached(key: string): boolean {
    return this.cache.has(key);
  }

  protected markExact<T extends object>(result: T): T {
    this.exact.add(result);
    return result;
  }

  protected isExact(result: object): boolean {
    return this.exact.has(result);
  }

  /** Whether the data versions of `year` and the tree still give `key`. */
  protected async stillAt(year: number, key: string, keyOf: (s: EngineState) => string) {
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
  /** The listener a case write tells (`storeCases`): wanted while results are in use. */
  caseChangeListener(): OnCaseChanges {
    return {
      wanted: () => this.hot.size > 0,
      heard: (changes) => void this.applyCaseChanges(changes),
    };
  }

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
  protected patch<T extends object>(
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

  /**
   * Recomputes every result that requests used in the last `withinMs` (whole-tree figures of a
   * quarter, handling hours, data-quality aggregates) whose data or org tree changed, once the
   * change has held still for one pass: run in the background after writes
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
}

/** The data versions a quarter's figures depend on: Q1..Q of its year. */
export function versionKey(q: Quarter, state: EngineState): string {
  const parts: number[] = [];
  for (let k = 1; k <= q.quarter; k++) parts.push(state.versions.get(`${q.year}Q${k}`) ?? 0);
  return parts.join(".");
}

/** The cache key of a quarter's results named `name` (versions and tree included). */
export function quarterKey(name: string, q: Quarter, state: EngineState): string {
  return `${name}|${formatPeriod(q)}|${state.treeKey}|${versionKey(q, state)}`;
}
