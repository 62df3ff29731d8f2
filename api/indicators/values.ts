/**
 * From a unit's subtree sums to its 17 indicator values (INDICATORS.md "Indicators"): which sum is
 * each indicator's numerator and denominator. The arithmetic itself is metrics' `indicatorValue`
 * and `fundExecution`.
 */
import {
  fundExecution,
  INDICATOR_CODES,
  INDICATORS,
  type IndicatorCode,
  indicatorValue,
} from "../../metrics/index.ts";
import type { Quarter } from "../../shapes/periods.ts";
import type { CaseSumsRow } from "./queries/case-sums.ts";
import type { ReturnSumsRow, SurveySumsRow } from "./queries/sums.ts";

/** Everything the engine knows about one unit's subtree for one quarter. */
export interface UnitFigures {
  cases: CaseSumsRow;
  /** `null` when no unit of the subtree filed a return for the quarter. */
  returns: ReturnSumsRow | null;
  survey: SurveySumsRow;
}

/** One indicator's numerator, denominator and value (`null`: no value). */
/** One quarter's figures of every unit, as the engine loads them. */
export interface QuarterFigures {
  quarter: Quarter;
  slaMinutes: number;
  /** By unit id; a unit absent here has nothing in the quarter (see `figuresOf`). */
  units: ReadonlyMap<number, UnitFigures>;
  returnsAt: Date | null;
  surveysAt: Date | null;
}

/** A unit's figures, or empty figures (all counts 0, no return) when it had nothing. */
export function figuresOf(f: QuarterFigures, unitId: number): UnitFigures {
  return f.units.get(unitId) ?? emptyFigures(unitId);
}

export interface IndicatorFigure {
  numerator: number | null;
  denominator: number | null;
  value: number | null;
}

export type IndicatorFigures = Record<IndicatorCode, IndicatorFigure>;

const EMPTY_CASES: Omit<CaseSumsRow, "unitId"> = {
  g1Num: 0,
  g1Den: 0,
  g2Num: 0,
  g2Den: 0,
  g3Num: 0,
  g3Den: 0,
  s1Seconds: 0,
  serviceResolved: 0,
  s2Num: 0,
  s3Num: 0,
  reported: 0,
  s4Num: 0,
  s4Den: 0,
  s5Num: 0,
  s5Den: 0,
  resolved: 0,
  byKind: { event: 0, appeal: 0, service: 0 },
  byChannel: {
    hotline: 0,
    app: 0,
    wechat: 0,
    petition: 0,
    window: 0,
    online: 0,
    grid_patrol: 0,
    ai_camera: 0,
    iot_sensor: 0,
  },
};

/** Figures of a unit whose subtree has no case, return or response in the quarter. */
export function emptyFigures(unitId: number): UnitFigures {
  return {
    cases: {
      ...EMPTY_CASES,
      unitId,
      byKind: { ...EMPTY_CASES.byKind },
      byChannel: { ...EMPTY_CASES.byChannel },
    },
    returns: null,
    survey: { unitId, n: 0, scoreSum: 0, scoreSquares: 0, overallN: 0, satisfied: 0 },
  };
}

type Pair = readonly [numerator: number | null, denominator: number | null];

/**
 * The numerator and denominator of each indicator. R1's pair is (spent in the year to date,
 * allocated for the year); its time factor (quarter / 4) is applied by `fundExecution`. S1's
 * numerator is hours (seconds / 3600); G4's is the sum of response scores over n responses.
 */
function pairs(f: UnitFigures): Record<IndicatorCode, Pair> {
  const c = f.cases;
  const r = f.returns;
  const ret = (num: keyof ReturnSumsRow, den: keyof ReturnSumsRow): Pair =>
    r === null ? [null, null] : [r[num], r[den]];
  return {
    G1: [c.g1Num, c.g1Den],
    G2: [c.g2Num, c.g2Den],
    G3: [c.g3Num, c.g3Den],
    G4: [f.survey.scoreSum, f.survey.n],
    S1: [c.s1Seconds / 3600, c.serviceResolved],
    S2: [c.s2Num, c.serviceResolved],
    S3: [c.s3Num, c.reported],
    S4: [c.s4Num, c.s4Den],
    S5: [c.s5Num, c.s5Den],
    R1: ret("spentYtd", "budgetAllocatedYear"),
    R2: ret("workersInPost", "population"),
    R3: ret("workersInPost", "positions"),
    // Cases come from the platform, not the return, but R4 takes its spending from the return: no
    // return in the subtree, no value (not 0 yuan per case).
    R4: r === null ? [null, null] : [r.budgetSpent, c.resolved],
    P1: ret("participants", "population"),
    P2: ret("itemsResolved", "itemsRaised"),
    P3: ret("volunteers", "population"),
    P4: ret("platformActiveUsers", "population"),
  };
}

/**
 * A unit's 17 indicators for quarter number `quarter` (1–4, for R1's time factor): numerator,
 * denominator and value, `null` value for a zero denominator or a missing figure.
 */
export function indicatorFigures(f: UnitFigures, quarter: number): IndicatorFigures {
  const p = pairs(f);
  const out = {} as IndicatorFigures;
  for (const code of INDICATOR_CODES) {
    const [numerator, denominator] = p[code];
    const value =
      code === "R1"
        ? fundExecution(numerator, denominator, quarter)
        : indicatorValue(numerator, denominator, INDICATORS[code].factor);
    out[code] = { numerator, denominator, value };
  }
  return out;
}

/** Just the values, as metrics' scoring takes them. */
export function valuesOf(figures: IndicatorFigures): Record<IndicatorCode, number | null> {
  const out = {} as Record<IndicatorCode, number | null>;
  for (const code of INDICATOR_CODES) out[code] = figures[code].value;
  return out;
}
