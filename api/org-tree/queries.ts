import { type Kysely, sql, type Transaction } from "kysely";
import type { OrgLevel } from "../../shapes/org-levels.ts";
import type { DB } from "../db/database.ts";

type Db = Kysely<DB> | Transaction<DB>;

export interface UnitRef {
  id: number;
  code: string;
  name: string;
  level: OrgLevel;
  parentId: number | null;
  urban: boolean | null;
}

/** Every unit, flat. 7,000 rows at city scale: cheap enough to validate a whole-tree change. */
export async function listAllUnits(db: Db): Promise<UnitRef[]> {
  return db
    .selectFrom("org_unit")
    .select(["id", "code", "name", "level", "parent_id as parentId", "urban"])
    .orderBy("id")
    .execute();
}

export async function findUnitByCode(db: Db, code: string): Promise<UnitRef | undefined> {
  return db
    .selectFrom("org_unit")
    .select(["id", "code", "name", "level", "parent_id as parentId", "urban"])
    .where("code", "=", code)
    .executeTakeFirst();
}

/** Codes → ids for the given codes (unknown codes are simply absent from the map). */
export async function unitIdsByCode(
  db: Db,
  codes: readonly string[],
): Promise<Map<string, number>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .selectFrom("org_unit")
    .select(["id", "code"])
    .where("code", "in", [...new Set(codes)])
    .execute();
  return new Map(rows.map((r) => [r.code, r.id]));
}

