/**
 * Rounding for display. Computation always keeps full precision; pages and reports round only
 * when they present a number.
 *
 * Source: INDICATORS.md "Rounding" ("round only for display, half away from zero: index, scores and
 * percentages to one decimal, ‰ and per-10,000 values to two, hours to one, yuan to whole yuan").
 */

/**
 * Rounds half away from zero to `decimals` places: `sign(x) × ⌊|x| × 10ᵈ + ½⌋ / 10ᵈ`, applied to the
 * value as it reads to 15 significant digits. That reading step is why this is not
 * `Math.round(x * 10 ** d) / 10 ** d`: the double nearest 1.005 is 1.00499999999999989…, so
 * 1.005 × 100 gives 100.49999999999999 and rounds down, where a person (or Excel's ROUND) sees
 * 1.005 and expects 1.01.
 * `Math.round` also rounds -2.5 to -2, not away from zero.
 *
 * Source: INDICATORS.md "Rounding"; display decimals per unit in `UNIT_DECIMALS`.
 *
 * Degenerate cases: `null` → `null`; -0 and values that round to zero give 0; values of 1e15 or
 * more are returned unchanged (a double has no fractional digits left to round there). Throws
 * `RangeError` for NaN or an infinite value, or `decimals` not an integer in 0–6.
 *
 * @example
 * ```ts
 * roundHalfAwayFromZero(84.25, 1); // 84.3
 * roundHalfAwayFromZero(-2.5, 0); // -3
 * roundHalfAwayFromZero(1.005, 2); // 1.01
 * roundHalfAwayFromZero(1234.5, 0); // 1235  (yuan)
 * ```
 */
export function roundHalfAwayFromZero(value: number | null, decimals: number): number | null {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 6) {
    throw new RangeError(`roundHalfAwayFromZero: decimals must be an integer 0–6, got ${decimals}`);
  }
  if (value === null) return null;
  if (!Number.isFinite(value)) {
    throw new RangeError(`roundHalfAwayFromZero: value must be finite, got ${value}`);
  }
  const abs = Math.abs(value);
  if (abs >= 1e15) return value;
  // Shift the decimal point in the decimal string, not by multiplying, so no binary error enters.
  const [mantissa = "0", exponent = "0"] = abs.toPrecision(15).split("e");
  const shifted = Math.floor(Number(`${mantissa}e${Number(exponent) + decimals}`) + 0.5);
  const rounded = Number(`${shifted}e${-decimals}`);
  return rounded === 0 ? 0 : Math.sign(value) * rounded;
}
