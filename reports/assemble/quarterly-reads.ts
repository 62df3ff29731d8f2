/**
 * Reads of the quarterly report beside the quarter's own snapshot: the comparison quarters'
 * names and how many units the reported unit is ranked among.
 */
import { formatPeriod, PERIOD_PATTERN, type Quarter, shiftQuarter } from "../../shapes/periods.ts";
import type { ReportSource, SourceUnit } from "../source.ts";

/**
 * `period` shifted by `n` quarters (`2026Q1`, −1 → `2025Q4`); null outside 2000–2100.
 *
 * @example
 * ```ts
 * shiftPeriod("2026Q1", -1); // "2025Q4"
 * shiftPeriod("2026Q3", -4); // "2025Q3"
 * ```
 */
export function shiftPeriod(period: string, n: number): string | null {
  const m = PERIOD_PATTERN.exec(period);
  if (!m) throw new RangeError(`shiftPeriod: malformed period '${period}'`);
  const q = shiftQuarter({ year: Number(m[1]), quarter: Number(m[2]) as Quarter["quarter"] }, n);
  if (q.year < 2000 || q.year > 2100) return null;
  return formatPeriod(q);
}

/**
 * How many units the unit's rank is among: 1 for a unit without siblings; null when not ranked or
 * when the parent lies outside the caller's scope (the count is then simply not shown).
 */
export async function siblingCount(
  source: ReportSource,
  unit: SourceUnit,
  period: string,
  pinned: { schemeId: string; schemeVersion: number },
): Promise<number | null> {
  if (unit.rank === null) return null;
  if (unit.parentCode === null || unit.siblingsIncluded) return 1;
  return source
    .indicatorSnapshot({ period, orgUnit: unit.parentCode, depth: "children", ...pinned })
    .then((s) => s.units.length - 1)
    .catch(() => null);
}
