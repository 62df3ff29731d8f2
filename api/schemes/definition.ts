/**
 * Scoring schemes as stored data: which version applies to a period, and what a valid scheme
 * definition is. Pure functions; the rows come from api/schemes/queries.ts.
 */
import {
  DEFAULT_CYCLE_FIELDS,
  DIMENSION_DEFS,
  DIMENSIONS,
  type Dimension,
  INDICATOR_CODES,
  INDICATORS,
  type IndicatorCode,
  type SchemeDefinition,
} from "../../metrics/index.ts";
import type { FieldError } from "../errors.ts";
import { type AssessmentFieldsInput, assessmentFieldProblems } from "./assessment-fields.ts";
import type { SchemeRow } from "./queries.ts";

/** The scheme every result uses unless the caller names another. */
export const DEFAULT_SCHEME_ID = "369-default";

/** A stored scheme version with its definition typed. */
export interface SchemeVersion {
  id: string;
  version: number;
  validFromYear: number;
  name: string;
  definition: SchemeDefinition;
  createdBy: string | null;
  createdAt: Date;
}

/**
 * A stored definition as a `SchemeDefinition`. Stored rows were validated on the way in (or
 * written by a migration), so this only fills a direction the JSON left out from the catalogue,
 * and the assessment and cycle fields a definition stored before issue 20 lacks (the default
 * scheme's: no items, w = 0, cap 5, days 10 / 15 / 30).
 */
export function toSchemeVersion(row: SchemeRow): SchemeVersion {
  const raw = row.definition as SchemeDefinition;
  const indicators = {} as SchemeDefinition["indicators"];
  for (const code of INDICATOR_CODES) {
    const s = raw.indicators[code];
    indicators[code] = { ...s, direction: s.direction ?? INDICATORS[code].direction };
  }
  return {
    id: row.id,
    version: row.version,
    validFromYear: row.validFromYear,
    name: row.name,
    definition: {
      ...DEFAULT_CYCLE_FIELDS,
      assessorItems: [],
      adjustmentItems: [],
      targetOverrides: [],
      ...(raw as Partial<SchemeDefinition>),
      responseSlaMinutes: raw.responseSlaMinutes,
      method: raw.method,
      dimensions: raw.dimensions,
      indicators,
    },
    createdBy: row.createdBy,
    createdAt: row.createdAt,
  };
}

/**
 * The version of one scheme that applies to `year`: among the versions whose `validFromYear ≤
 * year`, the one with the latest `validFromYear` (ties: the highest version number); or exactly
 * version `pinned` when given (a published quarter keeps the version it was published with).
 * `null` when none applies.
 *
 * A version applies from its effective year forward, until a version effective from a later year
 * takes over. It never reaches past that later version: v3 created "from 2025" after v2 "from
 * 2027" changes 2025 and 2026, not 2027 (picking the highest number for every year, as before,
 * let a version meant for a past year rescore every later year too). And it never rewrites
 * history: POST /schemes refuses (409) a version that would apply in a year with a closed quarter
 * or a published report (`frozenYearsHit`), so closed and published figures keep their version.
 *
 * @example
 * ```ts
 * // v1 from 2000, v2 from 2027, v3 from 2025: 2024 → v1, 2025 and 2026 → v3, 2027 → v2
 * ```
 */
export function resolveSchemeVersion(
  versions: readonly SchemeVersion[],
  year: number,
  pinned?: number,
): SchemeVersion | null {
  if (pinned !== undefined) return versions.find((v) => v.version === pinned) ?? null;
  let best: SchemeVersion | null = null;
  for (const v of versions) {
    if (v.validFromYear > year) continue;
    if (
      best === null ||
      v.validFromYear > best.validFromYear ||
      (v.validFromYear === best.validFromYear && v.version > best.version)
    ) {
      best = v;
    }
  }
  return best;
}

/**
 * The years among `frozen` (year → why it may not change) in which a new version of a scheme,
 * effective from `validFromYear`, would apply beside the `existing` versions: each with why.
 * Empty when the new version changes no closed or published year.
 */
export function frozenYearsHit(
  existing: readonly Pick<SchemeVersion, "version" | "validFromYear">[],
  validFromYear: number,
  frozen: ReadonlyMap<number, readonly string[]>,
): { year: number; why: readonly string[] }[] {
  const next = Math.max(0, ...existing.map((v) => v.version)) + 1;
  const all = [...existing, { version: next, validFromYear }] as SchemeVersion[];
  return [...frozen]
    .filter(([year]) => resolveSchemeVersion(all, year)?.version === next)
    .sort(([a], [b]) => a - b)
    .map(([year, why]) => ({ year, why }));
}

