/**
 * Red items of a subtree: every (unit, indicator) whose status is red in the quarter, with how many
 * quarters in a row it has been red and whether it turned red this quarter, most severe (lowest
 * score) first. Statuses are metrics' `status(score)` (INDICATORS.md: red below 60).
 */
import { INDICATOR_CODES, INDICATORS, type IndicatorCode, status } from "../../metrics/index.ts";
import { LEVEL_LABELS } from "../../shapes/labels.ts";
import { formatPeriod, type Quarter, shiftQuarter } from "../../shapes/periods.ts";
import type { RedItemView } from "../../web/pages/red-items-model.ts";
import type { UnitRef } from "../org-tree/queries.ts";
import type { History } from "./history.ts";
import { pagePath } from "./nav.ts";
import { ambiguousCodes, type UnitPlace } from "./unit-place.ts";

/**
 * The red items of `units` in quarter `q`. `history` must hold `q` and, for the running count, the
 * quarters before it (a quarter missing from the history ends the run); `targets` are the
 * scheme's targets in that quarter; `placeOf` gives a unit's street and place for display (a
 * code is shown where place and name still repeat). Sorted by score ascending, then unit code,
 * then catalogue order.
 */
export function redItems(
  history: History,
  units: readonly UnitRef[],
  q: Quarter,
  targets: Readonly<Record<IndicatorCode, number>>,
  placeOf: (u: UnitRef) => UnitPlace = () => ({ streetCode: null, streetName: null, place: null }),
): RedItemView[] {
  const period = formatPeriod(q);
  const now = history.get(period);
  if (!now) return [];
  const previousPeriod = formatPeriod(shiftQuarter(q, -1));
  const items: RedItemView[] = [];
  for (const u of units) {
    const e = now.get(u.id);
    if (!e) continue;
    const at = placeOf(u);
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
        streetCode: at.streetCode,
        streetName: at.streetName,
        place: at.place,
        showCode: false,
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
  const ambiguous = ambiguousCodes(
    items.map((i) => ({ code: i.unitCode, name: i.unitName, place: i.place })),
  );
  for (const i of items) i.showCode = ambiguous.has(i.unitCode);
  const order = new Map(INDICATOR_CODES.map((c, i) => [c, i]));
  return items.sort(
    (a, b) =>
      a.score - b.score ||
      a.unitCode.localeCompare(b.unitCode) ||
      (order.get(a.code) ?? 0) - (order.get(b.code) ?? 0),
  );
}
