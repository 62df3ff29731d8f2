/**
 * Where the assessment part of the assessor workbook sits (issue 20) and the formulas that
 * recompute it: each 指标明细 row picks the unit's target and floor from the overrides on 参数 (most
 * specific first: level and urban/rural, level, urban/rural, neither, the indicator's own), and 维度与指数
 * derives the assessor score and adjustment from 评估打分 and the total from them (INDICATORS.md
 * "Scores, dimensions, index"). Lookup keys use "-" for "any", never a wildcard character, since
 * MATCH(…, 0) treats `*` and `?` as wildcards.
 */
import { DETAIL_COLUMNS as C, DIM_COLUMNS, SHEETS } from "./assessment-formulas.ts";

/** Cells and rows of the assessment block on 参数 (below the grades). */
export const ASSESS_PARAMS = {
  weightCell: "$B$43",
  capCell: "$B$44",
  overrideHeaderRow: 46,
  overrideFirstRow: 47,
  /** Blank override rows left for the assessor to add one (their keys are formulas already). */
  spareRows: 5,
  /** Override columns: A key (formula), B indicator, C level, D urban/rural, E target, F floor. */
  keyCol: "A",
  codeCol: "B",
  levelCol: "C",
  urbanCol: "D",
  targetCol: "E",
  floorCol: "F",
} as const;

/** Written in a key for a level or urban/rural an override leaves open. */
export const ANY = "-";

/** Last row of the overrides block (overrides plus the spare rows). */
export const overrideLastRow = (overrides: number) =>
  ASSESS_PARAMS.overrideFirstRow + overrides + ASSESS_PARAMS.spareRows - 1;

const P = `'${SHEETS.params}'!`;
const SC = `'${SHEETS.scoring}'!`;

/** The key of override row `row`: `G1|社区|农村`, `-` where the override leaves it open. */
export function overrideKeyFormula(row: number): string {
  const a = ASSESS_PARAMS;
  const part = (col: string) => `IF(${col}${row}="","${ANY}",${col}${row})`;
  return `IF(${a.codeCol}${row}="","",${a.codeCol}${row}&"|"&${part(a.levelCol)}&"|"&${part(a.urbanCol)})`;
}

/**
 * The target (or floor) of 指标明细 row `row`: the most specific override for the row's indicator
 * (E), level (C) and urban/rural (U), else the indicator's own on 参数 (`ownCell`).
 *
 * @example
 * ```ts
 * goalpostFormula(5, "target", "'参数'!$F$5", 51);
 * // IFERROR(INDEX('参数'!$E$47:$E$51,MATCH(E5&"|"&C5&"|"&U5,'参数'!$A$47:$A$51,0)),IFERROR(…))
 * ```
 */
export function goalpostFormula(
  row: number,
  which: "target" | "floor",
  ownCell: string,
  lastRow: number,
): string {
  const a = ASSESS_PARAMS;
  const col = which === "target" ? a.targetCol : a.floorCol;
  const range = (c: string) => `${P}$${c}$${a.overrideFirstRow}:$${c}$${lastRow}`;
  const find = (key: string) => `INDEX(${range(col)},MATCH(${key},${range(a.keyCol)},0))`;
  const code = `${C.indicator}${row}`;
  const level = `${C.level}${row}`;
  const urban = `${C.urban}${row}`;
  const keys = [
    `${code}&"|"&${level}&"|"&${urban}`,
    `${code}&"|"&${level}&"|${ANY}"`,
    `${code}&"|${ANY}|"&${urban}`,
    `${code}&"|${ANY}|${ANY}"`,
  ];
  return keys.reduceRight((tail, key) => `IFERROR(${find(key)},${tail})`, ownCell);
}

/** Columns of 评估打分 (header row 1; each unit's assessor items, then its adjustment items). */
export const SCORING_COLUMNS = {
  code: "A",
  name: "B",
  kind: "C",
  item: "D",
  itemName: "E",
  /** Weight of an assessor item, maximum points of an adjustment item. */
  weight: "F",
  /** Score 0–100, or points (positive for both kinds; a penalty subtracts). */
  score: "G",
  comment: "H",
  state: "I",
} as const;

