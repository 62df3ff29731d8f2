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
import { formatPeriod, type Quarter, quarterEnd, quarterStart } from "../../shapes/periods.ts";
import type { HandlingHours } from "../../shapes/unit-result.ts";
import type { DB } from "../db/database.ts";
import { listAllUnits } from "../org-tree/queries.ts";
import { buildTreeIndex, type TreeIndex } from "../org-tree/tree-index.ts";
import { deserializeFigures, FIGURES_FORMAT, serializeFigures } from "./figures-store.ts";
import { readStoredFigures, storeFigures } from "./queries/figures.ts";
import { dataVersionsOfYears, quarterInputTimes, treeFingerprint } from "./queries/state.ts";
import {
  caseSumsBySubtree,
  handlingHoursBySubtree,
  type QuarterRange,
  returnSumsBySubtree,
  surveySumsBySubtree,
} from "./queries/sums.ts";
import { emptyFigures, type QuarterFigures, type UnitFigures } from "./values.ts";

/** The survey whose responses make G4 and the satisfaction figures (CONTRACT.md). */
export const SATISFACTION_SURVEY = "satisfaction";

/** Subtree sums of every unit for one quarter. */

/** What cache keys are made of, read once per request. */
export interface EngineState {
  treeKey: string;
  versions: ReadonlyMap<string, number>;
}

/** A quarter's Asia/Shanghai bounds as the queries take them (timestamptz parameters). */
export function quarterRange(q: Quarter): QuarterRange {
  return { year: q.year, quarter: q.quarter, start: quarterStart(q), end: quarterEnd(q) };
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
    return this.memo(`tree|${state.treeKey}`, 1, async () =>
      buildTreeIndex(await listAllUnits(this.db)),
    );
  }

  /** Whole-tree subtree sums for quarter `q` with G3's limit `slaMinutes`. */
  async figures(q: Quarter, slaMinutes: number, state: EngineState): Promise<QuarterFigures> {
    this.used(`fig|${formatPeriod(q)}|${slaMinutes}`, {
      years: [q.year],
      key: (s) => figuresKey(q, slaMinutes, s),
      run: (s) => this.load(q, slaMinutes, s),
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
    if (figures) return figures;
    const computed = await loadQuarterFigures(this.db, q, slaMinutes);
    await storeFigures(this.db, {
      key,
      period: formatPeriod(q),
      slaMinutes,
      figures: serializeFigures(computed),
    }).catch(() => {});
    return computed;
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
      this.memo(key(s), 1, async () => {
        const rows = await handlingHoursBySubtree(this.db, quarterRange(q), ids);
        return new Map(rows.map((r) => [r.unitId, { median: r.median, p90: r.p90 }]));
      });
    this.used(name, { years: [q.year], key, run });
    return run(state);
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