/**
 * Why a pair of goalposts is unusable for an indicator, or `null`: target and floor must differ
 * and lie the right way round for the indicator's direction (↑ target > floor, ↓ target < floor).
 */
export function goalpostProblem(code: IndicatorCode, target: number, floor: number): string | null {
  const dir = INDICATORS[code].direction;
  if (target === floor) return `目标值与底线不能相同（都是 ${target}）`;
  if (dir === "up" && !(target > floor)) {
    return `指标 ${code} 越高越好：目标值（${target}）须高于底线（${floor}）`;
  }
  if (dir === "down" && !(target < floor)) {
    return `指标 ${code} 越低越好：目标值（${target}）须低于底线（${floor}）`;
  }
  return null;
}

/** A definition as POST /schemes takes it, after its zod schema (types and signs checked). */
export interface SchemeDefinitionInput extends AssessmentFieldsInput {
  responseSlaMinutes: number;
  method: SchemeDefinition["method"];
  dimensions: Record<string, { weight: number }>;
  indicators: Record<
    string,
    { target: number; floor: number; weight: number; direction?: "up" | "down" }
  >;
}

/**
 * Checks what zod cannot: every indicator and dimension present and no unknown code, goalposts the
 * right way round, a direction equal to the catalogue's (changing it would change the indicator's
 * meaning), and weights that leave something to average. Returns the definition and the field
 * errors (paths under `prefix`); the definition is only meaningful when there are none.
 */
export function checkSchemeDefinition(
  input: SchemeDefinitionInput,
  prefix: string,
): { definition: SchemeDefinition; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const known = new Set<string>(INDICATOR_CODES);
  const knownDims = new Set<string>(DIMENSIONS);
  for (const code of Object.keys(input.indicators)) {
    if (!known.has(code)) {
      errors.push({ path: `${prefix}.indicators.${code}`, message: `没有指标 ${code}` });
    }
  }
  for (const d of Object.keys(input.dimensions)) {
    if (!knownDims.has(d)) {
      errors.push({ path: `${prefix}.dimensions.${d}`, message: `没有维度 ${d}` });
    }
  }
  const indicators = {} as SchemeDefinition["indicators"];
  for (const code of INDICATOR_CODES) {
    const s = input.indicators[code];
    const path = `${prefix}.indicators.${code}`;
    if (!s) {
      errors.push({
        path,
        message: `缺少：每个指标都须有目标值（target）、底线（floor）和权重（weight）`,
      });
      continue;
    }
    const direction = INDICATORS[code].direction;
    if (s.direction !== undefined && s.direction !== direction) {
      errors.push({
        path: `${path}.direction`,
        message: `指标 ${code} 的方向是 ${direction}；方向不同就是另一个指标`,
      });
    }
    const problem = goalpostProblem(code, s.target, s.floor);
    if (problem) errors.push({ path: `${path}.target`, message: problem });
    indicators[code] = { target: s.target, floor: s.floor, weight: s.weight, direction };
  }
  const dimensions = {} as Record<Dimension, { weight: number }>;
  for (const d of DIMENSIONS) {
    const w = input.dimensions[d];
    if (!w) {
      errors.push({ path: `${prefix}.dimensions.${d}`, message: "缺少：须有权重（weight）" });
      continue;
    }
    dimensions[d] = { weight: w.weight };
  }
  errors.push(...weightSumProblems({ dimensions, indicators }, prefix));
  const assessment = assessmentFieldProblems(input, prefix);
  errors.push(...assessment.errors);
  return {
    definition: {
      responseSlaMinutes: input.responseSlaMinutes,
      method: { ...input.method },
      dimensions,
      indicators,
      ...assessment.fields,
    },
    errors,
  };
}

/** Weight sets that sum to zero: nothing could be averaged. */
export function weightSumProblems(
  scheme: Pick<SchemeDefinition, "dimensions" | "indicators">,
  prefix: string,
): FieldError[] {
  const errors: FieldError[] = [];
  const dimSum = DIMENSIONS.reduce((s, d) => s + (scheme.dimensions[d]?.weight ?? 0), 0);
  if (DIMENSIONS.every((d) => scheme.dimensions[d]) && !(dimSum > 0)) {
    errors.push({ path: `${prefix}.dimensions`, message: "各维度权重之和为 0" });
  }
  for (const d of DIMENSIONS) {
    const codes = DIMENSION_DEFS[d].indicators;
    if (!codes.every((c) => scheme.indicators[c])) continue;
    const sum = codes.reduce((s, c) => s + scheme.indicators[c].weight, 0);
    if (!(sum > 0)) {
      errors.push({
        path: `${prefix}.indicators`,
        message: `维度 ${d} 下各指标（${codes.join("、")}）的权重之和为 0`,
      });
    }
  }
  return errors;
}
