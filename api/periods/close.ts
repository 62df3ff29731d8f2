/**
 * Closing and reopening a quarter (CYCLE.md "Closing a quarter"). Closing stores the official
 * figures of every unit of the tree: exactly the UnitResult GET /indicators answers for it at
 * that moment (ranked among its siblings, under the default scheme's version for the year), with
 * its survey sums for reports. From then on GET /indicators, the dashboard and reports of the
 * quarter read those rows, whatever data arrives later.
 */

import type { Kysely } from "kysely";
import { formatInstant } from "../../shapes/format.ts";
import { formatPeriod, type Quarter, shiftQuarter } from "../../shapes/periods.ts";
import { assessmentInputs } from "../assessments/queries.ts";
import type { DB } from "../db/database.ts";
import { Conflict, NotFound } from "../errors.ts";
import { dataAsOf } from "../indicators/context.ts";
import { type IndicatorEngine, quarterRange, versionKey } from "../indicators/engine.ts";
import { handlingHoursBySubtree } from "../indicators/queries/handling-hours.ts";
import { dataVersionsOfYears, sourceFreshness } from "../indicators/queries/state.ts";
import { evaluateUnits, type PeriodFigures, unitResult } from "../indicators/results.ts";
import { figuresOf } from "../indicators/values.ts";
import { openRectificationsOnClose } from "../rectifications/open.ts";
import {
  DEFAULT_SCHEME_ID,
  resolveSchemeVersion,
  type SchemeVersion,
  toSchemeVersion,
} from "../schemes/definition.ts";
import { listSchemeVersions, lockSchemes } from "../schemes/queries.ts";
import {
  closingVersion,
  insertClosing,
  lockPeriod,
  markReopened,
  newestClosing,
  type OfficialRow,
} from "./queries.ts";
import { assertCanClose, isClosed } from "./rules.ts";

export interface ClosedQuarter {
  period: string;
  version: number;
  closedAt: Date;
  units: number;
  /** Rectification tasks opened for the red items (api/rectifications/open.ts). */
  rectificationsOpened: number;
}

interface Computed {
  scheme: SchemeVersion;
  rows: OfficialRow[];
  dataAsOf: unknown;
  /** The data versions the figures were read at (Q, Q−1, Q−4). */
  versions: string;
}

function versionsOf(q: Quarter, versions: ReadonlyMap<string, number>): string {
  const state = { treeKey: "", versions };
  return [q, shiftQuarter(q, -1), shiftQuarter(q, -4)].map((x) => versionKey(x, state)).join("|");
}

/** Every unit's UnitResult for `q` under the default scheme, as GET /indicators answers it. */
async function computeOfficial(engine: IndicatorEngine, q: Quarter): Promise<Computed> {
  const db = engine.db;
  const state = await engine.state([q.year - 1, q.year]);
  const [tree, schemeRows, freshness] = await Promise.all([
    engine.tree(state),
    listSchemeVersions(db, DEFAULT_SCHEME_ID),
    sourceFreshness(db),
  ]);
  const scheme = resolveSchemeVersion(schemeRows.map(toSchemeVersion), q.year);
  if (!scheme) throw new NotFound(`指标方案 ${DEFAULT_SCHEME_ID} 没有适用于 ${q.year} 年的版本`);
  const sla = scheme.definition.responseSlaMinutes;
  const [current, previous, lastYear] = await Promise.all([
    engine.figures(q, sla, state),
    engine.figures(shiftQuarter(q, -1), sla, state),
    engine.figures(shiftQuarter(q, -4), sla, state),
  ]);
  const period: PeriodFigures = { current, previous, lastYear };
  // One query for every unit's percentiles (not the engine's per-request cache: nobody asks for
  // the whole tree's hours again).
  const hours = new Map(
    (await handlingHoursBySubtree(db, quarterRange(q), [...tree.byId.keys()])).map((r) => [
      r.unitId,
      { median: r.median, p90: r.p90 },
    ]),
  );
  const none = { median: null, p90: null };
  // The quarter's assessor scores and points: totals, grades and ranks (one query, every unit).
  const assessments = await assessmentInputs(db, q, null);
  const rows: OfficialRow[] = [];
  for (const [parentId, group] of tree.children) {
    const { figures, evaluations } = evaluateUnits(group, current, scheme.definition, assessments);
    group.forEach((u, i) => {
      rows.push({
        orgUnitId: u.id,
        parentId,
        code: u.code,
        result: unitResult(
          u,
          figures[i]!,
          evaluations[i]!,
          period,
          scheme.definition,
          hours.get(u.id) ?? none,
        ),
        survey: { ...figuresOf(current, u.id).survey },
      });
    });
  }
  return {
    scheme,
    rows,
    dataAsOf: dataAsOf(freshness, period),
    versions: versionsOf(q, state.versions),
  };
}

