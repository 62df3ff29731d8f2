/**
 * Whole-tree quarter figures as stored in `quarter_figures` (see the migration): JSON with the
 * units as [id, figures] pairs and the input times as ISO strings. Every figure is a number or
 * null, which JSON carries exactly.
 */
import type { QuarterFigures, UnitFigures } from "./values.ts";

/**
 * Part of every stored key: raise it whenever what the figures mean or how they are computed
 * changes, so figures stored by an older build are never read. (A Node start also clears the
 * table: api/boot.ts.)
 */
export const FIGURES_FORMAT = 1;

interface StoredFigures {
  format: number;
  quarter: QuarterFigures["quarter"];
  slaMinutes: number;
  returnsAt: string | null;
  surveysAt: string | null;
  units: [number, UnitFigures][];
}

export function serializeFigures(f: QuarterFigures): string {
  const stored: StoredFigures = {
    format: FIGURES_FORMAT,
    quarter: f.quarter,
    slaMinutes: f.slaMinutes,
    returnsAt: f.returnsAt?.toISOString() ?? null,
    surveysAt: f.surveysAt?.toISOString() ?? null,
    units: [...f.units],
  };
  return JSON.stringify(stored);
}

/** The figures back, or null when they were stored in another format. */
export function deserializeFigures(json: string): QuarterFigures | null {
  const s = JSON.parse(json) as StoredFigures;
  if (s.format !== FIGURES_FORMAT) return null;
  return {
    quarter: s.quarter,
    slaMinutes: s.slaMinutes,
    returnsAt: s.returnsAt === null ? null : new Date(s.returnsAt),
    surveysAt: s.surveysAt === null ? null : new Date(s.surveysAt),
    units: new Map(s.units),
  };
}
