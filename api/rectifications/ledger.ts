/**
 * The rectification ledger (整改台账): tasks with their computed deadline state and feedback
 * trend, as the API lists them and as the report's 整改情况 chapter and the workbook's 整改台账
 * sheet read them. One model for all.
 */
import type { Kysely } from "kysely";
import {
  formatPeriod,
  parsePeriod,
  type Quarter,
  quarterOf,
  shanghaiDate,
  shiftQuarter,
} from "../../shapes/periods.ts";
import type {
  RectificationStatus,
  RectificationTask,
  RectificationTrendPoint,
} from "../../shapes/rectifications.ts";
import type { DB } from "../db/database.ts";
import { NotFound } from "../errors.ts";
import type { IndicatorEngine } from "../indicators/engine.ts";
import { findUnitByCode } from "../org-tree/queries.ts";
import { presentTask } from "./present.ts";
import {
  countTaskStates,
  countTasks,
  listTasks,
  type TaskDetail,
  type TaskFilter,
} from "./queries/read.ts";
import { type QuarterPoints, quarterPoints } from "./trend.ts";

/** What the ledger reads with: the indicator engine (its db) and the clock. */
export interface LedgerDeps {
  engine: IndicatorEngine;
  /** The day overdue is computed on; default: now. */
  now?: Date | undefined;
}

export interface LedgerQuery {
  /** Tasks opened for this quarter (`2026Q3`); absent: every quarter. */
  period?: string | undefined;
  /** Tasks of this unit's subtree (code); absent: the whole tree. */
  orgUnit?: string | undefined;
  /** Also inside this street's subtree (code). */
  street?: string | undefined;
  /** `overdue` is computed: deadline passed, not verified. */
  status?: RectificationStatus | "overdue" | undefined;
  /** Leave out overdue tasks (with `status` open or submitted: 整改中 / 待验收 as pages show them). */
  notOverdue?: boolean | undefined;
  /** Tasks on this indicator (`G1`). */
  indicator?: string | undefined;
  /** The caller's scope root (null or absent: the whole tree). */
  scopeUnitId?: number | null | undefined;
  /** 1-based page and its size; absent: every task (up to 5,000). */
  page?: number | undefined;
  pageSize?: number | undefined;
  /** Compute each task's trend and `recovered` (default true). */
  trend?: boolean | undefined;
}

/** Quarters after the opening one a trend follows (two years). */
const TREND_QUARTERS = 8;

async function unitId(db: Kysely<DB>, code: string): Promise<number> {
  const unit = await findUnitByCode(db, code);
  if (!unit) throw new NotFound(`没有编码为 ${code} 的单位`);
  return unit.id;
}

/** The query as a store filter (codes resolved; 404 for an unknown one). */
export async function taskFilter(
  db: Kysely<DB>,
  q: LedgerQuery,
  today: string,
): Promise<TaskFilter> {
  const within: number[] = [];
  if (q.scopeUnitId !== undefined && q.scopeUnitId !== null) within.push(q.scopeUnitId);
  if (q.orgUnit !== undefined) within.push(await unitId(db, q.orgUnit));
  if (q.street !== undefined) within.push(await unitId(db, q.street));
  return {
    within,
    today,
    ...(q.period === undefined ? {} : { period: q.period }),
    ...(q.status === undefined ? {} : { status: q.status }),
    ...(q.indicator === undefined ? {} : { indicator: q.indicator }),
    ...(q.notOverdue ? { notOverdue: true } : {}),
  };
}

/**
 * Each task's trend: its indicator's value and status for its unit in the opening quarter and
 * every later one up to `now`'s (official figures of closed quarters, live otherwise), leaving
 * out live quarters without a value (no data yet).
 */
export async function trendsOf(
  engine: IndicatorEngine,
  tasks: readonly TaskDetail[],
  now: Date,
): Promise<Map<number, RectificationTrendPoint[]>> {
  const current = quarterOf(now);
  const byQuarter = new Map<string, { q: Quarter; units: Set<number> }>();
  const spans = new Map<number, string[]>();
  for (const t of tasks) {
    const opened = parsePeriod(t.period);
    if (!opened) continue;
    const periods: string[] = [];
    for (let i = 0; i <= TREND_QUARTERS; i++) {
      const q = shiftQuarter(opened, i);
      const p = formatPeriod(q);
      if (p > formatPeriod(current)) break;
      periods.push(p);
      const entry = byQuarter.get(p) ?? { q, units: new Set<number>() };
      entry.units.add(t.orgUnitId);
      byQuarter.set(p, entry);
    }
    spans.set(t.id, periods);
  }
  const points = new Map<string, QuarterPoints>();
  for (const [p, { q, units }] of byQuarter) {
    points.set(p, await quarterPoints(engine, q, [...units]));
  }
  const out = new Map<number, RectificationTrendPoint[]>();
  for (const t of tasks) {
    const trend: RectificationTrendPoint[] = [];
    for (const p of spans.get(t.id) ?? []) {
      const point = points.get(p)?.get(t.orgUnitId)?.get(t.indicator);
      if (!point || (!point.official && point.value === null)) continue;
      trend.push({ period: p, ...point });
    }
    out.set(t.id, trend);
  }
  return out;
}

/** Tasks of `filter` presented, with trends unless `trend` is false. */
export async function presentTasks(
  deps: LedgerDeps,
  rows: readonly TaskDetail[],
  trend = true,
): Promise<RectificationTask[]> {
  const now = deps.now ?? new Date();
  const today = shanghaiDate(now);
  const trends = trend ? await trendsOf(deps.engine, rows, now) : new Map();
  return rows.map((r) => presentTask(r, today, trends.get(r.id) ?? []));
}

/** One page of the ledger and how many tasks match in all. */
export async function rectificationPage(
  deps: LedgerDeps,
  q: LedgerQuery,
): Promise<{ tasks: RectificationTask[]; total: number }> {
  const db = deps.engine.db;
  const today = shanghaiDate(deps.now ?? new Date());
  const filter = await taskFilter(db, q, today);
  const pageSize = q.pageSize ?? 5000;
  const page = q.page ?? 1;
  const [total, rows] = await Promise.all([
    countTasks(db, filter),
    listTasks(db, { ...filter, limit: pageSize, offset: (page - 1) * pageSize }),
  ]);
  return { tasks: await presentTasks(deps, rows, q.trend ?? true), total };
}

/** How many tasks `q` selects in each state: overdue (deadline passed, not verified) or the stored one. */
export async function rectificationStateCounts(
  deps: LedgerDeps,
  q: LedgerQuery,
): Promise<Record<RectificationStatus | "overdue", number>> {
  const db = deps.engine.db;
  return countTaskStates(db, await taskFilter(db, q, shanghaiDate(deps.now ?? new Date())));
}

/**
 * The ledger for pages, the report's 整改情况 chapter and the workbook's 整改台账 sheet:
 * every task matching `q` (no scope check here: the caller checked it), unverified first by
 * deadline, then verified ones newest first, with trend and `recovered`.
 *
 * @example rectificationLedger({ engine, now }, { period: "2026Q3", orgUnit: "S1" })
 */
export async function rectificationLedger(
  deps: LedgerDeps,
  q: LedgerQuery,
): Promise<RectificationTask[]> {
  return (await rectificationPage(deps, { ...q, page: undefined, pageSize: undefined })).tasks;
}
