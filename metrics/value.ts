/**
 * Indicator values: a numerator over a denominator, times a factor.
 *
 * Source: INDICATORS.md "Counting rules" and "Indicators"; seed 000 §六 6.1. The caller sums
 * numerators and denominators over the unit's subtree first (never averages children's rates).
 */

function checkCount(fn: string, name: string, x: number): void {
  if (!Number.isFinite(x) || x < 0) {
    throw new RangeError(`${fn}: ${name} must be a finite non-negative number, got ${x}`);
  }
}

/**
 * An indicator's value: `numerator / denominator × factor`.
 *
 * Source: INDICATORS.md "Indicators" (formula column) and "Counting rules" ("a zero denominator
 * gives no value, never 0"); seed 000 §六 6.1.
 *
 * Degenerate cases: returns `null` when the denominator is 0 or either count is `null` (no data:
 * shown as 无数据). Throws `RangeError` when a count is negative, NaN or infinite, or the factor
 * is not a positive finite number: counts, hours and yuan are non-negative, so such input is a
 * caller bug, not data.
 *
 * @example
 * ```ts
 * indicatorValue(30, 50, 100); // 60   (G1: 30 proactive of 50 cases, %)
 * indicatorValue(3, 1200, 1000); // 2.5 (S3: complaints ‰)
 * indicatorValue(0, 0, 100); // null
 * ```
 */
export function indicatorValue(
  numerator: number | null,
  denominator: number | null,
  factor: number,
): number | null {
  if (!Number.isFinite(factor) || factor <= 0) {
    throw new RangeError(`indicatorValue: factor must be positive and finite, got ${factor}`);
  }
  if (numerator === null || denominator === null) return null;
  checkCount("indicatorValue", "numerator", numerator);
  checkCount("indicatorValue", "denominator", denominator);
  if (denominator === 0) return null;
  return (numerator / denominator) * factor;
}

/**
 * R1 资金执行进度, fund execution against time progress:
 * `(spentYtd / allocatedYear) / (quarter / 4) × 100`, i.e. the share of the year's allocation
 * spent by the end of quarter `quarter`, against the share of the year elapsed. 100 means spending
 * on schedule.
 *
 * Source: INDICATORS.md "Indicators", row R1 (budget spent in the year up to the end of Q is the sum
 * of the returns' quarterly spending from Q1 to Q); seed 000 §六 6.1 资金使用效率.
 *
 * Degenerate cases: `null` when `allocatedYear` is 0 or either figure is `null` (no return).
 * Throws `RangeError` for a negative, NaN or infinite figure, or a quarter that is not 1, 2, 3 or 4.
 *
 * @example
 * ```ts
 * fundExecution(300, 1000, 2); // 60  ((300 / 1000) / (2 / 4) × 100)
 * fundExecution(800, 1000, 4); // 80
 * fundExecution(10, 0, 1); // null
 * ```
 */
export function fundExecution(
  spentYtd: number | null,
  allocatedYear: number | null,
  quarter: number,
): number | null {
  if (quarter !== 1 && quarter !== 2 && quarter !== 3 && quarter !== 4) {
    throw new RangeError(`fundExecution: quarter must be 1, 2, 3 or 4, got ${quarter}`);
  }
  if (spentYtd === null || allocatedYear === null) return null;
  checkCount("fundExecution", "spentYtd", spentYtd);
  checkCount("fundExecution", "allocatedYear", allocatedYear);
  if (allocatedYear === 0) return null;
  return (spentYtd / allocatedYear / (quarter / 4)) * 100;
}
