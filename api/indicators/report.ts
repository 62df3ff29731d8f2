/**
 * GET /indicators and POST /what-if answers (CONTRACT.md UnitResult), built on the shared
 * resolution in context.ts. GET answers are cached whole; what-ifs only reuse the cached figures.
 */
import type { SchemeDefinition } from "../../metrics/index.ts";
import { formatPeriod, shiftQuarter } from "../../shapes/periods.ts";
import type { UnitResult } from "../../shapes/unit-result.ts";
import { assessmentsKey } from "../assessments/queries.ts";
import { childrenOf } from "../org-tree/tree-index.ts";
import {
  buildUnits,
  type Context,
  type DataAsOf,
  dataAsOf,
  type ReportRequest,
  resolve,
} from "./context.ts";
import { type IndicatorEngine, versionKey } from "./engine.ts";
import type { PeriodFigures } from "./results.ts";
import { applyWhatIf, type WhatIfChanges } from "./what-if.ts";

export type { DataAsOf, ReportRequest } from "./context.ts";
export { type SensitivityReport, sensitivityReport } from "./sensitivity.ts";

export interface IndicatorReport {
  period: string;
  scheme: { id: string; version: number };
  /** True for a closed quarter's official figures (api/periods/official.ts); false: live. */
  official: boolean;
  dataAsOf: DataAsOf;
  units: UnitResult[];
}

export interface WhatIfReport extends IndicatorReport {
  method: SchemeDefinition["method"];
  definition: SchemeDefinition;
  notes: string[];
}

interface CachedUnits {
  units: UnitResult[];
  period: PeriodFigures;
  /** `units` serialised and UTF-8 encoded once, for the JSON answer. */
  json: Uint8Array<ArrayBuffer>;
  /** The last whole answer built from it, reused while its head (dataAsOf) is unchanged. */
  last?: { head: string; body: Uint8Array<ArrayBuffer> };
}

const utf8 = new TextEncoder();

/**
 * The unit (and its children) under the stored scheme, cached. The answer is keyed on everything
 * it depends on (period, unit, children, scheme version, tree, data versions of Q, Q−1, Q−4), so a
 * warm request costs only the few small queries that build the key.
 */
async function cachedUnits(
  engine: IndicatorEngine,
  req: ReportRequest & { children: boolean },
  resolved?: Context,
): Promise<{ ctx: Context; cached: CachedUnits }> {
  const ctx = resolved ?? (await resolve(engine, req));
  const q = req.period;
  // Assessor scores and points change totals, grades and ranks: their state is in the key.
  const assessed = await assessmentsKey(engine.db, q);
  const key = [
    "report",
    formatPeriod(q),
    ctx.unit.id,
    req.children,
    `${ctx.scheme.id}@${ctx.scheme.version}`,
    ctx.state.treeKey,
    versionKey(q, ctx.state),
    versionKey(shiftQuarter(q, -1), ctx.state),
    versionKey(shiftQuarter(q, -4), ctx.state),
    assessed,
  ].join("|");
  const size = req.children ? childrenOf(ctx.tree, ctx.unit.id).length + 1 : 1;
  const cached = await ctx.engine.memo(key, size, async () => {
    const built = await buildUnits(ctx, q, ctx.scheme.definition, req.children);
    // Copied into a plain ArrayBuffer: Workers type encode() as possibly shared memory.
    const cached: CachedUnits = {
      ...built,
      json: new Uint8Array(utf8.encode(JSON.stringify(built.units))),
    };
    return cached;
  });
  return { ctx, cached };
}

/**
 * GET /indicators' live answer as an object (for callers that go on computing with it: reports, exports). The
 * `units` are the cached ones, shared by every caller until the data changes: read, never modify.
 */
export async function indicatorReport(
  engine: IndicatorEngine,
  req: ReportRequest & { children: boolean },
): Promise<IndicatorReport> {
  const { ctx, cached } = await cachedUnits(engine, req);
  return {
    period: formatPeriod(req.period),
    scheme: { id: ctx.scheme.id, version: ctx.scheme.version },
    official: false,
    dataAsOf: dataAsOf(ctx.freshness, cached.period),
    units: cached.units,
  };
}

/**
 * GET /indicators as the UTF-8 bytes of its JSON, equal to `JSON.stringify(await
 * indicatorReport(…))`: the units (a megabyte for a district with 300 children) are serialised
 * and encoded once per cache entry, and the whole answer is reused while `dataAsOf` is unchanged,
 * so a warm request neither serialises nor encodes anything large.
 */
export async function indicatorReportJson(
  engine: IndicatorEngine,
  req: ReportRequest & { children: boolean },
  resolved?: Context,
): Promise<Uint8Array<ArrayBuffer>> {
  const { ctx, cached } = await cachedUnits(engine, req, resolved);
  const head = JSON.stringify({
    period: formatPeriod(req.period),
    scheme: { id: ctx.scheme.id, version: ctx.scheme.version },
    official: false,
    dataAsOf: dataAsOf(ctx.freshness, cached.period),
  });
  if (cached.last?.head === head) return cached.last.body;
  const prefix = utf8.encode(`${head.slice(0, -1)},"units":`);
  const body = new Uint8Array(prefix.length + cached.json.length + 1);
  body.set(prefix, 0);
  body.set(cached.json, prefix.length);
  body[body.length - 1] = 0x7d; // "}"
  cached.last = { head, body };
  return body;
}

/** POST /what-if: the unit and its children under the stored scheme with changes; not stored. */
export async function whatIfReport(
  engine: IndicatorEngine,
  req: ReportRequest & { changes: WhatIfChanges },
): Promise<WhatIfReport> {
  const ctx = await resolve(engine, req);
  const { scheme, notes } = applyWhatIf(ctx.scheme.definition, req.changes);
  const { units, period } = await buildUnits(ctx, req.period, scheme, true);
  return {
    period: formatPeriod(req.period),
    scheme: { id: ctx.scheme.id, version: ctx.scheme.version },
    official: false,
    method: scheme.method,
    definition: scheme,
    notes,
    dataAsOf: dataAsOf(ctx.freshness, period),
    units,
  };
}
