/**
 * Where things sit in the assessor workbook and the Excel formulas that recompute them. Pure
 * strings: the formulas are INDICATORS.md written against cell addresses, so that an assessor can
 * read and audit each one, and so that changing a goalpost or weight on the 参数 sheet moves every
 * score, dimension, index, grade and rank. They work in Excel and in LibreOffice: ranges mixing
 * numbers and "" (no value) go through SUMPRODUCT, COUNT, MIN and MAX, which skip text, and
 * `(range<>"")` masks, never through arithmetic on the text itself.
 */
import {
  DIMENSION_DEFS,
  DIMENSIONS,
  type Dimension,
  INDICATOR_CODES,
} from "../../metrics/index.ts";

export const SHEETS = {
  readme: "说明",
  detail: "指标明细",
  dimensions: "维度与指数",
  survey: "问卷样本",
  quality: "数据质量",
  rectifications: "整改台账",
  params: "参数",
  scoring: "评估打分",
} as const;

/** Rows and cells of the 参数 sheet. */
export const PARAMS = {
  headerRow: 4,
  firstIndicatorRow: 5,
  /** Indicator columns: F target, G floor, H weight. */
  targetCol: "F",
  floorCol: "G",
  weightCol: "H",
  arrowCol: "E",
  dimHeaderRow: 23,
  dimWeightRow: 24,
  /** Dimension weights in B..E of `dimWeightRow`, in DIMENSIONS order. */
  dimWeightRange: "$B$24:$E$24",
  aggregationRow: 25,
  /** Constants (label A, value B, note C) from this row: quarter, time progress, z, n, SLA. */
  constantsFirstRow: 27,
  quarterCell: "$B$27",
  timeProgressCell: "$B$28",
  zCell: "$B$29",
  minSampleCell: "$B$30",
  slaCell: "$B$31",
  /** Status rows: 绿 when score ≥ C33, 黄 when ≥ C34, else the label in B35. */
  statusFirstRow: 33,
  /** Grade rows: label in B, minimum index in C, highest first; the last has no minimum. */
  gradeFirstRow: 37,
} as const;

/** Row of indicator `i` (catalogue order) on 参数. */
export const paramRow = (i: number) => PARAMS.firstIndicatorRow + i;

const P = `'${SHEETS.params}'!`;
const D = `'${SHEETS.detail}'!`;

/** Columns of 指标明细 (header row 1, one row per unit × indicator from row 2). */
export const DETAIL_COLUMNS = {
  code: "A",
  name: "B",
  level: "C",
  parent: "D",
  indicator: "E",
  indicatorName: "F",
  dimension: "G",
  numerator: "H",
  denominator: "I",
  factor: "J",
  timeProgress: "K",
  value: "L",
  unit: "M",
  arrow: "N",
  target: "O",
  floor: "P",
  score: "Q",
  weight: "R",
  status: "S",
  exempt: "T",
  /** 城市 / 农村 (blank when not recorded): picks the target override with the level. */
  urban: "U",
} as const;

/** First row of unit `k`'s 17 indicator rows on 指标明细. */
export const detailRow = (k: number, i: number) => 2 + k * INDICATOR_CODES.length + i;

const C = DETAIL_COLUMNS;

/** Target, floor, weight and direction cells on 指标明细 refer to 参数. */
export const paramRef = (col: string, i: number) => `${P}$${col}$${paramRow(i)}`;

/**
 * The value: `numerator / denominator × factor`, blank when the denominator is 0 or blank
 * (INDICATORS.md: no value, never 0). R1 also divides by the time progress (quarter / 4).
 *
 * @example
 * ```ts
 * valueFormula(5, false); // IF(I5=0,"",H5/I5*J5)
 * valueFormula(14, true); // IF(I14=0,"",H14/I14/K14*J14)  (R1: ÷ time progress)
 * ```
 */
export function valueFormula(row: number, r1: boolean): string {
  const ratio = `${C.numerator}${row}/${C.denominator}${row}`;
  const body = r1
    ? `${ratio}/${C.timeProgress}${row}*${C.factor}${row}`
    : `${ratio}*${C.factor}${row}`;
  return `IF(${C.denominator}${row}=0,"",${body})`;
}

