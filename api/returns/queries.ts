import { type Kysely, type Selectable, sql, type Transaction } from "kysely";
import type { OrgLevel } from "../../shapes/org-levels.ts";
import type { Quarter } from "../../shapes/periods.ts";
import type { DB } from "../db/database.ts";
import { RETURN_FIELDS, type ReturnField, type UnitReturnTable } from "../db/tables/unit-return.ts";
import { bumpDataVersions, type QuarterKey } from "../indicators/queries/data-version.ts";

type Db = Kysely<DB> | Transaction<DB>;

/** The 13 figures of a return; `null` = not reported. */
export type ReturnValues = Record<ReturnField, number | null>;

/** API field → column. One table, so the camel/snake mapping lives in one place. */
export const RETURN_COLUMNS = {
  population: "population",
  budgetAllocatedYear: "budget_allocated_year",
  budgetSpent: "budget_spent",
  workersInPost: "workers_in_post",
  positions: "positions",
  trainingHours: "training_hours",
  meetingsHeld: "meetings_held",
  itemsRaised: "items_raised",
  itemsResolved: "items_resolved",
  participants: "participants",
  volunteers: "volunteers",
  volunteerHours: "volunteer_hours",
  platformActiveUsers: "platform_active_users",
} as const satisfies Record<ReturnField, keyof UnitReturnTable>;

type ReturnRow = Selectable<UnitReturnTable>;

function valuesOf(row: ReturnRow): ReturnValues {
  const out = {} as ReturnValues;
  for (const f of RETURN_FIELDS) out[f] = row[RETURN_COLUMNS[f]];
  return out;
}

/** True when two returns carry the same figures (doubles round-trip exactly through float8). */
export function sameValues(a: ReturnValues, b: ReturnValues): boolean {
  return RETURN_FIELDS.every((f) => a[f] === b[f]);
}

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
    .where("u.level", "=", "community")
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
    .where("u.level", "=", "community")
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

export interface ReturnWrite {
  orgUnitId: number;
  values: ReturnValues;
}

export interface WriteOutcome {
  /** Units whose return was created or changed (a history row each). */
  changed: number[];
  /** Units whose return already had exactly these figures (nothing written). */
  unchanged: number[];
}

/** The quarter and the later quarters of its year: R1 (fund execution) is year-to-date. */
export function quartersAffectedBy(q: Quarter): QuarterKey[] {
  const keys: QuarterKey[] = [];
  for (let n = q.quarter; n <= 4; n++) keys.push({ year: q.year, quarter: n });
  return keys;
}

/**
 * Replaces the returns of the given units for a quarter (PUT semantics: a figure not given is
 * stored as null). A return identical to the stored one writes nothing, no history either.
 * Each change adds a `unit_return_history` row (actor, old figures or null, new figures) and
 * bumps the data version of the quarter and the later quarters of the year. Run in a
 * transaction; writes to the same quarter are serialised by an advisory lock, so two writers
 * never both record "no previous return".
 */
export async function writeReturns(
  trx: Transaction<DB>,
  q: Quarter,
  writes: readonly ReturnWrite[],
  actor: string,
): Promise<WriteOutcome> {
  const outcome: WriteOutcome = { changed: [], unchanged: [] };
  if (writes.length === 0) return outcome;
  await sql`select pg_advisory_xact_lock(369002, ${q.year * 10 + q.quarter}::int)`.execute(trx);
  const old = new Map<number, ReturnValues>();
  const ids = writes.map((w) => w.orgUnitId);
  for (let i = 0; i < ids.length; i += 5000) {
    const rows = await trx
      .selectFrom("unit_return")
      .selectAll()
      .where("year", "=", q.year)
      .where("quarter", "=", q.quarter)
      .where("org_unit_id", "in", ids.slice(i, i + 5000))
      .execute();
    for (const r of rows) old.set(r.org_unit_id, valuesOf(r));
  }
  const changes: ReturnWrite[] = [];
  for (const w of writes) {
    const before = old.get(w.orgUnitId);
    if (before && sameValues(before, w.values)) outcome.unchanged.push(w.orgUnitId);
    else {
      changes.push(w);
      outcome.changed.push(w.orgUnitId);
    }
  }
  // 18 parameters a row: 500 rows stay far below PostgreSQL's 65,535 bind parameters.
  for (let i = 0; i < changes.length; i += 500) {
    const chunk = changes.slice(i, i + 500);
    await trx
      .insertInto("unit_return")
      .values(
        chunk.map((w) => {
          const row: Record<string, unknown> = {
            org_unit_id: w.orgUnitId,
            year: q.year,
            quarter: q.quarter,
            updated_by: actor,
          };
          for (const f of RETURN_FIELDS) row[RETURN_COLUMNS[f]] = w.values[f];
          return row as unknown as ReturnRow;
        }),
      )
      .onConflict((oc) =>
        oc.columns(["org_unit_id", "year", "quarter"]).doUpdateSet((eb) => {
          const set: Record<string, unknown> = {
            updated_by: eb.ref("excluded.updated_by"),
            updated_at: sql`now()`,
          };
          for (const col of Object.values(RETURN_COLUMNS)) set[col] = eb.ref(`excluded.${col}`);
          return set;
        }),
      )
      .execute();
    await trx
      .insertInto("unit_return_history")
      .values(
        chunk.map((w) => {
          const before = old.get(w.orgUnitId);
          return {
            org_unit_id: w.orgUnitId,
            year: q.year,
            quarter: q.quarter,
            changed_by: actor,
            old_values: before ? JSON.stringify(before) : null,
            new_values: JSON.stringify(w.values),
          };
        }),
      )
      .execute();
  }
  if (changes.length > 0) await bumpDataVersions(trx, quartersAffectedBy(q));
  return outcome;
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
