/**
 * GET /sensitivity: how the ranking of a unit's children moves when the weights move.
 */
import { DEFAULT_SENSITIVITY, rankSensitivity } from "../../metrics/index.ts";
import { formatPeriod } from "../../shapes/periods.ts";
import type { SensitivityRow } from "../../shapes/sensitivity.ts";
import { childrenOf } from "../org-tree/tree-index.ts";
import { type ReportRequest, resolve } from "./context.ts";
import { type IndicatorEngine, versionKey } from "./engine.ts";
import { evaluateUnits } from "./results.ts";

export interface SensitivityReport {
  period: string;
  scheme: { id: string; version: number };
  orgUnit: string;
  draws: number;
  seed: number;
  spread: number;
  /** Drawn over a closed quarter's official scores (api/periods/official-sensitivity.ts). */
  official: boolean;
  units: SensitivityRow[];
}

/**
 * GET /sensitivity: for each child of the unit, its rank and how the rank moves over 1,000
 * seeded draws of ±20% weights (metrics' `rankSensitivity`). Cached with the figures' versions.
 */
export async function sensitivityReport(
  engine: IndicatorEngine,
  req: ReportRequest,
): Promise<SensitivityReport> {
  const ctx = await resolve(engine, req);
  const q = req.period;
  const scheme = ctx.scheme.definition;
  const key = `sens|${formatPeriod(q)}|${ctx.unit.id}|${ctx.scheme.id}@${ctx.scheme.version}|${ctx.state.treeKey}|${versionKey(q, ctx.state)}`;
  const units = await ctx.engine.memo(key, 1, async () => {
    const figures = await ctx.engine.figures(q, scheme.responseSlaMinutes, ctx.state);
    const kids = childrenOf(ctx.tree, ctx.unit.id);
    const { evaluations } = evaluateUnits(kids, figures, scheme);
    // The indicator scores are fixed (normalised once among the children); only weights move.
    const sens = rankSensitivity(
      evaluations.map((e) => e.scores),
      scheme,
    );
    return kids.map(
      (kid, i): SensitivityRow => ({
        code: kid.code,
        name: kid.name,
        index: evaluations[i]!.index,
        rank: sens[i]!.rank,
        medianRank: sens[i]!.medianRank,
        p5Rank: sens[i]!.p5Rank,
        p95Rank: sens[i]!.p95Rank,
      }),
    );
  });
  return {
    period: formatPeriod(q),
    scheme: { id: ctx.scheme.id, version: ctx.scheme.version },
    orgUnit: ctx.unit.code,
    draws: DEFAULT_SENSITIVITY.draws,
    seed: DEFAULT_SENSITIVITY.seed,
    spread: DEFAULT_SENSITIVITY.spread,
    official: false,
    units,
  };
}
