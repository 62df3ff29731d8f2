/**
 * Red items of a subtree: every (unit, indicator) whose status is red in the quarter, with how many
 * quarters in a row it has been red and whether it turned red this quarter, most severe (lowest
 * score) first. Statuses are metrics' `status(score)` (INDICATORS.md: red below 60).
 */
import { INDICATOR_CODES, INDICATORS, type IndicatorCode, status } from "../../metrics/index.ts";
import { LEVEL_LABELS } from "../../shapes/labels.ts";
import { formatPeriod, type Quarter, shiftQuarter } from "../../shapes/periods.ts";
import type { RedItemView } from "../../web/pages/dashboard-model.ts";
import type { UnitRef } from "../org-tree/queries.ts";
import { pagePath } from "./context.ts";
import type { History } from "./history.ts";

/**
 * The red items of `units` in quarter `q`. `history` must hold `q` and, for the running count, the
 * quarters before it (a quarter missing from the history ends the run); `targets` are the
 * scheme's targets in that quarter; `parentName` names a unit's parent for display. Sorted by score ascending,
 * then unit code, then catalogue order.
 */
export function redItems(
  history: History,
  units: readonly UnitRef[],
  q: Quarter,
  targets: Readonly<Record<IndicatorCode, number>>,
  parentName: (u: UnitRef) => string | null = () => null,
): RedItemView[] {
  const period = formatPeriod(q);
  const now = history.get(period);
  if (!now) return [];
  const previousPeriod = formatPeriod(shiftQuarter(q, -1));
  const items: RedItemView[] = [];
  for (const u of units) {
    const e = now.get(u.id);
    if (!e) continue;
    for (const code of INDICATOR_CODES) {
      const score = e.scores[code];
      if (score === null || status(score) !== "red") continue;
      let running = 1;
      for (let back = 1; ; back++) {
        const earlier = history.get(formatPeriod(shiftQuarter(q, -back)))?.get(u.id);
        if (!earlier || status(earlier.scores[code]) !== "red") break;
        running++;
      }
      const before = history.get(previousPeriod)?.get(u.id);
      const previousStatus = before ? status(before.scores[code]) : null;
      items.push({
        unitCode: u.code,
        unitName: u.name,
        unitLevelLabel: LEVEL_LABELS[u.level],
        parentName: parentName(u),
        href: pagePath("overview", u.code, period),
        code,
        name: INDICATORS[code].nameZh,
        value: e.values[code],
        target: targets[code],
        score,
        runningQuarters: running,
        newlyRed: previousStatus !== "red",
        previousStatus,
      });
    }
  }
  const order = new Map(INDICATOR_CODES.map((c, i) => [c, i]));
  return items.sort(
    (a, b) =>
      a.score - b.score ||
      a.unitCode.localeCompare(b.unitCode) ||
      (order.get(a.code) ?? 0) - (order.get(b.code) ?? 0),
  );
}
