/**
 * Reading quarterly returns: a unit's return and its history, the returns of a subtree, the
 * communities still owing one, the template's rows and the codes of an uploaded workbook.
 * Writing them is filing.ts; the figures and their columns are values.ts.
 */
import { type Kysely, sql, type Transaction } from "kysely";
import { BASE_LEVELS, type OrgLevel } from "../../shapes/org-levels.ts";
import type { Quarter } from "../../shapes/periods.ts";
import type { DB } from "../db/database.ts";
import type { ReviewState } from "../db/tables/unit-return.ts";
import { RETURN_COLUMNS, type ReturnRow, type ReturnValues, valuesOf } from "./values.ts";

export type { ReturnValues } from "./values.ts";

type Db = Kysely<DB> | Transaction<DB>;

/** `exists (closure row root → unit)`, or `true` for the whole tree (`root` null). */
function inSubtree(root: number | null, unitColumn: ReturnType<typeof sql.ref>) {
  return root === null
    ? sql<boolean>`true`
    : sql<boolean>`exists (select 1 from org_closure oc where oc.ancestor_id = ${root} and oc.descendant_id = ${unitColumn})`;
}

export interface StoredReturn {
  unitId: number;
  code: string;
  name: string;
  level: OrgLevel;
  year: number;
  quarter: number;
  values: ReturnValues;
  updatedBy: string | null;
  updatedAt: Date;
  /** Filed after the quarter's returns due day (迟报). */
  late: boolean;
  /** The street's review; state null: awaiting review (待审核). */
  review: {
    state: ReviewState | null;
    by: string | null;
    at: Date | null;
    reason: string | null;
  };
}

function baseReturnQuery(db: Db, q: Quarter) {
  return db
    .selectFrom("unit_return as r")
    .innerJoin("org_unit as u", "u.id", "r.org_unit_id")
    .selectAll("r")
    .select(["u.code", "u.name", "u.level"])
    .where("r.year", "=", q.year)
    .where("r.quarter", "=", q.quarter);
}

function toStored(row: ReturnRow & { code: string; name: string; level: OrgLevel }): StoredReturn {
  return {
    unitId: row.org_unit_id,
    code: row.code,
    name: row.name,
    level: row.level,
    year: row.year,
    quarter: row.quarter,
    values: valuesOf(row),
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
    late: row.late,
    review: {
      state: row.review_state,
      by: row.reviewed_by,
      at: row.reviewed_at,
      reason: row.review_reason,
    },
  };
}

/** One unit's return for a quarter, or undefined when it filed none. */
export async function getReturn(
  db: Db,
  unitId: number,
  q: Quarter,
): Promise<StoredReturn | undefined> {
  const row = await baseReturnQuery(db, q).where("r.org_unit_id", "=", unitId).executeTakeFirst();
  return row ? toStored(row) : undefined;
}

/** Every return filed for a quarter by a unit of the subtree (`root` null: whole tree), by code. */
export async function listReturns(
  db: Db,
  root: number | null,
  q: Quarter,
): Promise<StoredReturn[]> {
  const rows = await baseReturnQuery(db, q)
    .where(inSubtree(root, sql.ref("u.id")))
    .orderBy("u.code")
    .execute();
  return rows.map(toStored);
}

export interface UnitBrief {
  id: number;
  code: string;
  name: string;
  parentId: number | null;
}

/**
 * Communities of the subtree (the filing level) that have no return for the quarter, by code.
 * A subtree rooted below community level (a grid) has no communities, hence nothing missing.
 */
export async function communitiesMissingReturn(
  db: Db,
  root: number | null,
  q: Quarter,
): Promise<UnitBrief[]> {
  return db
    .selectFrom("org_unit as u")
    .select(["u.id", "u.code", "u.name", "u.parent_id as parentId"])
    .where("u.level", "in", BASE_LEVELS)
    .where(inSubtree(root, sql.ref("u.id")))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("unit_return as r")
            .select("r.org_unit_id")
            .whereRef("r.org_unit_id", "=", "u.id")
            .where("r.year", "=", q.year)
            .where("r.quarter", "=", q.quarter),
        ),
      ),
    )
    .orderBy("u.code")
    .execute();
}

export interface SheetRow {
  code: string;
  name: string;
  values: ReturnValues | null;
}

/** The communities of a subtree with their current return (null if none): the template's rows. */
export async function communitySheetRows(
  db: Db,
  root: number | null,
  q: Quarter,
): Promise<SheetRow[]> {
  const rows = await db
    .selectFrom("org_unit as u")
    .leftJoin("unit_return as r", (join) =>
      join
        .onRef("r.org_unit_id", "=", "u.id")
        .on("r.year", "=", q.year)
        .on("r.quarter", "=", q.quarter),
    )
    .select(["u.code", "u.name", "r.org_unit_id as filed"])
    .select(Object.values(RETURN_COLUMNS).map((col) => `r.${col}` as const))
    .where("u.level", "in", BASE_LEVELS)
    .where(inSubtree(root, sql.ref("u.id")))
    .orderBy("u.code")
    .execute();
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    values: r.filed === null ? null : valuesOf(r as unknown as ReturnRow),
  }));
}

export interface ResolvedUnit {
  id: number;
  code: string;
  inScope: boolean;
}

/** Looks up codes and tells for each whether it lies in the subtree of `scopeRoot` (null: all). */
export async function resolveUnitCodes(
  db: Db,
  codes: readonly string[],
  scopeRoot: number | null,
): Promise<Map<string, ResolvedUnit>> {
  const out = new Map<string, ResolvedUnit>();
  const unique = [...new Set(codes)];
  for (let i = 0; i < unique.length; i += 5000) {
    const rows = await db
      .selectFrom("org_unit as u")
      .select(["u.id", "u.code", inSubtree(scopeRoot, sql.ref("u.id")).as("inScope")])
      .where("u.code", "in", unique.slice(i, i + 5000))
      .execute();
    for (const r of rows) out.set(r.code, { id: r.id, code: r.code, inScope: Boolean(r.inScope) });
  }
  return out;
}

export interface HistoryEntry {
  changedBy: string | null;
  changedAt: Date;
  oldValues: ReturnValues | null;
  newValues: ReturnValues;
}

/** Every recorded change of a unit's return for a quarter, newest first. */
export async function returnHistory(db: Db, unitId: number, q: Quarter): Promise<HistoryEntry[]> {
  const rows = await db
    .selectFrom("unit_return_history")
    .select(["changed_by", "changed_at", "old_values", "new_values"])
    .where("org_unit_id", "=", unitId)
    .where("year", "=", q.year)
    .where("quarter", "=", q.quarter)
    .orderBy("changed_at", "desc")
    .orderBy("id", "desc")
    .execute();
  return rows.map((r) => ({
    changedBy: r.changed_by,
    changedAt: r.changed_at,
    oldValues: (r.old_values as ReturnValues | null) ?? null,
    newValues: r.new_values as ReturnValues,
  }));
}
