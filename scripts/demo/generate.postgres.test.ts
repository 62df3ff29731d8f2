import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createPostgresStore, type Store } from "../../api/db/client.ts";
import { migrateToLatest } from "../../api/db/migrate.ts";
import { seedDemo } from "./generate.ts";
import { createDatabase, dropDatabase } from "./queries.ts";
import { freshPglite, SMALL, snapshot } from "./test-snapshot.ts";

// A scratch database on the suite's PostgreSQL (found or started by test/global-setup.ts).
const ADMIN_URL = inject("pgUrl");

describe("seedDemo on PostgreSQL", () => {
  const name = `demo_gen_${randomBytes(6).toString("hex")}`;
  let admin: Store;
  let store: Store;

  beforeAll(async () => {
    admin = createPostgresStore({ connectionString: ADMIN_URL, max: 1 });
    await createDatabase(admin.db, name);
    const url = new URL(ADMIN_URL);
    url.pathname = `/${name}`;
    store = createPostgresStore({ connectionString: url.toString() });
    await migrateToLatest(store.db);
  });

  afterAll(async () => {
    await store?.close();
    if (admin) {
      await dropDatabase(admin.db, name);
      await admin.close();
    }
  });

  it("writes the same rows as PGlite", async () => {
    const summary = await seedDemo(store, SMALL);
    const pg = await snapshot(store);
    const lite = await freshPglite();
    try {
      await seedDemo(lite, SMALL);
      const expected = await snapshot(lite);
      expect(pg.counts).toEqual(expected.counts);
      expect(pg.digest).toBe(expected.digest);
      expect(summary.cases).toBe(expected.counts.cases);
    } finally {
      await lite.close();
    }
  });
});
