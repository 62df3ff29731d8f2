/**
 * Test support for the demo generator's tests (not used by the generator): a fresh migrated
 * PGlite store, the small option set, and a digest of every generated row.
 */
import { createHash } from "node:crypto";
import { createPgliteStore, type Store } from "../../api/db/client.ts";
import { migrateToLatest } from "../../api/db/migrate.ts";
import type { DemoOptions } from "./options.ts";
import { CASE_COLUMNS } from "./queries.ts";

/** 2 streets × 3 communities, ~100 cases per community-quarter: a few seconds per run. */
export const SMALL: Partial<DemoOptions> = {
  seed: 7,
  streets: 2,
  communitiesPerStreet: 3,
  casesPerYear: 2400,
};

export async function freshPglite(): Promise<Store> {
  const store = await createPgliteStore(null);
  await migrateToLatest(store.db);
  return store;
}

export interface Snapshot {
  digest: string;
  counts: { units: number; cases: number; returns: number; responses: number; closure: number };
}

/** A digest of every generated row (units by code, so engine-assigned ids do not matter). */
export async function snapshot(store: Store): Promise<Snapshot> {
  const db = store.db;
  const units = await db
    .selectFrom("org_unit")
    .select(["id", "code", "name", "level", "urban"])
    .orderBy("code")
    .execute();
  const code = new Map(units.map((u) => [u.id, u.code]));
  const cases = await db
    .selectFrom("case_record")
    .select([...CASE_COLUMNS])
    .orderBy("source")
    .orderBy("external_id")
    .execute();
  const responses = await db.selectFrom("survey_response").selectAll().orderBy("id").execute();
  const returns = await db
    .selectFrom("unit_return")
    .selectAll()
    .orderBy("org_unit_id")
    .orderBy("year")
    .orderBy("quarter")
    .execute();
  const facts = await db
    .selectFrom("org_unit_year")
    .selectAll()
    .orderBy("org_unit_id")
    .orderBy("year")
    .execute();
  const freshness = await db.selectFrom("source_freshness").selectAll().orderBy("source").execute();
  const closure = await db
    .selectFrom("org_closure")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  const hash = createHash("sha256");
  const add = (rows: object[]) => {
    for (const r of rows) {
      const row: Record<string, unknown> = { ...r };
      if (typeof row.org_unit_id === "number") row.org_unit_id = code.get(row.org_unit_id);
      hash.update(JSON.stringify(row));
      hash.update("\n");
    }
  };
  add(units.map(({ id: _, ...u }) => u));
  add(cases);
  add(responses);
  add(returns);
  add(facts);
  add(freshness);
  return {
    digest: hash.digest("hex"),
    counts: {
      units: units.length,
      cases: cases.length,
      returns: returns.length,
      responses: responses.length,
      closure: Number(closure.n),
    },
  };
}
