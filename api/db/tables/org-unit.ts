import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

import type { OrgLevel } from "../../../shapes/org-levels.ts";

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
