/**
 * How a unit is named where a list mixes units of several streets (馨苑社区 exists in more than
 * one street): with its place (street › community) and, where two would still read alike, its
 * code. Pages, CSV, workbooks and PDFs use these (the place comes from the org tree:
 * api/dashboard/unit-place.ts).
 */

/**
 * The codes of units whose full name (place and name) is shared with a unit of another code in
 * `units`: those are shown with their code.
 */
export function ambiguousCodes(
  units: readonly { code: string; name: string; place: string | null }[],
): Set<string> {
  const byName = new Map<string, Set<string>>();
  for (const u of units) {
    const key = `${u.place ?? ""}\u0000${u.name}`;
    const codes = byName.get(key) ?? new Set<string>();
    codes.add(u.code);
    byName.set(key, codes);
  }
  const out = new Set<string>();
  for (const codes of byName.values()) if (codes.size > 1) for (const c of codes) out.add(c);
  return out;
}

/** `浦江街道 › 馨苑社区 › 第一网格（310115001001001）`: the text of a unit in a CSV or workbook. */
export function fullUnitName(name: string, place: string | null, code: string | null): string {
  const base = place ? `${place} › ${name}` : name;
  return code ? `${base}（${code}）` : base;
}

/**
 * Each unit's label in a list: its name alone, or, when another unit of the list has the same
 * name, `fullUnitName` (its place, and its code when the place does not tell them apart).
 */
export function unitLabels(
  units: readonly { code: string; name: string; place: string | null }[],
): Map<string, string> {
  const names = new Map<string, number>();
  for (const u of units) names.set(u.name, (names.get(u.name) ?? 0) + 1);
  const ambiguous = ambiguousCodes(units);
  return new Map(
    units.map((u) => [
      u.code,
      (names.get(u.name) ?? 0) > 1
        ? fullUnitName(u.name, u.place, ambiguous.has(u.code) ? u.code : null)
        : u.name,
    ]),
  );
}
