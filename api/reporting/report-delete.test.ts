import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_PASSWORD, seedSmallWorld } from "../../test/accounts.ts";
import { call, expectProblem } from "../../test/http.ts";
import { openTestEnv, STORE_KINDS, type TestEnv } from "../../test/stores.ts";
import { insertReport } from "./queries/reports.ts";

// DELETE /api/v1/reports/{id} on both stores: a draft goes (audited), a published version and a
// report being generated stay (409, Chinese detail), scope and role are checked. Rows are inserted
// directly and moved between states with SQL: no report is printed (no queue runs).

describe.each(STORE_KINDS)("deleting a draft report on %s", (kind) => {
  let env: TestEnv;
  let t: Awaited<ReturnType<typeof seedSmallWorld>>;
  const ids: Record<string, string> = {};

  async function draft(unit: string, name: string): Promise<string> {
    const u = await env.store.db
      .selectFrom("org_unit")
      .select("id")
      .where("code", "=", unit)
      .executeTakeFirstOrThrow();
    const id = crypto.randomUUID();
    await insertReport(env.store.db, {
      id,
      orgUnitId: u.id,
      year: 2026,
      quarter: 3,
      edition: "leadership",
      schemeId: "369-default",
      scopeUnitId: null,
      createdBy: "test",
    });
    ids[name] = id;
    return id;
  }
  const del = (token: string, id: string) =>
    call(env.baseUrl, "DELETE", `/api/v1/reports/${id}`, { token });
  const exists = async (id: string) =>
    (await env.store.db.selectFrom("report").select("id").where("id", "=", id).execute()).length;

  beforeAll(async () => {
    env = await openTestEnv(kind, { ADMIN_PASSWORD });
    t = await seedSmallWorld(env);
    await draft("S1", "queued");
    await draft("S1", "failed");
    await draft("S1", "running");
    await draft("S1", "published");
    await draft("S2", "other");
    await sql`update report set status = 'failed', error = 'x' where id = ${ids.failed}`.execute(
      env.store.db,
    );
    await sql`update report set status = 'running' where id = ${ids.running}`.execute(env.store.db);
    await sql`update report set status = 'done', version = 1, published_at = now(), published_by = 't'
      where id = ${ids.published}`.execute(env.store.db);
  });
  afterAll(async () => {
    await env?.close();
  });

  it("deletes a queued or failed draft, and audits it", async () => {
    for (const name of ["queued", "failed"]) {
      const res = await del(t["leader-s1"], ids[name]!);
      expect(res.status, res.text).toBe(204);
      expect(await exists(ids[name]!)).toBe(0);
    }
    const audit = await sql<{ status: number; target: string }>`select status, target from audit_log
      where method = 'DELETE' and path = ${`/api/v1/reports/${ids.queued}`}`.execute(env.store.db);
    expect(audit.rows).toEqual([{ status: 204, target: `reports: ${ids.queued}` }]);
    expect((await del(t["leader-s1"], ids.queued!)).status).toBe(404);
  });

  it("keeps a published version and a report being generated (409)", async () => {
    const published = await del(t["leader-s1"], ids.published!);
    expectProblem(published, 409);
    expect(published.body.detail).toContain("已发布");
    const running = await del(t["leader-s1"], ids.running!);
    expectProblem(running, 409);
    expect(running.body.detail).toContain("正在生成");
    expect(await exists(ids.published!)).toBe(1);
    expect(await exists(ids.running!)).toBe(1);
  });

  it("checks role and scope", async () => {
    expect((await del(t["clerk-s1"], ids.other!)).status).toBe(403);
    expect([403, 404]).toContain((await del(t["leader-s1"], ids.other!)).status);
    expect(await exists(ids.other!)).toBe(1);
    expect((await del(t["leader-d1"], ids.other!)).status).toBe(204);
    expectProblem(await del(t.admin, "not-a-uuid"), 404);
  });
});
