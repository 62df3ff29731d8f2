/**
 * GET /indicators for a closed quarter: the official figures stored at close (close.ts), read
 * back for the unit and the children it had then, with `official: true`, the closing they come
 * from and `lateCases` (cases of the quarter stored or changed since). Live figures stay one
 * query parameter away (`live=true`); an older closing's figures stay readable (`version=1`).
 */
import type { Kysely } from "kysely";
import { formatPeriod } from "../../shapes/periods.ts";
import type { UnitResult } from "../../shapes/unit-result.ts";
import type { DB } from "../db/database.ts";
import { Invalid } from "../errors.ts";
import { type ReportRequest, resolve } from "../indicators/context.ts";
import { type IndicatorEngine, quarterRange, versionKey } from "../indicators/engine.ts";
import type { SurveySumsRow } from "../indicators/queries/sums.ts";
import type { DataAsOf, IndicatorReport } from "../indicators/report.ts";
import { requireClosing } from "./close.ts";
import { type ClosingRow, lateCasesBySubtree, newestClosing, officialFamily } from "./queries.ts";
import { isClosed } from "./rules.ts";

/** Which closing an official answer comes from. */
export interface ClosingRef {
  version: number;
  closedAt: string;
  closedBy: string;
  /** Set when the quarter was reopened after this closing. */
  reopenedAt: string | null;
}

export interface OfficialUnitResult extends UnitResult {
  official: true;
  /** Cases of the unit's subtree and the quarter stored or changed since the closing. */
  lateCases: number;
}

export interface OfficialReport extends IndicatorReport {
  official: true;
  closing: ClosingRef;
  /** `lateCases` of the first unit (the one asked for). */
  lateCases: number;
  units: OfficialUnitResult[];
  /** Survey sums of each unit at close (reports need them beside the results), by code. */
  surveys: Map<string, SurveySumsRow>;
}

export interface OfficialRequest extends ReportRequest {
  children: boolean;
  /** A closing's version; absent: the quarter's current closing, if it is closed. */
  version?: number | undefined;
}

export function closingRef(row: ClosingRow): ClosingRef {
  return {
    version: row.version,
    closedAt: row.closedAt.toISOString(),
    closedBy: row.closedBy,
    reopenedAt: row.reopenedAt?.toISOString() ?? null,
  };
}

/**
 * The closing whose figures answer `req`: the one named by `version` (404 when none), else the
 * quarter's current closing when the quarter is closed and the request asks for its scheme
 * (another scheme or a pinned other version is answered live). `null`: answer live.
 */
export async function answeringClosing(
  db: Kysely<DB>,
  req: OfficialRequest,
): Promise<ClosingRow | null> {
  const period = formatPeriod(req.period);
  if (req.version !== undefined) {
    const row = await requireClosing(db, period, req.version);
    if (row.schemeId !== req.schemeId) {
      throw new Invalid(`${period} 的正式数据按方案 ${row.schemeId} 计算`, [
        { path: "scheme", message: `正式数据的方案是 ${row.schemeId}` },
      ]);
    }
    return row;
  }
  const newest = await newestClosing(db, period);
  if (!newest || !isClosed(newest) || newest.schemeId !== req.schemeId) return null;
  if (req.schemeVersion !== undefined && req.schemeVersion !== newest.schemeVersion) return null;
  return newest;
}

/**
 * The official answer of `closing` for `req`'s unit (scope checked as GET /indicators does), or
 * `null` when the unit did not exist at close (it has no official figures: answer live).
 */
export async function officialReport(
  engine: IndicatorEngine,
  req: OfficialRequest,
  closing: ClosingRow,
): Promise<OfficialReport | null> {
  const db = engine.db;
  const ctx = await resolve(engine, {
    ...req,
    schemeId: closing.schemeId,
    schemeVersion: closing.schemeVersion,
  });
  const period = formatPeriod(req.period);
  const family = await officialFamily(db, period, closing.version, ctx.unit.id, req.children);
  if (!family.unit) return null;
  const rows = [family.unit, ...family.children];
  const ids = rows.map((r) => r.orgUnitId);
  // Late cases change only with the quarter's data, so they are memoised under its data versions.
  const key = `late|${period}|${closing.version}|${ctx.state.treeKey}|${versionKey(req.period, ctx.state)}|${ids.join(",")}`;
  const late = await ctx.engine.memo(key, 1, () =>
    lateCasesBySubtree(db, quarterRange(req.period), closing.closedAt, ids),
  );
  const units = rows.map(
    (r): OfficialUnitResult => ({
      ...storedResult(r.result),
      official: true,
      lateCases: late.get(r.orgUnitId) ?? 0,
    }),
  );
  return {
    period,
    scheme: { id: closing.schemeId, version: closing.schemeVersion },
    official: true,
    closing: closingRef(closing),
    lateCases: units[0]!.lateCases,
    dataAsOf: closing.dataAsOf as DataAsOf,
    units,
    surveys: new Map(rows.map((r) => [r.code, r.survey as SurveySumsRow])),
  };
}

/** The official answer when `req` has one (see {@link answeringClosing}), else `null`. */
export async function officialAnswer(
  engine: IndicatorEngine,
  req: OfficialRequest,
): Promise<OfficialReport | null> {
  const closing = await answeringClosing(engine.db, req);
  return closing ? officialReport(engine, req, closing) : null;
}

/** A stored UnitResult; figures stored before issue 20 carry no total: theirs was the index. */
function storedResult(raw: unknown): UnitResult {
  const r = raw as UnitResult;
  if (r.total !== undefined) return r;
  return { ...r, assessorScore: null, adjustment: 0, total: r.index, provisional: false };
}
