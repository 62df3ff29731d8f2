import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

export type OrgLevel = "city" | "district" | "street" | "community" | "grid";

/** Depth order of levels: a child's level must come strictly after its parent's. */
export const LEVEL_ORDER: Record<OrgLevel, number> = {
  city: 0,
  district: 1,
  street: 2,
  community: 3,
  grid: 4,
};

export interface OrgUnitTable {
  id: Generated<number>;
  code: string;
  name: string;
  level: OrgLevel;
  parent_id: number | null;
  urban: boolean | null;
  created_at: ColumnType<Date, Date | undefined, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}
export type OrgUnit = Selectable<OrgUnitTable>;
export type NewOrgUnit = Insertable<OrgUnitTable>;
export type OrgUnitUpdate = Updateable<OrgUnitTable>;

export interface OrgClosureTable {
  ancestor_id: number;
  descendant_id: number;
  depth: number;
}

export interface OrgUnitYearTable {
  org_unit_id: number;
  year: number;
  population: number | null;
  households: number | null;
}