export const ASSESSOR_KIND_ZH = "评估项";

/** Row of item `j` of unit `k` on 评估打分, with `perUnit` items per unit. */
export const scoringRow = (k: number, j: number, perUnit: number) => 2 + k * perUnit + j;

const S = SCORING_COLUMNS;

/**
 * Assessor score: Σ(score × weight) / Σ(weight of the scored items) over the unit's assessor item
 * rows `first..last` on 评估打分; blank when no item is scored.
 */
export function assessorScoreFormula(first: number, last: number): string {
  const g = `${SC}$${S.score}$${first}:$${S.score}$${last}`;
  const f = `${SC}$${S.weight}$${first}:$${S.weight}$${last}`;
  const w = `SUMPRODUCT(ISNUMBER(${g})*${f})`;
  return `IF(${w}=0,"",SUMPRODUCT(ISNUMBER(${g})*${f},${g})/${w})`;
}

/**
 * Adjustment: Σ bonus − Σ penalty over rows `first..last` of 评估打分, each item's points taken as
 * a magnitude at most its maximum (`MIN(|p|, max)` written `(|p| + max − ||p| − max|) / 2` so it
 * works on ranges), the sum clamped to ± the cap on 参数.
 */
export function adjustmentFormula(first: number, last: number, bonusZh: string, penaltyZh: string) {
  const kind = `${SC}$${S.kind}$${first}:$${S.kind}$${last}`;
  const pts = `ABS(${SC}$${S.score}$${first}:$${S.score}$${last})`;
  const max = `${SC}$${S.weight}$${first}:$${S.weight}$${last}`;
  const cap = `${P}${ASSESS_PARAMS.capCell}`;
  const sign = `((${kind}="${bonusZh}")-(${kind}="${penaltyZh}"))`;
  const sum = `SUMPRODUCT(${sign}*(${pts}+${max}-ABS(${pts}-${max}))/2)`;
  return `MAX(-${cap},MIN(${cap},${sum}))`;
}

/** No adjustment items: the adjustment is 0 (still a formula of the cap, for the reader). */
export const noAdjustmentFormula = () => `MAX(-${P}${ASSESS_PARAMS.capCell},0)`;

/**
 * Total (综合得分) on 维度与指数 row `row`: `clamp((1 − w) × index + w × assessor + adjustment)`
 * with w > 0 and an assessor score, else `clamp(index + adjustment)`; blank without an index.
 */
export function totalFormula(row: number): string {
  const i = `${DIM_COLUMNS.index}${row}`;
  const m = `${DIM_COLUMNS.assessorScore}${row}`;
  const n = `${DIM_COLUMNS.adjustment}${row}`;
  const w = `${P}${ASSESS_PARAMS.weightCell}`;
  const blend = `IF(AND(${w}>0,${m}<>""),(1-${w})*${i}+${w}*${m},${i})`;
  return `IF(${i}="","",MIN(100,MAX(0,${blend}+${n})))`;
}

/**
 * 暂定 (是 / 否) on 维度与指数 row `row`: the scheme has assessor items (`firstItemRow` not null)
 * and the unit's assessment is not signed off, or w > 0 and a total without an assessor score.
 */
export function provisionalFormula(
  row: number,
  firstItemRow: number | null,
  signedZh: string,
): string {
  const w = `${P}${ASSESS_PARAMS.weightCell}`;
  const noScore = `AND(${w}>0,${DIM_COLUMNS.assessorScore}${row}="",${DIM_COLUMNS.index}${row}<>"")`;
  const unsigned =
    firstItemRow === null ? "FALSE()" : `${SC}${S.state}${firstItemRow}<>"${signedZh}"`;
  return `IF(OR(${unsigned},${noScore}),"是","否")`;
}
