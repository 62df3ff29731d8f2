import type { SchemeDefinition } from "../../metrics/index.ts";
import { type Quarter, shiftQuarter } from "../../shapes/periods.ts";
import type { UnitResult } from "../../shapes/unit-result.ts";
import { assessmentInputs } from "../assessments/queries.ts";
import { Forbidden, Invalid, NotFound } from "../errors.ts";
import type { UnitRef } from "../org-tree/queries.ts";
import { childrenOf, inSubtree, siblingsOf, type TreeIndex } from "../org-tree/tree-index.ts";
import {
  resolveSchemeVersion,
  type SchemeVersion,
  toSchemeVersion,
} from "../schemes/definition.ts";
import { listSchemeVersions } from "../schemes/queries.ts";
import type { EngineState, IndicatorEngine } from "./engine.ts";
import { type SourceFreshnessRow, sourceFreshness } from "./queries/state.ts";
import { evaluateUnits, type PeriodFigures, unitResult } from "./results.ts";

export interface ReportRequest {
  period: Quarter;
  /** Unit code; absent: the caller's scope root (or the tree's only root). */
  orgUnit?: string | undefined;
  /** The caller's scope root; `null` for the whole tree. */
  scopeUnitId: number | null;
  schemeId: string;
  /** Pins a scheme version (a published quarter keeps its version); else by valid-from year. */
  schemeVersion?: number | undefined;
}

export interface DataAsOf {
  sources: Record<string, { lastReceivedAt: string; maxReportedAt: string | null }>;
  returns: string | null;
  surveys: string | null;
}

/** What every indicator answer resolves first. */
export interface Context {
  engine: IndicatorEngine;
  state: EngineState;
  tree: TreeIndex;
  unit: UnitRef;
  scheme: SchemeVersion;
  freshness: SourceFreshnessRow[];
}

/**
 * Resolves a request: current tree fingerprint and data versions, the unit (404 unknown, 403
 * outside the caller's scope, 422 none named and none implied) and the scheme version (404).
 */
export async function resolve(engine: IndicatorEngine, req: ReportRequest): Promise<Context> {
  const db = engine.db;
  const y = req.period.year;
  // Independent small reads, in parallel where the store has several connections.
  const [state, schemeRows, freshness] = await Promise.all([
    engine.state([y - 1, y]),
    listSchemeVersions(db, req.schemeId),
    sourceFreshness(db),
  ]);
  const tree = await engine.tree(state);
  const unit = pickUnit(tree, req);
  const versions = schemeRows.map(toSchemeVersion);
  if (versions.length === 0) throw new NotFound(`没有指标方案 ${req.schemeId}`);
  const scheme = resolveSchemeVersion(versions, y, req.schemeVersion);
  if (!scheme) {
    throw new NotFound(
      req.schemeVersion !== undefined
        ? `指标方案 ${req.schemeId} 没有第 ${req.schemeVersion} 版`
        : `指标方案 ${req.schemeId} 没有适用于 ${y} 年的版本`,
    );
  }
  return { engine, state, tree, unit, scheme, freshness };
}

function pickUnit(tree: TreeIndex, req: ReportRequest): UnitRef {
  let unit: UnitRef | undefined;
  if (req.orgUnit !== undefined) {
    unit = tree.byCode.get(req.orgUnit);
    if (!unit) throw new NotFound(`没有编码为 ${req.orgUnit} 的单位`);
  } else if (req.scopeUnitId !== null) {
    unit = tree.byId.get(req.scopeUnitId);
  } else {
    const roots = tree.children.get(null) ?? [];
    if (roots.length === 1) unit = roots[0];
  }
  if (!unit) {
    throw new Invalid("请指定单位", [{ path: "orgUnit", message: "必填：请指定要查看的单位" }]);
  }
  if (req.scopeUnitId !== null && !inSubtree(tree, req.scopeUnitId, unit.id)) {
    throw new Forbidden(`单位 ${unit.code} 不在您的管辖范围内`);
  }
  return unit;
}

async function periodFigures(ctx: Context, q: Quarter, sla: number): Promise<PeriodFigures> {
  // 环比 and 同比 are computed under the same scheme as Q (G3's limit), so that they compare
  // like with like.
  const [current, previous, lastYear] = await Promise.all([
    ctx.engine.figures(q, sla, ctx.state),
    ctx.engine.figures(shiftQuarter(q, -1), sla, ctx.state),
    ctx.engine.figures(shiftQuarter(q, -4), sla, ctx.state),
  ]);
  return { current, previous, lastYear };
}

/** When each input was last written: per case source, and the quarter's returns and surveys. */
export function dataAsOf(freshness: readonly SourceFreshnessRow[], p: PeriodFigures): DataAsOf {
  return {
    sources: Object.fromEntries(
      freshness.map((r) => [
        r.source,
        {
          lastReceivedAt: r.lastReceivedAt.toISOString(),
          maxReportedAt: r.maxReportedAt?.toISOString() ?? null,
        },
      ]),
    ),
    returns: p.current.returnsAt?.toISOString() ?? null,
    surveys: p.current.surveysAt?.toISOString() ?? null,
  };
}

/**
 * The unit (ranked among its own siblings) and, when asked, its children (ranked among
 * themselves, by total), each with 环比/同比 values, the shown-but-not-scored figures and its
 * total from the quarter's assessments (one query for all of them).
 */
export async function buildUnits(
  ctx: Context,
  q: Quarter,
  scheme: SchemeDefinition,
  children: boolean,
): Promise<{ units: UnitResult[]; period: PeriodFigures }> {
  const period = await periodFigures(ctx, q, scheme.responseSlaMinutes);
  const siblings = siblingsOf(ctx.tree, ctx.unit);
  const kids = children ? childrenOf(ctx.tree, ctx.unit.id) : [];
  const hours = await ctx.engine.handlingHours(
    q,
    [ctx.unit.id, ...kids.map((k) => k.id)],
    ctx.state,
  );
  const none = { median: null, p90: null };
  const assessments = await assessmentInputs(ctx.engine.db, q, [
    ...siblings.map((s) => s.id),
    ...kids.map((k) => k.id),
  ]);
  const own = evaluateUnits(siblings, period.current, scheme, assessments);
  const at = siblings.findIndex((s) => s.id === ctx.unit.id);
  const units = [
    unitResult(
      ctx.unit,
      own.figures[at]!,
      own.evaluations[at]!,
      period,
      scheme,
      hours.get(ctx.unit.id) ?? none,
    ),
  ];
  if (kids.length > 0) {
    const k = evaluateUnits(kids, period.current, scheme, assessments);
    kids.forEach((kid, i) => {
      units.push(
        unitResult(
          kid,
          k.figures[i]!,
          k.evaluations[i]!,
          period,
          scheme,
          hours.get(kid.id) ?? none,
        ),
      );
    });
  }
  return { units, period };
}
