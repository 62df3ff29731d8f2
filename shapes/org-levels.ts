/**
 * The org levels (`org_unit.level`, CONTRACT.md `PUT /org-units`): one list for the database's
 * column type, the API's zod schema (OpenAPI `OrgLevel`), the import rules, the pages and the
 * reports. Their Chinese names are in ./labels.ts.
 */
import { z } from "@hono/zod-openapi";

/** Every level, top down. */
export const ORG_LEVELS = ["city", "district", "street", "community", "grid"] as const;

/** An org level, as the API takes and returns it. */
export const OrgLevel = z.enum(ORG_LEVELS).openapi("OrgLevel");
export type OrgLevel = z.infer<typeof OrgLevel>;

/** Depth order of levels: a child's level must come strictly after its parent's. */
export const LEVEL_ORDER: Readonly<Record<OrgLevel, number>> = Object.freeze({
  city: 0,
  district: 1,
  street: 2,
  community: 3,
  grid: 4,
});
