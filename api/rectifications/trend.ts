/**
 * Feedback (CYCLE.md "Rectification"): an indicator's value and status for a unit in a quarter,
 * from the quarter's official figures when it is closed, else live from the indicator engine
 * (as GET /indicators answers: the unit evaluated among its siblings under the default scheme).
 */
import { INDICATOR_CODES, status as statusOf } from "../../metrics/index.ts";
import { formatPeriod, type Quarter } from "../../shapes/periods.ts";
import type { RectificationTrendPoint } from "../../shapes/rectifications.ts";
import type { UnitResult } from "../../shapes/unit-result.ts";
import type { IndicatorEngine } from "../indicators/engine.ts";
import { evaluateUnits } from "../indicators/results.ts";
import { siblingsOf } from "../org-tree/tree-index.ts";
import { newestClosing } from "../periods/queries.ts";
import { isClosed } from "../periods/rules.ts";
import { DEFAULT_SCHEME_ID, resolveSchemeVersion, toSchemeVersion } from "../schemes/definition.ts";
import { listSchemeVersions } from "../schemes/queries.ts";

export type Point = Omit<RectificationTrendPoint, "period">;
/** Unit id → indicator code → its point. */
export type QuarterPoints = Map<number, Map<string, Point>>;

/** The points of `unitIds` in quarter `q` (units without figures are left out). */
export async function quarterPoints(
  engine: IndicatorEngine,
  q: Quarter,
  unitIds: readonly number[],
): Promise<QuarterPoints> {
  const out: QuarterPoints = new Map();
  if (unitIds.length === 0) return out;
  const db = engine.db;
  const period = formatPeriod(q);
  const closing = await newestClosing(db, period);
  if (closing && isClosed(closing)) {
    const rows = await db
      .selectFrom("official_figures")
      .select(["org_unit_id", "result"])
      .where("period", "=", period)
      .where("version", "=", closing.version)
      .where("org_unit_id", "in", [...new Set(unitIds)])
      .execute();
    for (const r of rows) {
      const result = (typeof r.result === "string" ? JSON.parse(r.result) : r.result) as UnitResult;
      out.set(
        r.org_unit_id,
        new Map(
          result.indicators.map((i) => [
            i.code,
            { value: i.value, status: i.status, official: true },
          ]),
        ),
      );
    }
    return out;
  }
  const state = await engine.state([q.year - 1, q.year]);
  const [tree, schemeRows] = await Promise.all([
    engine.tree(state),
    listSchemeVersions(db, DEFAULT_SCHEME_ID),
  ]);
  const scheme = resolveSchemeVersion(schemeRows.map(toSchemeVersion), q.year);
  if (!scheme) return out;
  const figures = await engine.figures(q, scheme.definition.responseSlaMinutes, state);
  const done = new Set<number | null>();
  for (const id of unitIds) {
    const unit = tree.byId.get(id);
    if (!unit || done.has(unit.parentId)) continue;
    done.add(unit.parentId);
    const group = siblingsOf(tree, unit);
    const { figures: values, evaluations } = evaluateUnits(group, figures, scheme.definition);
    group.forEach((u, i) => {
      const points = new Map<string, Point>();
      for (const code of INDICATOR_CODES) {
        const score = evaluations[i]!.scores[code];
        points.set(code, {
          value: values[i]![code].value,
          status: statusOf(score),
          official: false,
        });
      }
      out.set(u.id, points);
    });
  }
  return out;
}