/**
 * Closes `q` (ended by `now`) on behalf of `actor`: stores the next version of its official
 * figures. Conflict when it is closed already. The figures are computed before the transaction
 * (the engine reads through the pool); the transaction takes the quarter's lock, so no return of
 * the quarter is being written, and checks that the data the figures were read from has not
 * changed meanwhile, else computes again (three tries, as report generation does).
 */
export async function closeQuarter(
  engine: IndicatorEngine,
  q: Quarter,
  actor: string,
  now: Date,
): Promise<ClosedQuarter> {
  assertCanClose(q, now);
  const db = engine.db;
  const period = formatPeriod(q);
  for (let tries = 1; ; tries++) {
    await refuseIfClosed(db, period);
    const computed = await computeOfficial(engine, q);
    const done = await db.transaction().execute(async (trx) => {
      await lockPeriod(trx, q, "exclusive");
      // Scheme versions are created under this lock (schemes/queries.ts): while it is held no
      // version can start applying to the year being closed (POST /schemes checks closed years).
      await lockSchemes(trx);
      const schemeNow = resolveSchemeVersion(
        (await listSchemeVersions(trx, DEFAULT_SCHEME_ID)).map(toSchemeVersion),
        q.year,
      );
      if (schemeNow?.version !== computed.scheme.version && tries < 3) return null;
      const newest = await newestClosing(trx, period);
      if (newest && isClosed(newest)) throw closedConflict(newest.period, newest.closedAt);
      const versions = versionsOf(q, await dataVersionsOfYears(trx, [q.year - 1, q.year]));
      if (versions !== computed.versions && tries < 3) return null;
      const version = (newest?.version ?? 0) + 1;
      const closedAt = await insertClosing(
        trx,
        {
          period,
          version,
          closedBy: actor,
          schemeId: computed.scheme.id,
          schemeVersion: computed.scheme.version,
          dataAsOf: computed.dataAsOf,
        },
        computed.rows,
      );
      // Red items open rectification tasks, in the same transaction (none twice after a reopen).
      const rectificationsOpened = await openRectificationsOnClose(trx, period, computed.rows, now);
      return { period, version, closedAt, units: computed.rows.length, rectificationsOpened };
    });
    if (done) return done;
  }
}

async function refuseIfClosed(db: Kysely<DB>, period: string): Promise<void> {
  const newest = await newestClosing(db, period);
  if (newest && isClosed(newest)) throw closedConflict(newest.period, newest.closedAt);
}

function closedConflict(period: string, closedAt: Date): Conflict {
  return new Conflict(`${period} 已于 ${formatInstant(closedAt.toISOString())} 关账，不能重复关账`);
}

export interface ReopenedQuarter {
  period: string;
  version: number;
  reopenedAt: Date;
  reason: string;
}

/**
 * Reopens closed `q` with a reason: the closing is stamped, its official figures stay stored and
 * readable by version; the quarter takes data again until the next close (version + 1).
 */
export async function reopenQuarter(
  db: Kysely<DB>,
  q: Quarter,
  actor: string,
  reason: string,
): Promise<ReopenedQuarter> {
  const period = formatPeriod(q);
  return db.transaction().execute(async (trx) => {
    await lockPeriod(trx, q, "exclusive");
    const newest = await newestClosing(trx, period);
    if (!newest || !isClosed(newest)) throw new Conflict(`${period} 未关账，无需重新开账`);
    const reopenedAt = await markReopened(trx, period, newest.version, actor, reason);
    return { period, version: newest.version, reopenedAt, reason };
  });
}

/** A closing by version (404 when the quarter has no such closing). */
export async function requireClosing(db: Kysely<DB>, period: string, version: number) {
  const row = await closingVersion(db, period, version);
  if (!row) throw new NotFound(`${period} 没有第 ${version} 版正式数据`);
  return row;
}
