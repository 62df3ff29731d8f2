import { z } from "@hono/zod-openapi";
import { OrgLevel } from "../../shapes/org-levels.ts";
import { int4, OrgUnitCode } from "../http/router.ts";

export const OrgUnitYear = z
  .object({
    year: z.number().int().min(2000).max(2100),
    population: int4().nullable().optional(),
    households: int4().nullable().optional(),
  })
  .openapi("OrgUnitYear");

export const OrgUnitInput = z
  .object({
    code: OrgUnitCode,
    name: z.string().trim().min(1).max(100),
    level: OrgLevel,
    parentCode: OrgUnitCode.nullable().optional(),
    urban: z.boolean().nullable().optional(),
    years: z
      .array(OrgUnitYear)
      .max(50)
      .superRefine((years, ctx) => {
        // One row per unit and year: a repeat would make the upsert touch its row twice.
        const first = new Map<number, number>();
        years.forEach((y, i) => {
          const at = first.get(y.year);
          if (at === undefined) first.set(y.year, i);
          else {
            ctx.addIssue({
              code: "custom",
              path: [i, "year"],
              message: `年份 ${y.year} 重复（已在第 ${at + 1} 项给出）`,
            });
          }
        });
      })
      .optional(),
  })
  .openapi("OrgUnitInput");
export type OrgUnitInput = z.infer<typeof OrgUnitInput>;

export const PutOrgUnitsBody = z
  .object({ units: z.array(OrgUnitInput).min(1).max(20_000) })
  .openapi("PutOrgUnitsBody");

export const PutOrgUnitsResult = z
  .object({ inserted: z.number().int(), updated: z.number().int(), unchanged: z.number().int() })
  .openapi("PutOrgUnitsResult");

export interface OrgUnitNode {
  code: string;
  name: string;
  level: OrgLevel;
  parentCode: string | null;
  urban: boolean | null;
  population: number | null;
  households: number | null;
  factsYear: number | null;
  children: OrgUnitNode[];
}

export const OrgUnitNode: z.ZodType<OrgUnitNode> = z
  .lazy(() =>
    z.object({
      code: z.string(),
      name: z.string(),
      level: OrgLevel,
      parentCode: z.string().nullable(),
      urban: z.boolean().nullable(),
      population: z.number().nullable(),
      households: z.number().nullable(),
      factsYear: z.number().nullable(),
      children: z.array(OrgUnitNode),
    }),
  )
  .openapi("OrgUnitNode", { type: "object" });

export const GetOrgUnitsQuery = z.object({
  root: OrgUnitCode.optional().openapi({
    description: "Code of the subtree's root; default: the caller's scope",
  }),
  depth: z.coerce
    .number()
    .int()
    .min(0)
    .max(10)
    .optional()
    .openapi({ description: "Levels below the root; default: all" }),
});

export const OrgTree = z.object({ units: z.array(OrgUnitNode) }).openapi("OrgTree");