/** True when `unitId` lies in the subtree of `rootId` (itself included). */
export async function isInSubtree(db: Db, rootId: number, unitId: number): Promise<boolean> {
  const row = await db
    .selectFrom("org_closure")
    .select("depth")
    .where("ancestor_id", "=", rootId)
    .where("descendant_id", "=", unitId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Ids of every unit in the subtree of `rootId` (itself included). */
export async function subtreeIds(db: Db, rootId: number): Promise<number[]> {
  const rows = await db
    .selectFrom("org_closure")
    .select("descendant_id")
    .where("ancestor_id", "=", rootId)
    .execute();
  return rows.map((r) => r.descendant_id);
}

export interface UnitWrite {
  code: string;
  name: string;
  level: OrgLevel;
  urban: boolean | null;
  parentCode: string | null;
}

/**
 * Inserts new units and updates changed ones, then sets parents by code and rebuilds the
 * closure table. A constant number of statements per chunk of 1,000 units. Run in a transaction.
 */
export async function writeUnits(
  trx: Transaction<DB>,
  inserts: readonly UnitWrite[],
  updates: readonly UnitWrite[],
): Promise<void> {
  for (let i = 0; i < inserts.length; i += 1000) {
    const chunk = inserts.slice(i, i + 1000);
    await trx
      .insertInto("org_unit")
      .values(
        chunk.map((u) => ({
          code: u.code,
          name: u.name,
          level: u.level,
          urban: u.urban,
          parent_id: null,
        })),
      )
      .execute();
  }
  for (let i = 0; i < updates.length; i += 1000) {
    const chunk = updates.slice(i, i + 1000);
    const rows = sql.join(
      chunk.map((u) => sql`(${u.code}, ${u.name}, ${u.level}::org_level, ${u.urban}::boolean)`),
    );
    await sql`
      update org_unit set name = v.name, level = v.level, urban = v.urban, updated_at = now()
      from (values ${rows}) as v(code, name, level, urban)
      where org_unit.code = v.code`.execute(trx);
  }
  const all = [...inserts, ...updates];
  for (let i = 0; i < all.length; i += 1000) {
    const chunk = all.slice(i, i + 1000);
    const rows = sql.join(chunk.map((u) => sql`(${u.code}, ${u.parentCode}::text)`));
    await sql`
      update org_unit set parent_id = p.id
      from (values ${rows}) as v(code, parent_code)
      left join org_unit p on p.code = v.parent_code
      where org_unit.code = v.code and org_unit.parent_id is distinct from p.id`.execute(trx);
  }
  if (all.length > 0) await rebuildClosure(trx);
}

/**
 * Recomputes the closure table from parent links with one recursive query. At 7,000 units
 * (~30,000 pairs) this takes tens of milliseconds, simpler and safer than patching pairs on moves.
 */
export async function rebuildClosure(trx: Transaction<DB>): Promise<void> {
  await sql`delete from org_closure`.execute(trx);
  await sql`
    insert into org_closure (ancestor_id, descendant_id, depth)
    with recursive walk(ancestor_id, descendant_id, depth) as (
      select id, id, 0 from org_unit
      union all
      select w.ancestor_id, u.id, w.depth + 1
      from walk w join org_unit u on u.parent_id = w.descendant_id
    )
    select ancestor_id, descendant_id, depth from walk`.execute(trx);
}

export interface YearFacts {
  code: string;
  year: number;
  population: number | null;
  households: number | null;
}

/** Upserts per-year population and households. */
export async function writeYearFacts(
  trx: Transaction<DB>,
  facts: readonly YearFacts[],
): Promise<void> {
  for (let i = 0; i < facts.length; i += 1000) {
    const chunk = facts.slice(i, i + 1000);
    const rows = sql.join(
      chunk.map(
        (f) =>
          sql`(${f.code}, ${f.year}::smallint, ${f.population}::integer, ${f.households}::integer)`,
      ),
    );
    await sql`
      insert into org_unit_year (org_unit_id, year, population, households)
      select u.id, v.year, v.population, v.households
      from (values ${rows}) as v(code, year, population, households)
      join org_unit u on u.code = v.code
      on conflict (org_unit_id, year) do update
        set population = excluded.population, households = excluded.households`.execute(trx);
  }
}

/** Codes among `facts` whose stored population or households differ (or are not stored yet). */
export async function codesWithChangedFacts(
  trx: Transaction<DB>,
  facts: readonly YearFacts[],
): Promise<Set<string>> {
  const changed = new Set<string>();
  if (facts.length === 0) return changed;
  const rows = await trx
    .selectFrom("org_unit_year as y")
    .innerJoin("org_unit as u", "u.id", "y.org_unit_id")
    .select(["u.code", "y.year", "y.population", "y.households"])
    .where("u.code", "in", [...new Set(facts.map((f) => f.code))])
    .execute();
  const old = new Map(rows.map((r) => [`${r.code}|${r.year}`, r]));
  for (const f of facts) {
    const o = old.get(`${f.code}|${f.year}`);
    if (!o || o.population !== f.population || o.households !== f.households) changed.add(f.code);
  }
  return changed;
}

export interface TreeRow {
  id: number;
  code: string;
  name: string;
  level: OrgLevel;
  parentId: number | null;
  urban: boolean | null;
  depth: number;
  population: number | null;
  households: number | null;
  year: number | null;
}

/**
 * The units under `rootIds` down to `maxDepth` levels below each root, with each unit's latest
 * per-year facts. One query, ordered so that parents come before children.
 */
export async function subtreeRows(
  db: Db,
  rootIds: readonly number[],
  maxDepth: number | null,
): Promise<TreeRow[]> {
  if (rootIds.length === 0) return [];
  let q = db
    .selectFrom("org_closure as c")
    .innerJoin("org_unit as u", "u.id", "c.descendant_id")
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom("org_unit_year as y")
          .select(["y.population", "y.households", "y.year"])
          .whereRef("y.org_unit_id", "=", "u.id")
          .orderBy("y.year", "desc")
          .limit(1)
          .as("f"),
      (join) => join.onTrue(),
    )
    .select([
      "u.id",
      "u.code",
      "u.name",
      "u.level",
      "u.parent_id as parentId",
      "u.urban",
      "c.depth",
      "f.population",
      "f.households",
      "f.year",
    ])
    .where("c.ancestor_id", "in", rootIds);
  if (maxDepth !== null) q = q.where("c.depth", "<=", maxDepth);
  return q.orderBy("c.depth").orderBy("u.code").execute();
}

/** Ids of the tree's roots (units without a parent). */
export async function rootIds(db: Db): Promise<number[]> {
  const rows = await db
    .selectFrom("org_unit")
    .select("id")
    .where("parent_id", "is", null)
    .execute();
  return rows.map((r) => r.id);
}

/** Serialises tree changes for the rest of the transaction: a PUT validates against the tree it writes. */
export async function lockTree(trx: Transaction<DB>): Promise<void> {
  await sql`select pg_advisory_xact_lock(369001)`.execute(trx);
}

/** A unit's yearly facts (population, households), newest year first. */
export async function unitYearFacts(
  db: Db,
  unitId: number,
): Promise<{ year: number; population: number | null; households: number | null }[]> {
  return db
    .selectFrom("org_unit_year")
    .select(["year", "population", "households"])
    .where("org_unit_id", "=", unitId)
    .orderBy("year", "desc")
    .execute();
}
