import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestEnv, STORE_KINDS, type TestEnv } from "../../../test/stores.ts";
import { up } from "./2026_12_06_1100_username_case_insensitive.ts";

// The migration on a database that already holds names differing only in case: the index is
// built, the oldest account keeps its name, the later ones are renamed, none is lost.

describe.each(STORE_KINDS)("the case-insensitive username migration on %s", (kind) => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await openTestEnv(kind);
  });
  afterAll(async () => env?.close());

  it("renames later case duplicates and then refuses new ones", async () => {
    const db = env.store.db;
    // The state before the migration: no index, duplicates allowed.
    await sql`drop index app_user_username_lower_key`.execute(db);
    const long = `Li${"x".repeat(62)}`;
    await sql`insert into app_user (username, password_hash, role) values
      ('zhang', 'h', 'clerk'), ('Zhang', 'h', 'clerk'), ('ZHANG', 'h', 'clerk'),
      (${long.toLowerCase()}, 'h', 'clerk'), (${long}, 'h', 'clerk'), ('wang', 'h', 'clerk')`.execute(
      db,
    );
    await up(db);
    const rows = await sql<{ id: number; username: string }>`
      select id, username from app_user where lower(username) like 'zhang%'
        or lower(username) like 'lix%' or username = 'wang'
      order by id`.execute(db);
    const [z1, z2, z3, l1, l2, w] = rows.rows;
    expect(rows.rows).toHaveLength(6);
    expect(z1!.username).toBe("zhang");
    expect(z2!.username).toBe(`Zhang.${z2!.id}`);
    expect(z3!.username).toBe(`ZHANG.${z3!.id}`);
    expect(l1!.username).toBe(long.toLowerCase());
    expect(l2!.username).toHaveLength(64);
    expect(l2!.username.endsWith(`.${l2!.id}`)).toBe(true);
    expect(w!.username).toBe("wang");
    await expect(
      sql`insert into app_user (username, password_hash, role) values ('WANG', 'h', 'clerk')`.execute(
        db,
      ),
    ).rejects.toThrow(/unique|duplicate/i);
  });
});
