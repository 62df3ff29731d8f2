/**
 * Ranking of sibling units by overall index.
 *
 * Source: INDICATORS.md "Scores, dimensions, index" ("Rank"); seed 000 §六 6.2.
 */

/**
 * Standard competition ranks ("1224"), highest value first: a unit's rank is 1 + the number of
 * units with a strictly higher value, so ties share a rank and the next rank is skipped
 * (100, 90, 90, 80 → 1, 2, 2, 4). Ties are decided on exact equality of the unrounded values, so
 * two indices that both show as 85.0 may still rank apart.
 *
 * Source: INDICATORS.md "Scores, dimensions, index" ("Rank": among siblings, highest first, ties
 * share a rank, units with no index are unranked).
 *
 * Degenerate cases: a `null` value gets a `null` rank and does not count against anyone; an empty
 * list gives an empty list; a single value ranks 1. Throws `RangeError` for NaN or an infinite
 * value.
 *
 * @example
 * ```ts
 * competitionRanks([80, 100, 90, null, 90]); // [4, 1, 2, null, 2]
 * ```
 */
export function competitionRanks(values: readonly (number | null)[]): (number | null)[] {
  const ranked: { value: number; at: number }[] = [];
  values.forEach((value, at) => {
    if (value === null) return;
    if (!Number.isFinite(value)) {
      throw new RangeError(`competitionRanks: value at ${at} must be finite or null, got ${value}`);
    }
    ranked.push({ value, at });
  });
  ranked.sort((a, b) => b.value - a.value);
  const ranks: (number | null)[] = values.map(() => null);
  let previous = Number.NaN;
  let rank = 0;
  ranked.forEach(({ value, at }, i) => {
    if (value !== previous) rank = i + 1;
    previous = value;
    ranks[at] = rank;
  });
  return ranks;
}
