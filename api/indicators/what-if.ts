/**
 * What-if: a stored scheme with an assessor's changes applied (weights, goalposts, normalisation,
 * aggregation), never stored. Weight sets that do not sum to 100 are renormalised to 100 and the
 * answer says so; that changes no score (the means are scale-free) but keeps the weights readable.
 */
import {
  type Aggregation,
  DIMENSION_DEFS,
  DIMENSIONS,
  type Dimension,
  INDICATOR_CODES,
  type IndicatorCode,
  type Normalisation,
  type SchemeDefinition,
  type TargetOverride,
} from "../../metrics/index.ts";
import { type FieldError, Invalid } from "../errors.ts";
import { checkTargetOverrides } from "../schemes/assessment-fields.ts";
import { goalpostProblem, weightSumProblems } from "../schemes/definition.ts";

/** The changes a what-if request asks for (weights non-negative, as its zod schema checks). */
export interface WhatIfChanges {
  weights?: {
    indicators?: Record<string, number>;
    dimensions?: Record<string, number>;
  };
  targets?: Record<string, { target?: number; floor?: number }>;
  /** Replaces the scheme's targets by level and urban/rural (INDICATORS.md) when given. */
  targetOverrides?: (Omit<TargetOverride, "indicator"> & { indicator: string })[];
  normalisation?: Normalisation;
  aggregation?: Aggregation;
}

// Sums within this of 100 count as 100 (25.1 + 74.9 is 99.99999999999999 in binary).
const SUM_TOLERANCE = 1e-9;

function fmt(n: number): string {
  return String(Number(n.toPrecision(12)));
}

/**
 * Applies `changes` to a copy of `base`. Throws `Invalid` naming each bad field (`body.weights.
 * indicators.X9`: unknown code; `body.targets.S1`: goalposts the wrong way round; a weight set
 * summing to 0). Returns the scheme to score with and the notes on renormalised weights.
 */
export function applyWhatIf(
  base: SchemeDefinition,
  changes: WhatIfChanges,
): { scheme: SchemeDefinition; notes: string[] } {
  const errors: FieldError[] = [];
  const codes = new Set<string>(INDICATOR_CODES);
  const dims = new Set<string>(DIMENSIONS);
  const indicators = { ...base.indicators };
  const dimensions = { ...base.dimensions };

  for (const [code, weight] of Object.entries(changes.weights?.indicators ?? {})) {
    if (!codes.has(code)) {
      errors.push({
        path: `body.weights.indicators.${code}`,
        message: `没有指标 ${code}`,
      });
      continue;
    }
    const c = code as IndicatorCode;
    indicators[c] = { ...indicators[c], weight };
  }
  for (const [d, weight] of Object.entries(changes.weights?.dimensions ?? {})) {
    if (!dims.has(d)) {
      errors.push({ path: `body.weights.dimensions.${d}`, message: `没有维度 ${d}` });
      continue;
    }
    dimensions[d as Dimension] = { weight };
  }
  for (const [code, goal] of Object.entries(changes.targets ?? {})) {
    if (!codes.has(code)) {
      errors.push({ path: `body.targets.${code}`, message: `没有指标 ${code}` });
      continue;
    }
    const c = code as IndicatorCode;
    const target = goal.target ?? indicators[c].target;
    const floor = goal.floor ?? indicators[c].floor;
    const problem = goalpostProblem(c, target, floor);
    if (problem) errors.push({ path: `body.targets.${code}`, message: problem });
    indicators[c] = { ...indicators[c], target, floor };
  }
  for (const e of weightSumProblems({ dimensions, indicators }, "body.weights")) errors.push(e);
  const overrides = changes.targetOverrides
    ? checkTargetOverrides(changes.targetOverrides, "body.targetOverrides")
    : { overrides: base.targetOverrides, errors: [] };
  errors.push(...overrides.errors);
  if (errors.length > 0) throw new Invalid("推演参数无法使用，见 errors 中各字段", errors);

  const notes: string[] = [];
  for (const d of DIMENSIONS) {
    const set = DIMENSION_DEFS[d].indicators;
    const sum = set.reduce((s, c) => s + indicators[c].weight, 0);
    if (Math.abs(sum - 100) > SUM_TOLERANCE) {
      for (const c of set)
        indicators[c] = { ...indicators[c], weight: (indicators[c].weight * 100) / sum };
      notes.push(
        `Indicator weights of ${d} (${set.join(", ")}) summed to ${fmt(sum)}; renormalised to 100.`,
      );
    }
  }
  const dimSum = DIMENSIONS.reduce((s, d) => s + dimensions[d].weight, 0);
  if (Math.abs(dimSum - 100) > SUM_TOLERANCE) {
    for (const d of DIMENSIONS) dimensions[d] = { weight: (dimensions[d].weight * 100) / dimSum };
    notes.push(`Dimension weights summed to ${fmt(dimSum)}; renormalised to 100.`);
  }
  return {
    scheme: {
      ...base,
      targetOverrides: overrides.overrides,
      responseSlaMinutes: base.responseSlaMinutes,
      method: {
        normalisation: changes.normalisation ?? base.method.normalisation,
        aggregation: changes.aggregation ?? base.method.aggregation,
      },
      dimensions,
      indicators,
    },
    notes,
  };
}
