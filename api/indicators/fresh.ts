/**
 * The engine's incremental refresh after a case write (`IndicatorEngine.applyCaseChanges`): the
 * figures and handling hours of the state before the write, patched with what the write's
 * changed cases add and remove, computed in SQL with the cold queries' own expressions
 * (queries/case-deltas.ts). Counts add up exactly; the percentiles move over the sorted hours
 * themselves, so both equal a cold rebuild of the state after the write.
 */
import type { HandlingHours } from "../../shapes/unit-result.ts";
import { CASE_CHANNELS, CASE_KINDS } from "../db/tables/case-record.ts";
import { inSubtree, type TreeIndex } from "../org-tree/tree-index.ts";
import type { HoursChange } from "./queries/case-deltas.ts";
import { CASE_COUNT_KEYS, type CaseSumsRow } from "./queries/case-sums.ts";
import { emptyFigures, type QuarterFigures, type UnitFigures } from "./values.ts";

/** Sums `a` plus the change `d` (a new object; neither is modified). */
export function addCaseSums(a: CaseSumsRow, d: CaseSumsRow): CaseSumsRow {
  const out = { ...a, byKind: { ...a.byKind }, byChannel: { ...a.byChannel } };
  for (const k of CASE_COUNT_KEYS) out[k] = a[k] + d[k];
  for (const k of CASE_KINDS) out.byKind[k] += d.byKind[k];
  for (const ch of CASE_CHANNELS) out.byChannel[ch] += d.byChannel[ch];
  return out;
}

/** `base` with each unit's case sums moved by its change (a new object; `base` is shared). */
export function patchFigures(base: QuarterFigures, deltas: readonly CaseSumsRow[]): QuarterFigures {
  const units = new Map<number, UnitFigures>(base.units);
  for (const d of deltas) {
    const f = units.get(d.unitId) ?? emptyFigures(d.unitId);
    units.set(d.unitId, { ...f, cases: addCaseSums(f.cases, d) });
  }
  return { ...base, units };
}

/** Sorted handling hours by unit (the units a request asked for). */
export type HoursByUnit = ReadonlyMap<number, Float64Array>;

/**
 * `base` with the changed cases' hours taken out (w −1) and put in (w +1) of every unit whose
 * subtree holds them; null when a value to take out is missing (then the caller rebuilds).
 */
export function patchHours(
  base: HoursByUnit,
  unitIds: readonly number[],
  changes: readonly HoursChange[],
  tree: TreeIndex,
): HoursByUnit | null {
  const out = new Map(base);
  for (const id of unitIds) {
    const mine = changes.filter((c) => inSubtree(tree, id, c.unitId));
    if (mine.length === 0) continue;
    const add = mine.filter((c) => c.w > 0).map((c) => c.hours);
    const drop = mine.filter((c) => c.w < 0).map((c) => c.hours);
    const next = moveSorted(base.get(id) ?? new Float64Array(0), add, drop);
    if (next === null) return null;
    if (next.length === 0) out.delete(id);
    else out.set(id, next);
  }
  return out;
}

/**
 * `base` (sorted hours by the unit the cases are attached to, not by subtree) with the changed
 * cases' hours taken out and put in at their own unit; null when a value to take out is missing.
 */
export function patchLeafHours(
  base: HoursByUnit,
  changes: readonly HoursChange[],
): HoursByUnit | null {
  const byUnit = new Map<number, { add: number[]; drop: number[] }>();
  for (const c of changes) {
    const m = byUnit.get(c.unitId) ?? { add: [], drop: [] };
    (c.w > 0 ? m.add : m.drop).push(c.hours);
    byUnit.set(c.unitId, m);
  }
  const out = new Map(base);
  for (const [id, { add, drop }] of byUnit) {
    const next = moveSorted(base.get(id) ?? new Float64Array(0), add, drop);
    if (next === null) return null;
    if (next.length === 0) out.delete(id);
    else out.set(id, next);
  }
  return out;
}

/** A sorted array with `add` merged in and one copy of each of `drop` removed. */
function moveSorted(sorted: Float64Array, add: number[], drop: number[]): Float64Array | null {
  add.sort((a, b) => a - b);
  drop.sort((a, b) => a - b);
  const out = new Float64Array(sorted.length + add.length - drop.length);
  let i = 0;
  let j = 0;
  let k = 0;
  let n = 0;
  while (i < sorted.length || j < add.length) {
    const fromAdd = j < add.length && (i >= sorted.length || add[j]! < sorted[i]!);
    const v = fromAdd ? add[j++]! : sorted[i++]!;
    while (k < drop.length && drop[k]! < v) return null; // a value to drop is not there
    if (k < drop.length && drop[k] === v) {
      k++;
      continue;
    }
    if (n >= out.length) return null;
    out[n++] = v;
  }
  return k === drop.length && n === out.length ? out : null;
}

/**
 * PostgreSQL's `percentile_cont(p)` over sorted values (linear interpolation between the
 * neighbours of position p·(n−1), Hyndman–Fan type 7), with its float8 arithmetic.
 */
export function percentileCont(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const x = p * (sorted.length - 1);
  const lo = Math.floor(x);
  const hi = Math.ceil(x);
  const first = sorted[lo]!;
  if (lo === hi) return first;
  return first + (sorted[hi]! - first) * (x - lo);
}

/** Median and p90 of each unit's sorted hours. */
export function hoursOf(byUnit: HoursByUnit): Map<number, HandlingHours> {
  const out = new Map<number, HandlingHours>();
  for (const [id, s] of byUnit) {
    out.set(id, { median: percentileCont(s, 0.5), p90: percentileCont(s, 0.9) });
  }
  return out;
}
