import { parsePeriod, quarterEnd, quarterStart } from "../../shapes/periods.ts";

/** What `seedDemo` is asked for, and the concrete plan it turns into. */
export type DemoScale = "demo" | "district" | "city";

export interface DemoOptions {
  /** PRNG seed: the same options give byte-identical data. */
  seed: number;
  /** demo: 1 district, 120 communities; district: ~300 communities, 1 M cases/year; city: 16 districts, ~7,000 communities, 20 M cases/year. */
  scale: DemoScale;
  /** Streets per district (overrides the scale's). */
  streets?: number;
  /** Communities per street (overrides the scale's). */
  communitiesPerStreet?: number;
  /** Cases per year over the whole tree (overrides the scale's); spread by population. */
  casesPerYear?: number;
  /** Quarters to generate, e.g. `["2025Q1", …]`; default 2025Q1 through 2026Q3. */
  quarters?: string[];
}

export const DEFAULT_QUARTERS: readonly string[] = [
  "2025Q1",
  "2025Q2",
  "2025Q3",
  "2025Q4",
  "2026Q1",
  "2026Q2",
  "2026Q3",
];

/** A quarter with its Asia/Shanghai bounds as UTC milliseconds, `[startMs, endMs)`. */
export interface Quarter {
  label: string;
  year: number;
  quarter: number;
  startMs: number;
  endMs: number;
}

/** Parses `2026Q3`; quarter bounds are Asia/Shanghai midnight (UTC+8, no daylight saving). */
export function parseQuarter(label: string): Quarter {
  const q = parsePeriod(label);
  if (!q) throw new RangeError(`parseQuarter: not a quarter: ${label}`);
  const startMs = quarterStart(q).getTime();
  const endMs = quarterEnd(q).getTime();
  return { label, year: q.year, quarter: q.quarter, startMs, endMs };
}

export interface DemoPlan {
  seed: number;
  scale: DemoScale;
  /** District count; at city scale the districts sit under a city root. */
  districts: number;
  streetsPerDistrict: number;
  communitiesPerStreet: number;
  casesPerYear: number;
  /** Floor on cases per community-quarter (150 at the default demo size, else 0). */
  minCasesPerQuarter: number;
  quarters: Quarter[];
  /** The data's "now": the end of the last generated quarter. Nothing happens after it. */
  asOfMs: number;
}

/** Cases per community and year at each scale, so overriding the tree keeps the density. */
const SCALES: Record<
  DemoScale,
  { districts: number; streets: number; communities: number; casesPerCommunityYear: number }
> = {
  // 250 cases per community-quarter on average (≈160–340 by population).
  demo: { districts: 1, streets: 10, communities: 12, casesPerCommunityYear: 1000 },
  // 15 × 20 = 300 communities, 1,000,000 cases a year.
  district: { districts: 1, streets: 15, communities: 20, casesPerCommunityYear: 1_000_000 / 300 },
  // 16 × 18 × 24 = 6,912 communities, 20,000,000 cases a year.
  city: { districts: 16, streets: 18, communities: 24, casesPerCommunityYear: 20_000_000 / 6912 },
};

function positiveInt(name: string, v: number, max: number): number {
  if (!Number.isInteger(v) || v < 1 || v > max) {
    throw new RangeError(`resolvePlan: ${name} must be an integer in 1..${max}, got ${v}`);
  }
  return v;
}

/** Fills defaults and validates. Throws a `RangeError` naming the bad option. */
export function resolvePlan(options: Partial<DemoOptions> = {}): DemoPlan {
  const scale = options.scale ?? "demo";
  const base = SCALES[scale];
  if (!base) throw new RangeError(`resolvePlan: unknown scale ${String(scale)}`);
  const seed = options.seed ?? 369;
  if (!Number.isInteger(seed))
    throw new RangeError(`resolvePlan: seed must be an integer, got ${seed}`);
  const streetsPerDistrict = positiveInt("streets", options.streets ?? base.streets, 999);
  const communitiesPerStreet = positiveInt(
    "communitiesPerStreet",
    options.communitiesPerStreet ?? base.communities,
    999,
  );
  const communities = base.districts * streetsPerDistrict * communitiesPerStreet;
  const casesPerYear = options.casesPerYear ?? Math.round(communities * base.casesPerCommunityYear);
  if (!Number.isFinite(casesPerYear) || casesPerYear < 0) {
    throw new RangeError(`resolvePlan: casesPerYear must be ≥ 0, got ${casesPerYear}`);
  }
  const labels = [...new Set(options.quarters ?? DEFAULT_QUARTERS)];
  if (labels.length === 0) throw new RangeError("resolvePlan: no quarters");
  const quarters = labels.map(parseQuarter).sort((a, b) => a.startMs - b.startMs);
  const last = quarters[quarters.length - 1] as Quarter;
  return {
    seed,
    scale,
    districts: base.districts,
    streetsPerDistrict,
    communitiesPerStreet,
    casesPerYear,
    minCasesPerQuarter: scale === "demo" && options.casesPerYear === undefined ? 150 : 0,
    quarters,
    asOfMs: last.endMs,
  };
}
