/**
 * The what-if page's form (评估工作台 · 情景模拟) read from its query string: dimension weights
 * `d.<dimension>`, indicator weights `w.<code>`, goalposts `t.<code>` (target) and `f.<code>`
 * (floor), `norm` and `agg`. Only values that differ from the scheme become changes, so an
 * untouched form asks for nothing. Bad values are Chinese problems naming the field, never a 500.
 */
import {
  type Aggregation,
  DIMENSION_DEFS,
  DIMENSIONS,
  INDICATORS,
  type Normalisation,
  type SchemeDefinition,
} from "../../metrics/index.ts";
import type { FieldError } from "../errors.ts";
import { MAX_GOALPOST, MAX_WEIGHT } from "../schemes/schema.ts";
import type { WhatIfChanges } from "./what-if.ts";

export const NORMALISATION_LABELS: Record<Normalisation, string> = {
  goalposts: "目标值—底线法（默认）",
  minmax: "极差标准化（本级最大最小值）",
  zscore: "Z 分数标准化",
};

export const AGGREGATION_LABELS: Record<Aggregation, string> = {
  arithmetic: "算术加权平均（默认）",
  geometric: "几何加权平均",
};

/** The form's values (the scheme's where not given), the changes and the problems. */
export interface WhatIfForm {
  values: Record<string, number>;
  normalisation: Normalisation;
  aggregation: Aggregation;
  changes: WhatIfChanges;
  problems: string[];
}

const fieldLabel = (name: string): string => {
  const [kind, key = ""] = name.split(".");
  if (kind === "d")
    return `${DIMENSION_DEFS[key as keyof typeof DIMENSION_DEFS]?.nameZh ?? key} 维度权重`;
  const ind = INDICATORS[key as keyof typeof INDICATORS];
  const what = kind === "w" ? "权重" : kind === "t" ? "目标值" : "底线值";
  return `${key} ${ind?.nameZh ?? ""} ${what}`.replace(/\s+/g, " ");
};

/** The scheme's value of every form field, by field name. */
export function schemeValues(def: SchemeDefinition): Record<string, number> {
  const out: Record<string, number> = {};
  for (const d of DIMENSIONS) {
    out[`d.${d}`] = def.dimensions[d].weight;
    for (const c of DIMENSION_DEFS[d].indicators) {
      out[`w.${c}`] = def.indicators[c].weight;
      out[`t.${c}`] = def.indicators[c].target;
      out[`f.${c}`] = def.indicators[c].floor;
    }
  }
  return out;
}

// Weights and goalposts are compared at 12 significant digits: a form echoes what it was given.
const same = (a: number, b: number) => Number(a.toPrecision(12)) === Number(b.toPrecision(12));

/** Reads the form from `q` (a query getter) against the scheme `def`. */
export function parseWhatIfForm(
  def: SchemeDefinition,
  q: (name: string) => string | undefined,
): WhatIfForm {
  const base = schemeValues(def);
  const values = { ...base };
  const problems: string[] = [];
  const changes: WhatIfChanges = {};
  for (const name of Object.keys(base)) {
    const raw = q(name)?.trim();
    if (raw === undefined || raw === "") continue;
    const v = Number(raw);
    const weight = name.startsWith("d.") || name.startsWith("w.");
    const max = weight ? MAX_WEIGHT : MAX_GOALPOST;
    if (!Number.isFinite(v) || (weight && v < 0) || Math.abs(v) > max) {
      problems.push(
        weight
          ? `${fieldLabel(name)}须为 0 至 ${MAX_WEIGHT} 之间的数字（收到“${raw.slice(0, 20)}”）。`
          : `${fieldLabel(name)}须为数字（收到“${raw.slice(0, 20)}”）。`,
      );
      continue;
    }
    values[name] = v;
    if (same(v, base[name]!)) continue;
    const [kind, key] = name.split(".") as [string, string];
    if (kind === "d") {
      changes.weights = {
        ...changes.weights,
        dimensions: { ...changes.weights?.dimensions, [key]: v },
      };
    } else if (kind === "w") {
      changes.weights = {
        ...changes.weights,
        indicators: { ...changes.weights?.indicators, [key]: v },
      };
    } else {
      const goal = changes.targets?.[key] ?? {};
      changes.targets = {
        ...changes.targets,
        [key]: kind === "t" ? { ...goal, target: v } : { ...goal, floor: v },
      };
    }
  }
  const norm = q("norm");
  const normalisation = (
    norm && norm in NORMALISATION_LABELS ? norm : def.method.normalisation
  ) as Normalisation;
  const agg = q("agg");
  const aggregation = (
    agg && agg in AGGREGATION_LABELS ? agg : def.method.aggregation
  ) as Aggregation;
  if (normalisation !== def.method.normalisation) changes.normalisation = normalisation;
  if (aggregation !== def.method.aggregation) changes.aggregation = aggregation;
  return { values, normalisation, aggregation, changes, problems };
}

/** Whether the changes ask for anything. */
export const hasChanges = (c: WhatIfChanges) => Object.keys(c).length > 0;

/** The what-if's refusal (api/indicators/what-if.ts `Invalid`) in Chinese, one line a field. */
export function whatIfProblems(errors: readonly FieldError[]): string[] {
  return errors.map((e) => {
    const target = /^body\.targets\.([A-Z]\d)$/.exec(e.path);
    if (target) {
      const code = target[1] as keyof typeof INDICATORS;
      const up = INDICATORS[code]?.direction !== "down";
      return `${code} ${INDICATORS[code]?.nameZh ?? ""}：目标值须${up ? "高于" : "低于"}底线值（${up ? "越高越好" : "越低越好"}的指标），且二者不能相等。`;
    }
    if (e.path === "body.weights.dimensions") return "四个维度的权重合计为 0，无法计算。";
    if (e.path === "body.weights.indicators") return "同一维度内各指标的权重合计为 0，无法计算。";
    return `参数不可用（${e.path}）。`;
  });
}

/** The what-if's renormalisation notes in Chinese. */
export function notesZh(
  changes: WhatIfChanges,
  def: SchemeDefinition,
  notes: readonly string[],
): string[] {
  const out: string[] = [];
  for (const note of notes) {
    const dim = DIMENSIONS.find((d) => note.startsWith(`Indicator weights of ${d} `));
    if (dim)
      out.push(
        `${DIMENSION_DEFS[dim].nameZh}维度内的指标权重合计不是 100，已按比例换算为 100 计算。`,
      );
    else if (note.startsWith("Dimension weights"))
      out.push("四个维度的权重合计不是 100，已按比例换算为 100 计算。");
  }
  if (changes.targets && def.targetOverrides.length > 0) {
    out.push("本方案按层级或城乡设有目标值覆盖，对相应单位覆盖值优先于此处修改的目标值。");
  }
  return out;
}