/** Goalpost score clamped to 0–100, ↑ or ↓; blank when the value is blank. *
 * @example
 * ```ts
 * scoreFormula(5, true); // IF(L5="","",MAX(0,MIN(1,(L5-P5)/(O5-P5)))*100)
 * ```
 */
export function scoreFormula(row: number, up: boolean): string {
  const v = `${C.value}${row}`;
  const t = `${C.target}${row}`;
  const f = `${C.floor}${row}`;
  const share = up ? `(${v}-${f})/(${t}-${f})` : `(${f}-${v})/(${f}-${t})`;
  return `IF(${v}="","",MAX(0,MIN(1,${share}))*100)`;
}

/** 绿 when the score reaches the green threshold (100), 黄 from the amber one (60), else 红. */
export function statusFormula(row: number): string {
  const s = `${C.score}${row}`;
  const r = PARAMS.statusFirstRow;
  return `IF(${s}="","",IF(${s}>=${P}$C$${r},${P}$B$${r},IF(${s}>=${P}$C$${r + 1},${P}$B$${r + 1},${P}$B$${r + 2})))`;
}

/** Columns of 维度与指数 (header row 1, one row per unit from row 2). */
export const DIM_COLUMNS = {
  code: "A",
  name: "B",
  level: "C",
  parent: "D",
  dims: ["E", "F", "G", "H"] as const,
  index: "I",
  grade: "J",
  rank: "K",
  note: "L",
  /** Issue 20: assessor score, adjustment, total (综合得分, what grade and rank follow), 暂定. */
  assessorScore: "M",
  adjustment: "N",
  total: "O",
  provisional: "P",
} as const;

/** Row of unit `k` on 维度与指数 (and on 问卷样本). */
export const unitRow = (k: number) => 2 + k;

/**
 * Dimension score of unit `k`: Σ(score × weight) / Σ(weight of the indicators with a score),
 * blank when less than half the dimension's weight has a score (1e-12 tolerance, as metrics'
 * `renormalisedMean`), clamped to the range of the scores averaged, as metrics does.
 *
 * Degenerate cases: blank when no indicator of the dimension has a score or all weights are 0.
 *
 * @example
 * ```ts
 * dimensionFormula(0, "governance"); // over 指标明细!Q2:Q5 (scores) and R2:R5 (weights)
 * ```
 */
export function dimensionFormula(k: number, d: Dimension): string {
  const codes = DIMENSION_DEFS[d].indicators;
  const first = INDICATOR_CODES.indexOf(codes[0]!);
  const last = INDICATOR_CODES.indexOf(codes[codes.length - 1]!);
  const r1 = detailRow(k, first);
  const r2 = detailRow(k, last);
  const s = `${D}$${C.score}$${r1}:$${C.score}$${r2}`;
  const w = `${D}$${C.weight}$${r1}:$${C.weight}$${r2}`;
  const avail = `SUMPRODUCT((${s}<>"")*${w})`;
  return `IF(${avail}<SUM(${w})/2*(1-1E-12),"",IF(${avail}=0,"",MIN(MAX(SUMPRODUCT(${s},${w})/${avail},MIN(${s})),MAX(${s}))))`;
}

/**
 * The index of the unit on row `row`: the weighted mean of its four dimension scores with the
 * weights of 参数 (arithmetic, or geometric `EXP(Σ w ln s / Σ w)` with any zero giving 0), blank
 * when any dimension is blank.
 *
 * @example
 * ```ts
 * indexFormula(2, "arithmetic"); // …SUMPRODUCT(E2:H2,'参数'!$B$24:$E$24)/SUM('参数'!$B$24:$E$24)…
 * ```
 */
export function indexFormula(row: number, aggregation: string): string {
  const [a, , , z] = DIM_COLUMNS.dims;
  const dims = `${a}${row}:${z}${row}`;
  const w = `${P}${PARAMS.dimWeightRange}`;
  const mean =
    aggregation === "geometric"
      ? `IF(MIN(${dims})=0,0,EXP(SUMPRODUCT(LN(${dims}),${w})/SUM(${w})))`
      : `SUMPRODUCT(${dims},${w})/SUM(${w})`;
  return `IF(OR(COUNT(${dims})<${DIMENSIONS.length},SUM(${w})=0),"",MIN(MAX(${mean},MIN(${dims})),MAX(${dims})))`;
}

