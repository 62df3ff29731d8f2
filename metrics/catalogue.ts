/**
 * The indicator catalogue of the "369-default" scheme: INDICATORS.md as data.
 *
 * Source: INDICATORS.md ("Indicators", "Rounding"), derived from seed 000 §六 6.1 评估指标体系
 * (治理效能、服务效能、资源利用、群众参与). Code, exports and reports read names, units,
 * goalposts and weights from here instead of repeating them; a change of meaning is a new scheme
 * version (see `scheme.ts`), never an edit of these rows.
 *
 * Where an indicator is defined, all of it (adding or changing one touches these and no more):
 * 1. here: its row, in `indicator-rows.ts` (name, unit, direction, goalposts, weight), and what
 *    this module derives from it (rounding, whether it uses returns);
 * 2. `api/indicators/queries/case-sums.ts` and `sums.ts`: the SQL sums its numerator and denominator come from
 *    (case sums and return sums per unit, summed over subtrees), with their row fields;
 * 3. `api/indicators/values.ts`: value assembly, the (numerator, denominator) pair from those sums
 *    (`pairs`) and the empty figures of a unit with no data;
 * 4. `reports/assemble/indicator-text.ts`: its formula in words (口径) for reports and the workbook;
 * 5. `reports/assemble/quarterly-text.ts`: the rectification advice (整改建议) a red value gets;
 * 6. `scripts/demo/profile.ts`: how the demo generator makes data for it.
 * Scoring, aggregation, ranks, exports and the workbook's formulas read the row and need no edit;
 * an exemption (核减) reaches every case sum through `COUNTED_CASE` in sums.ts.
 */
import { type Dimension, type Direction, ROWS, type UnitLabel } from "./indicator-rows.ts";

export {
  DIMENSIONS,
  type Dimension,
  type Direction,
  type UnitLabel,
} from "./indicator-rows.ts";

/**
 * One row of the INDICATORS.md table.
 *
 * - `factor`: multiplier applied to numerator / denominator (100 for %, 1000 for ‰, 10000 for per
 *   10k, 1 otherwise). R1 is the exception to the plain ratio: see `fundExecution`.
 * - `target`, `floor`, `weight`: the 369-default goalposts and weight within the dimension.
 * - `usesReturns`: takes a figure from the quarterly returns, so it has no value for a unit whose
 *   subtree filed no return for the quarter (all of R1–R4 and P1–P4).
 * - `decimals`: display rounding (half away from zero) from INDICATORS.md "Rounding".
 */
export interface IndicatorDef {
  readonly code: IndicatorCode;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly dimension: Dimension;
  readonly unit: UnitLabel;
  readonly factor: number;
  readonly direction: Direction;
  readonly target: number;
  readonly floor: number;
  readonly weight: number;
  readonly usesReturns: boolean;
  readonly decimals: number;
}

/**
 * Display decimals by unit (INDICATORS.md "Rounding"): percentages, hours and scores to one
 * decimal, ‰ and per-10,000 values to two, yuan to whole yuan.
 *
 * @example
 * ```ts
 * UNIT_DECIMALS["‰"]; // 2
 * ```
 */
export const UNIT_DECIMALS: Readonly<Record<UnitLabel, number>> = Object.freeze({
  "%": 1,
  "‰": 2,
  h: 1,
  元: 0,
  每万人: 2,
  分: 1,
});

/** One of the 17 indicator codes (G = governance, S = service, R = resources, P = participation). */
export type IndicatorCode = keyof typeof ROWS;

/**
 * Indicator codes in the catalogue's order (G1–G4, S1–S5, R1–R4, P1–P4), the order of every
 * table and export.
 *
 * @example
 * ```ts
 * INDICATOR_CODES.length; // 17
 * ```
 */
export const INDICATOR_CODES: readonly IndicatorCode[] = Object.freeze(
  Object.keys(ROWS) as IndicatorCode[],
);

/**
 * The 17 indicators of INDICATORS.md by code, frozen.
 *
 * Source: INDICATORS.md "Indicators" table; seed 000 §六 6.1. `usesReturns` is true exactly for
 * the resources and participation sets (R1–R4, P1–P4), whose figures come from the quarterly return.
 *
 * @example
 * ```ts
 * INDICATORS.S1; // { code: "S1", nameZh: "平均办理时长", unit: "h", direction: "down",
 *                //   target: 24, floor: 120, weight: 20, factor: 1, decimals: 1, ... }
 * ```
 */
export const INDICATORS: Readonly<Record<IndicatorCode, IndicatorDef>> = Object.freeze(
  Object.fromEntries(
    INDICATOR_CODES.map((code) => {
      const r = ROWS[code];
      const usesReturns = r.dimension === "resources" || r.dimension === "participation";
      const def: IndicatorDef = { code, ...r, usesReturns, decimals: UNIT_DECIMALS[r.unit] };
      return [code, Object.freeze(def)];
    }),
  ) as Record<IndicatorCode, IndicatorDef>,
);

/** A dimension's names and its 369-default weight in the overall index. */
export interface DimensionDef {
  readonly dimension: Dimension;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly weight: number;
  readonly indicators: readonly IndicatorCode[];
}

/**
 * The four dimensions with their Chinese names, default weights (governance 30, service 30,
 * resources 20, participation 20) and member indicators in catalogue order.
 *
 * Source: INDICATORS.md "Scores, dimensions, index"; seed 000 §六 6.1.
 *
 * @example
 * ```ts
 * DIMENSION_DEFS.resources; // { nameZh: "资源利用", weight: 20, indicators: ["R1", "R2", "R3", "R4"], ... }
 * ```
 */
export const DIMENSION_DEFS: Readonly<Record<Dimension, DimensionDef>> = Object.freeze({
  governance: dimensionDef("governance", "治理效能", "governance effectiveness", 30),
  service: dimensionDef("service", "服务效能", "service effectiveness", 30),
  resources: dimensionDef("resources", "资源利用", "resource utilisation", 20),
  participation: dimensionDef("participation", "群众参与", "public participation", 20),
});

function dimensionDef(
  dimension: Dimension,
  nameZh: string,
  nameEn: string,
  weight: number,
): DimensionDef {
  const indicators = Object.freeze(
    INDICATOR_CODES.filter((code) => ROWS[code].dimension === dimension),
  );
  return Object.freeze({ dimension, nameZh, nameEn, weight, indicators });
}
