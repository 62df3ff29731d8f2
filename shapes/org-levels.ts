/**
 * The org levels (`org_unit.level`, CONTRACT.md `PUT /org-units`): one list for the database's
 * column type, the API's zod schema (OpenAPI `OrgLevel`), the import rules, the pages and the
 * reports. Their Chinese names are in ./labels.ts.
 *
 * A rural tree (issue 23) has its own names for three tiers: a county (县) is a district's tier, a
 * township (乡镇) a street's, a village (村) a community's. A level's tier is all the rules look at:
 * which level may sit under which, which levels file returns, which units draft reports.
 */
import { z } from "@hono/zod-openapi";

/** Every level, top down, each rural one after its urban counterpart. */
export const ORG_LEVELS = [
  "city",
  "district",
  "county",
  "street",
  "township",
  "community",
  "village",
  "grid",
] as const;

/** An org level, as the API takes and returns it. */
export const OrgLevel = z.enum(ORG_LEVELS).openapi("OrgLevel");
export type OrgLevel = z.infer<typeof OrgLevel>;

/** Tier of each level (0 city … 4 grid): a child's tier must be strictly below its parent's. */
export const LEVEL_ORDER: Readonly<Record<OrgLevel, number>> = Object.freeze({
  city: 0,
  district: 1,
  county: 1,
  street: 2,
  township: 2,
  community: 3,
  village: 3,
  grid: 4,
});

/** The levels a tree may start at (a unit without a parent). */
export const ROOT_LEVELS: readonly OrgLevel[] = Object.freeze(["city", "district", "county"]);

/**
 * The grassroots levels: communities and villages file the quarterly returns, are sampled by the
 * satisfaction survey and are compared with each other by the data-quality rules.
 */
export const BASE_LEVELS: readonly OrgLevel[] = Object.freeze(["community", "village"]);

/** The levels that get a scheduled quarterly report draft: districts, counties, streets, townships. */
export const REPORT_LEVELS: readonly OrgLevel[] = Object.freeze([
  "district",
  "county",
  "street",
  "township",
]);

/** Whether a level is a grassroots one (community or village). */
export function isBaseLevel(level: string): boolean {
  return (BASE_LEVELS as readonly string[]).includes(level);
}

/** The rural tiers' levels (县, 乡镇, 村) and the urban ones (区, 街道, 社区). */
const RURAL_LEVELS: readonly string[] = ["county", "township", "village"];
const URBAN_LEVELS: readonly string[] = ["district", "street", "community"];

/**
 * Whether a unit counts as urban (true) or rural (false) for targets by urban/rural
 * (INDICATORS.md): the unit's own `urban` flag (CONTRACT.md `PUT /org-units`) when set; otherwise
 * what its level says (a county, township or village is rural; a district, street or community
 * urban); `null` for a city or grid without a flag (an override naming urban/rural never matches).
 */
export function isUrbanUnit(level: string, urban: boolean | null | undefined): boolean | null {
  if (urban !== null && urban !== undefined) return urban;
  if (RURAL_LEVELS.includes(level)) return false;
  if (URBAN_LEVELS.includes(level)) return true;
  return null;
}
