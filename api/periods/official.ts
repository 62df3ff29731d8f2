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
import { Conflict, Invalid, NotFound } from "../errors.ts";
import { type ReportRequest, resolve } from "../indicators/context.ts";
import { type IndicatorEngine, quarterRange, versionKey } from "../indicators/engine.ts";
import type { SurveySumsRow } from "../indicators/queries/sums.ts";
import { type DataAsOf, type IndicatorReport, indicatorReport } from "../indicators/report.ts";
import { DEFAULT_SCHEME_ID } from "../schemes/definition.ts";
import { listSchemeVersions } from "../schemes/queries.ts";
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

/**
 * The two ways out of the official figures a reader may ask for (query parameters `live=true`
 * and `version=N` wherever a quarter's figures are read: GET /indicators, the dashboard pages).
 */
export interface FigureChoice {
  /** The live figures even for a closed quarter. */
  live?: boolean | undefined;
  /** A closing's version; absent: the quarter's current closing, if it is closed. */
  version?: number | undefined;
}

export interface OfficialRequest extends ReportRequest, FigureChoice {
  children: boolean;
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
 * THE rule of every reader of a quarter's figures (GET /indicators, the dashboard's pages and
 * exports, reports and the assessor workbook): a closed quarter answers the official figures of
 * its newest closing, unless `live` (the live figures) or `version` (that closing's figures, 404
 * when none). An open quarter answers live. `null`: answer live.
 *
 * Official figures are stored for the default scheme's version of the year only (close.ts): a
 * closed quarter asked under another scheme, or another version of it, has none and is refused
 * (409, saying so and how to get live figures) unless `live` says live figures are wanted; with
 * `version`, 422 naming the scheme the closing was computed under.
 */
export async function answeringClosing(
  db: Kysely<DB>,
  req: OfficialRequest,
): Promise<ClosingRow | null> {
  const period = formatPeriod(req.period);
  if (req.live && req.version !== undefined) {
    throw new Invalid("live=true 与 version 不能同时使用", [
      { path: "query.version", message: "实时数据没有版本；去掉 live 或 version 之一" },
    ]);
  }
  if (req.live) return null;
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
  if (!newest || !isClosed(newest)) return null;
  const otherScheme = newest.schemeId !== req.schemeId;
  if (otherScheme || (req.schemeVersion ?? newest.schemeVersion) !== newest.schemeVersion) {
    // An unknown scheme stays the 404 every quarter answers.
    if (otherScheme && (await listSchemeVersions(db, req.schemeId)).length === 0) return null;
    const asked = otherScheme
      ? `方案 ${req.schemeId}`
      : `方案 ${req.schemeId} 第 ${req.schemeVersion} 版`;
    throw new Conflict(
      `${period} 已关账，正式数据只按方案 ${newest.schemeId} 第 ${newest.schemeVersion} 版计算，${asked}没有正式数据；${asked}的实时数据可加参数 live=true 查询（GET /indicators）`,
    );
  }
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

/**
 * The closing answering each quarter ever closed (the default scheme's figures, as the dashboard
 * reads them) under {@link answeringClosing}'s rule, from `all` closings (listClosings: newest
 * quarter first, newest version first): none with `live`; `version` names the closing of
 * `selected` only (404 when none); every other quarter answers its newest closing when closed.
 */
export function closingsByRule(
  all: readonly ClosingRow[],
  choice: FigureChoice & { selected: string },
): Map<string, ClosingRow> {
  const out = new Map<string, ClosingRow>();
  if (choice.live) return out;
  const seen = new Set<string>();
  for (const row of all) {
    // Newest first: the first row of a quarter says whether it is closed.
    if (seen.has(row.period)) continue;
    seen.add(row.period);
    if (isClosed(row) && row.schemeId === DEFAULT_SCHEME_ID) out.set(row.period, row);
  }
  if (choice.version !== undefined) {
    const named = all.find((r) => r.period === choice.selected && r.version === choice.version);
    if (!named) throw new NotFound(`${choice.selected} 没有第 ${choice.version} 版正式数据`);
    out.set(choice.selected, named);
  }
  return out;
}

/**
 * The figures `req` asks for under {@link answeringClosing}'s rule: the official answer, else the
 * live one (also for a unit created after the close, which has no official figures).
 */
export async function quarterFigures(
  engine: IndicatorEngine,
  req: OfficialRequest,
): Promise<OfficialReport | IndicatorReport> {
  return (await officialAnswer(engine, req)) ?? indicatorReport(engine, req);
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
