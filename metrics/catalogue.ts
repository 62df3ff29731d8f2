/**
 * The indicator catalogue of the "369-default" scheme: INDICATORS.md as data.
 *
 * Source: INDICATORS.md ("Indicators", "Rounding"), derived from seed 000 §六 6.1 评估指标体系
 * (治理效能、服务效能、资源利用、群众参与). Code, exports and reports read names, units,
 * goalposts and weights from here instead of repeating them; a change of meaning is a new scheme
 * version (see `scheme.ts`), never an edit of these rows.
 *
 * Where an indicator is defined, all of it (adding or changing one touches these and no more):
 * 1. here: its row (name, unit, direction, goalposts, weight, rounding, whether it uses returns);
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

/**
 * The four indicator sets (dimensions) of seed 000 §六 6.1, in display order.
 *
 * @example
 * ```ts
 * DIMENSIONS[0]; // "governance"
 * ```
 */
export const DIMENSIONS = ["governance", "service", "resources", "participation"] as const;

/** One of the four dimensions. */
export type Dimension = (typeof DIMENSIONS)[number];

/** `up`: higher is better (↑); `down`: lower is better (↓). */
export type Direction = "up" | "down";

/** Unit label as shown next to a value; `分` is a 0–100 score, `每万人` "per 10,000 residents". */
export type UnitLabel = "%" | "‰" | "h" | "元" | "每万人" | "分";

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

interface Row {
  readonly nameZh: string;
  readonly nameEn: string;
  readonly dimension: Dimension;
  readonly unit: UnitLabel;
  readonly factor: number;
  readonly direction: Direction;
  readonly target: number;
  readonly floor: number;
  readonly weight: number;
}

// Literal rows, field for field as in the INDICATORS.md table, so the two can be compared.
const ROWS = {
  G1: {
    nameZh: "问题主动发现率",
    nameEn: "proactive discovery rate",
    dimension: "governance",
    unit: "%",
    factor: 100,
    direction: "up",
    target: 60,
    floor: 20,
    weight: 25,
  },
  G2: {
    nameZh: "按期办结率",
    nameEn: "on-time resolution rate",
    dimension: "governance",
    unit: "%",
    factor: 100,
    direction: "up",
    target: 95,
    floor: 70,
    weight: 25,
  },
  G3: {
    nameZh: "响应及时率",
    nameEn: "timely response rate",
    dimension: "governance",
    unit: "%",
    factor: 100,
    direction: "up",
    target: 95,
    floor: 70,
    weight: 20,
  },
  G4: {
    nameZh: "群众满意度指数",
    nameEn: "satisfaction index",
    dimension: "governance",
    unit: "分",
    factor: 1,
    direction: "up",
    target: 85,
    floor: 60,
    weight: 30,
  },
  S1: {
    nameZh: "平均办理时长",
    nameEn: "mean service handling time",
    dimension: "service",
    unit: "h",
    factor: 1,
    direction: "down",
    target: 24,
    floor: 120,
    weight: 20,
  },
  S2: {
    nameZh: "一次办结率",
    nameEn: "one-pass completion rate",
    dimension: "service",
    unit: "%",
    factor: 100,
    direction: "up",
    target: 90,
    floor: 60,
    weight: 25,
  },
  S3: {
    nameZh: "投诉率",
    nameEn: "complaint rate",
    dimension: "service",
    unit: "‰",
    factor: 1000,
    direction: "down",
    target: 5,
    floor: 30,
    weight: 20,
  },
  S4: {
    nameZh: "网上办理率",
    nameEn: "online handling rate",
    dimension: "service",
    unit: "%",
    factor: 100,
    direction: "up",
    target: 70,
    floor: 20,
    weight: 15,
  },
  S5: {
    nameZh: "回访满意率",
    nameEn: "callback satisfaction rate",
    dimension: "service",
    unit: "%",
    factor: 100,
    direction: "up",
    target: 90,
    floor: 60,
    weight: 20,
  },
  R1: {
    nameZh: "资金执行进度",
    nameEn: "fund execution against time",
    dimension: "resources",
    unit: "%",
    factor: 100,
    direction: "up",
    target: 100,
    floor: 50,
    weight: 35,
  },
  R2: {
    nameZh: "每万人社区工作者数",
    nameEn: "community workers per 10,000 residents",
    dimension: "resources",
    unit: "每万人",
    factor: 10000,
    direction: "up",
    target: 18,
    floor: 8,
    weight: 25,
  },
  R3: {
    nameZh: "编制到岗率",
    nameEn: "staffing fill rate",
    dimension: "resources",
    unit: "%",
    factor: 100,
    direction: "up",
    target: 95,
    floor: 60,
    weight: 20,
  },
  R4: {
    nameZh: "件均成本",
    nameEn: "cost per resolved case",
    dimension: "resources",
    unit: "元",
    factor: 1,
    direction: "down",
    target: 300,
    floor: 1500,
    weight: 20,
  },
  P1: {
    nameZh: "居民参与率",
    nameEn: "resident participation rate",
    dimension: "participation",
    unit: "%",
    factor: 100,
    direction: "up",
    target: 30,
    floor: 5,
    weight: 30,
  },
  P2: {
    nameZh: "协商事项解决率",
    nameEn: "consultation resolution rate",
    dimension: "participation",
    unit: "%",
    factor: 100,
    direction: "up",
    target: 80,
    floor: 40,
    weight: 30,
  },
  P3: {
    nameZh: "志愿者注册率",
    nameEn: "volunteer registration rate",
    dimension: "participation",
    unit: "%",
    factor: 100,
    direction: "up",
    target: 5,
    floor: 1,
    weight: 20,
  },
  P4: {
    nameZh: "平台使用率",
    nameEn: "platform usage rate",
    dimension: "participation",
    unit: "%",
    factor: 100,
    direction: "up",
    target: 60,
    floor: 20,
    weight: 20,
  },
} as const satisfies Record<string, Row>;

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
