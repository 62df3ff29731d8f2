/**
 * The what-if page's view model (评估工作台 · 情景模拟, issue 21): the scheme's weights, goalposts
 * and method as a form, and the unit's children scored twice, under the scheme (基准) and under
 * the form's changes (调整后), for the table and the chart. Both sides are POST /what-if's
 * computation (`whatIfReport`), the baseline with no changes, so they differ only by the changes.
 * Nothing is stored.
 */
import {
  DIMENSION_DEFS,
  DIMENSIONS,
  INDICATORS,
  type SchemeDefinition,
} from "../../metrics/index.ts";
import { formatDelta, formatScore, unitText } from "../../shapes/format.ts";
import type { UnitResult } from "../../shapes/unit-result.ts";
import type {
  WhatIfField,
  WhatIfRow,
  WhatIfView,
  WorkbenchTab,
} from "../../web/pages/workbench-model.ts";
import type { Resolved } from "../dashboard/context.ts";
import { Invalid } from "../errors.ts";
import { DEFAULT_SCHEME_ID } from "../schemes/definition.ts";
import { whatIfReport } from "./report.ts";
import type { WhatIfChanges } from "./what-if.ts";
import {
  AGGREGATION_LABELS,
  hasChanges,
  NORMALISATION_LABELS,
  notesZh,
  parseWhatIfForm,
  schemeValues,
  whatIfProblems,
} from "./what-if-form.ts";

function rowOf(base: UnitResult, now: UnitResult): WhatIfRow {
  const move =
    base.rank === null || now.rank === null
      ? "none"
      : now.rank < base.rank
        ? "up"
        : now.rank > base.rank
          ? "down"
          : "same";
  return {
    code: now.code,
    name: now.name,
    baseIndex: base.index,
    index: now.index,
    baseRank: base.rank,
    rank: now.rank,
    baseIndexText: formatScore(base.index),
    indexText: formatScore(now.index),
    deltaText: formatDelta(now.index, base.index, 1),
    rankMove: move,
  };
}

function groupsOf(def: SchemeDefinition, values: Record<string, number>) {
  const base = schemeValues(def);
  const field = (name: string, label: string): WhatIfField => ({
    name,
    label,
    base: base[name]!,
    value: values[name]!,
    changed: values[name] !== base[name],
  });
  return DIMENSIONS.map((d) => ({
    dimension: d,
    label: DIMENSION_DEFS[d].nameZh,
    weight: field(`d.${d}`, `${DIMENSION_DEFS[d].nameZh} 维度权重`),
    indicators: DIMENSION_DEFS[d].indicators.map((c) => ({
      code: c,
      name: INDICATORS[c].nameZh,
      unit: unitText(c),
      weight: field(`w.${c}`, `${c} 权重`),
      target: field(`t.${c}`, `${c} 目标值`),
      floor: field(`f.${c}`, `${c} 底线值`),
    })),
  }));
}

/**
 * Builds /dashboard/{code}/workbench/what-if?period=…&w.G1=…: the form from `q` (a query getter)
 * against the scheme valid in the quarter, and both results of the unit and its children.
 */
export async function buildWhatIfPage(
  page: Resolved,
  tabs: WorkbenchTab[],
  q: (name: string) => string | undefined,
): Promise<WhatIfView> {
  const req = {
    period: page.quarter,
    orgUnit: page.unit.code,
    scopeUnitId: page.principal.scopeUnitId,
    schemeId: DEFAULT_SCHEME_ID,
  };
  const baseline = await whatIfReport(page.engine, { ...req, changes: {} });
  const def = baseline.definition as SchemeDefinition;
  const form = parseWhatIfForm(def, q);
  let problems = form.problems;
  let changes: WhatIfChanges = problems.length > 0 ? {} : form.changes;
  let modified = baseline;
  if (hasChanges(changes)) {
    try {
      modified = await whatIfReport(page.engine, { ...req, changes });
    } catch (err) {
      if (!(err instanceof Invalid)) throw err;
      problems = whatIfProblems(err.errors);
      changes = {};
    }
  }
  const byCode = new Map(baseline.units.map((u) => [u.code, u]));
  const rows = modified.units.map((u) => rowOf(byCode.get(u.code) ?? u, u));
  // The scheme's order (best baseline rank first) on both sides, so the chart compares in place.
  const kids = rows
    .slice(1)
    .sort(
      (a, b) =>
        (a.baseRank ?? Number.POSITIVE_INFINITY) - (b.baseRank ?? Number.POSITIVE_INFINITY) ||
        a.code.localeCompare(b.code),
    );
  const shown = kids.length > 0 ? kids : rows;
  const option = <K extends string>(labels: Record<K, string>) =>
    (Object.keys(labels) as K[]).map((k) => ({ value: k, label: labels[k] }));
  return {
    ...page.ctx,
    tabs,
    action: `/dashboard/${encodeURIComponent(page.unit.code)}/workbench/what-if`,
    groups: groupsOf(def, form.values),
    normalisation: { value: form.normalisation, options: option(NORMALISATION_LABELS) },
    aggregation: { value: form.aggregation, options: option(AGGREGATION_LABELS) },
    changed: hasChanges(changes),
    problems,
    notes: notesZh(changes, def, modified === baseline ? [] : modified.notes),
    schemeText: `${baseline.scheme.id} 第 ${baseline.scheme.version} 版（实时数据）`,
    own: rows[0] ?? null,
    rows: kids,
    chart: {
      names: shown.map((r) => r.name),
      baseline: shown.map((r) => r.baseIndex),
      modified: shown.map((r) => r.index),
      baseRanks: shown.map((r) => r.baseRank),
      ranks: shown.map((r) => r.rank),
    },
  };
}
