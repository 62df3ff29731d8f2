/**
 * What changes between two versions of a scoring scheme, field by field: the four dimension
 * weights and each indicator's target, floor and weight. The 考核方案 page shows it for every
 * stored version against the one before, and the new-version form shows it before saving (the
 * browser bundle imports this file too, so it stays plain).
 */

/** The parts of a scheme definition the comparison reads. */
export interface SchemeFigures {
  dimensions: Readonly<Record<string, { weight: number }>>;
  indicators: Readonly<Record<string, { target: number; floor: number; weight: number }>>;
}

export type SchemeField = "weight" | "target" | "floor";

/** One changed figure; `before` or `after` is null when the entry is missing on that side. */
export interface SchemeChange {
  kind: "dimension" | "indicator";
  code: string;
  field: SchemeField;
  before: number | null;
  after: number | null;
}

const FIELD_ORDER: readonly SchemeField[] = ["target", "floor", "weight"];

/**
 * Every figure that differs between `before` and `after`: dimensions first, then indicators, each
 * in the order `after` lists them (then codes only `before` has), fields target, floor, weight.
 * Equal numbers (also `0` and `-0`) are no change; NaN on both sides is no change.
 *
 * @example
 * ```ts
 * schemeChanges(
 *   { dimensions: { governance: { weight: 30 } }, indicators: {} },
 *   { dimensions: { governance: { weight: 40 } }, indicators: {} },
 * ); // [{ kind: "dimension", code: "governance", field: "weight", before: 30, after: 40 }]
 * ```
 */
export function schemeChanges(before: SchemeFigures, after: SchemeFigures): SchemeChange[] {
  const out: SchemeChange[] = [];
  const same = (a: number | null, b: number | null) =>
    a === b || (a !== null && b !== null && Number.isNaN(a) && Number.isNaN(b));
  const codes = (a: object, b: object) => [
    ...Object.keys(b),
    ...Object.keys(a).filter((k) => !(k in b)),
  ];
  for (const code of codes(before.dimensions, after.dimensions)) {
    const b = before.dimensions[code]?.weight ?? null;
    const a = after.dimensions[code]?.weight ?? null;
    if (!same(b, a)) out.push({ kind: "dimension", code, field: "weight", before: b, after: a });
  }
  for (const code of codes(before.indicators, after.indicators)) {
    const b = before.indicators[code];
    const a = after.indicators[code];
    for (const field of FIELD_ORDER) {
      const x = b?.[field] ?? null;
      const y = a?.[field] ?? null;
      if (!same(x, y)) out.push({ kind: "indicator", code, field, before: x, after: y });
    }
  }
  return out;
}

/** Chinese names of the compared fields. */
export const SCHEME_FIELD_LABELS: Readonly<Record<SchemeField, string>> = Object.freeze({
  weight: "权重",
  target: "目标值",
  floor: "底线值",
});