/** Grade of the total (综合得分) from the thresholds on 参数 (highest first). */
export function gradeFormula(row: number, grades: number): string {
  const x = `${DIM_COLUMNS.total}${row}`;
  let tail = `${P}$B$${PARAMS.gradeFirstRow + grades - 1}`;
  for (let g = grades - 2; g >= 0; g--) {
    const r = PARAMS.gradeFirstRow + g;
    tail = `IF(${x}>=${P}$C$${r},${P}$B$${r},${tail})`;
  }
  return `IF(${x}="","",${tail})`;
}

/**
 * Competition rank among the rows with the same parent code: 1 + the number of siblings with a
 * strictly higher total (ties share a rank, 1, 2, 2, 4); blank without a total. `ISNUMBER`
 * keeps blank totals out (text compares above any number).
 *
 * @example
 * ```ts
 * rankFormula(3, 9); // IF(O3="","",SUMPRODUCT(($D$2:$D$9=D3)*ISNUMBER($O$2:$O$9)*($O$2:$O$9>O3))+1)
 * ```
 */
export function rankFormula(row: number, lastRow: number): string {
  const col = (c: string) => `$${c}$2:$${c}$${lastRow}`;
  const idx = col(DIM_COLUMNS.total);
  const x = `${DIM_COLUMNS.total}${row}`;
  return `IF(${x}="","",SUMPRODUCT((${col(DIM_COLUMNS.parent)}=${DIM_COLUMNS.parent}${row})*ISNUMBER(${idx})*(${idx}>${x}))+1)`;
}

/** Columns of 问卷样本. */
export const SURVEY_COLUMNS = {
  code: "A",
  name: "B",
  n: "C",
  mean: "D",
  sd: "E",
  ciLow: "F",
  ciHigh: "G",
  overallN: "H",
  satisfied: "I",
  rate: "J",
  rateLow: "K",
  rateHigh: "L",
  insufficient: "M",
  /** Flagged as possible stuffing (issue 22): all, open, confirmed (left out of n). */
  flagged: "N",
  flagOpen: "O",
  flagConfirmed: "P",
} as const;

const S = SURVEY_COLUMNS;

/** n and the mean are G4's denominator and value on 指标明细 (one source for both). */
export const surveyFromDetail = (detailRowOfG4: number, col: "denominator" | "value") =>
  `${D}${C[col]}${detailRowOfG4}`;

/** `mean ∓ z s / √n`, blank below two responses. */
export function meanCiFormula(row: number, upper: boolean): string {
  const sign = upper ? "+" : "-";
  return `IF(${S.n}${row}<2,"",${S.mean}${row}${sign}${P}${PARAMS.zCell}*${S.sd}${row}/SQRT(${S.n}${row}))`;
}

export function rateFormula(row: number): string {
  return `IF(${S.overallN}${row}=0,"",${S.satisfied}${row}/${S.overallN}${row}*100)`;
}

/**
 * Wilson score interval in %: `(p̂ + z²/2n ∓ z √(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n)`, lower end
 * exactly 0 with no success and upper exactly 100 with all successes, ends kept on p̂'s side and
 * within [0, 1], as metrics' `wilsonInterval`.
 *
 * @example
 * ```ts
 * wilsonFormula(2, false); // lower end in %, over H2 (answered) and I2 (satisfied)
 * ```
 */
export function wilsonFormula(row: number, upper: boolean): string {
  const n = `${S.overallN}${row}`;
  const k = `${S.satisfied}${row}`;
  const z = `${P}${PARAMS.zCell}`;
  const p = `(${k}/${n})`;
  const den = `(1+${z}^2/${n})`;
  const centre = `(${p}+${z}^2/(2*${n}))/${den}`;
  const half = `${z}*SQRT(${p}*(1-${p})/${n}+${z}^2/(4*${n}^2))/${den}`;
  const end = upper
    ? `IF(${k}=${n},1,MAX(MIN(${centre}+${half},1),${p}))`
    : `IF(${k}=0,0,MIN(MAX(${centre}-${half},0),${p}))`;
  return `IF(${n}=0,"",${end}*100)`;
}

export function insufficientFormula(row: number): string {
  return `IF(${S.n}${row}<${P}${PARAMS.minSampleCell},"是","否")`;
}
