import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedSmallWorld } from "../../test/accounts.ts";
import { call, expectProblem, expectShape } from "../../test/http.ts";
import { openTestEnv, STORE_KINDS, type TestEnv } from "../../test/stores.ts";
import { dataVersion } from "../indicators/queries/data-version.ts";
import { ReturnHistory, ReturnList, StoredReturn } from "./schema.ts";

describe.each(STORE_KINDS)("quarterly returns on %s", (kind) => {
  let env: TestEnv;
  let t: Awaited<ReturnType<typeof seedSmallWorld>>;
  const put = (token: string, path: string, json: unknown) =>
    call(env.baseUrl, "PUT", `/api/v1/returns/${path}`, { token, json });
  const get = (token: string, path: string) =>
    call(env.baseUrl, "GET", `/api/v1/returns${path}`, { token });

  beforeAll(async () => {
    env = await openTestEnv(kind, { ADMIN_PASSWORD: "admin-pass-369" });
    t = await seedSmallWorld(env);
  });
  afterAll(async () => env?.close());

  it("stores a return, answers it, and keeps a history row with old and new figures", async () => {
    const first = await put(t["clerk-s1"], "C11/2026Q3", {
      population: 8000,
      budgetSpent: 120000.5,
      workersInPost: 12,
    });
    expect(first.status, first.text).toBe(200);
    const stored = expectShape(StoredReturn, first.body);
    expect(stored).toMatchObject({
      orgUnit: "C11",
      orgUnitName: "甲社区",
      period: "2026Q3",
      population: 8000,
      budgetSpent: 120000.5,
      workersInPost: 12,
      positions: null,
      updatedBy: "clerk-s1",
    });
    // PUT replaces: population is left out, so it becomes null.
    const second = await put(t.admin, "C11/2026Q3", { budgetSpent: 130000, workersInPost: 12 });
    expect(expectShape(StoredReturn, second.body)).toMatchObject({
      population: null,
      budgetSpent: 130000,
      updatedBy: "admin",
    });
    expect(expectShape(StoredReturn, (await get(t["leader-d1"], "/C11/2026Q3")).body)).toEqual(
      second.body,
    );
    const history = expectShape(
      ReturnHistory,
      (await get(t["leader-s1"], "/C11/2026Q3/history")).body,
    );
    expect(history.entries).toHaveLength(2);
    const [latest, created] = history.entries;
    expect(created).toMatchObject({ changedBy: "clerk-s1", oldValues: null });
    expect(created!.newValues).toMatchObject({ population: 8000, budgetSpent: 120000.5 });
    expect(latest).toMatchObject({ changedBy: "admin" });
    expect(latest!.oldValues).toMatchObject({ population: 8000, budgetSpent: 120000.5 });
    expect(latest!.newValues).toMatchObject({ population: null, budgetSpent: 130000 });
    expect(latest!.changedFields).toEqual(["population", "budgetSpent"]);
  });

  it("writes no history and bumps nothing for an identical PUT", async () => {
    const body = { budgetSpent: 130000, workersInPost: 12 };
    const before = await dataVersion(env.store.db, { year: 2026, quarter: 3 });
    const res = await put(t["clerk-s1"], "C11/2026Q3", body);
    expect(res.status, res.text).toBe(200);
    expect(res.body.updatedBy).toBe("admin");
    const history = await get(t.admin, "/C11/2026Q3/history");
    expect(history.body.entries).toHaveLength(2);
    expect(await dataVersion(env.store.db, { year: 2026, quarter: 3 })).toBe(before);
  });

  it("bumps the data version of the quarter and the later quarters of its year", async () => {
    const key = (quarter: number, year = 2026) => dataVersion(env.store.db, { year, quarter });
    const before = await Promise.all([key(1), key(2), key(3), key(4), key(1, 2027)]);
    const res = await put(t["clerk-s1"], "C12/2026Q2", { budgetSpent: 5 });
    expect(res.status, res.text).toBe(200);
    const after = await Promise.all([key(1), key(2), key(3), key(4), key(1, 2027)]);
    expect(after.map((v, i) => v - before[i]!)).toEqual([0, 1, 1, 1, 0]);
  });

  it("rejects bad figures, unknown fields, an empty body and malformed periods with 422", async () => {
    const neg = expectProblem(await put(t.admin, "C11/2026Q3", { population: -1 }), 422);
    expect(neg.errors!.map((e) => e.path)).toContain("body.population");
    const unknown = expectProblem(
      await put(t.admin, "C11/2026Q3", { population: 1, cats: 3 }),
      422,
    );
    expect(JSON.stringify(unknown.errors)).toContain("cats");
    const text = expectProblem(await put(t.admin, "C11/2026Q3", { population: "12" }), 422);
    expect(text.errors!.map((e) => e.path)).toContain("body.population");
    expectProblem(await put(t.admin, "C11/2026Q3", {}), 422);
    expectProblem(await put(t.admin, "C11/2026Q3", { population: null }), 422);
    for (const period of ["2026Q5", "2026-Q3", "26Q3", "1999Q1"]) {
      const p = expectProblem(await put(t.admin, `C11/${period}`, { population: 1 }), 422);
      expect(p.errors!.map((e) => e.path)).toContain("param.period");
    }
    expectProblem(await get(t.admin, "?period=2026Q9"), 422);
    expectProblem(await get(t.admin, "/C11/2026Q0"), 422);
  });

  it("keeps callers to their role and scope", async () => {
    expectProblem(await put(t["clerk-s1"], "C21/2026Q3", { population: 1 }), 403);
    expectProblem(await put(t["leader-d1"], "C11/2026Q3", { population: 1 }), 403);
    expectProblem(await put(t["assessor-d1"], "C11/2026Q3", { population: 1 }), 403);
    expectProblem(await put(t.admin, "NOPE/2026Q3", { population: 1 }), 404);
    expectProblem(await get(t["clerk-s1"], "/C21/2026Q3"), 403);
    expectProblem(await get(t["clerk-s1"], "/C21/2026Q3/history"), 403);
    expectProblem(await get(t["leader-s1"], "?period=2026Q3&orgUnit=S2"), 403);
    expectProblem(await get(t.admin, "/C12/2026Q3"), 404);
    expectProblem(
      await call(env.baseUrl, "PUT", "/api/v1/returns/C11/2026Q3", { json: { population: 1 } }),
      401,
    );
  });

  it("lets a platform key file within its scope", async () => {
    const key = await call(env.baseUrl, "POST", "/api/v1/api-keys", {
      token: t.admin,
      json: { name: "grid-platform", orgUnit: "S2" },
    });
    expect(key.status, key.text).toBe(201);
    const ok = await put(key.body.key, "C21/2026Q3", { volunteers: 40 });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body.updatedBy).toBe("key:grid-platform");
    expectProblem(await put(key.body.key, "C12/2026Q3", { volunteers: 40 }), 403);
    // Platform keys ingest; they do not read results.
    expectProblem(await get(key.body.key, "/C21/2026Q3"), 403);
  });

  it("lists the subtree's returns and the communities missing one", async () => {
    const all = expectShape(ReturnList, (await get(t["leader-d1"], "?period=2026Q3")).body);
    expect(all.orgUnit).toBe("D1");
    expect(all.returns.map((r) => r.orgUnit)).toEqual(["C11", "C21"]);
    expect(all.missing).toEqual([{ code: "C12", name: "乙社区" }]);
    const s1 = expectShape(ReturnList, (await get(t["clerk-s1"], "?period=2026Q3")).body);
    expect(s1.returns.map((r) => r.orgUnit)).toEqual(["C11"]);
    expect(s1.missing.map((m) => m.code)).toEqual(["C12"]);
    const q2 = expectShape(ReturnList, (await get(t.admin, "?period=2026Q2&orgUnit=S1")).body);
    expect(q2.returns.map((r) => r.orgUnit)).toEqual(["C12"]);
    expect(q2.missing.map((m) => m.code)).toEqual(["C11"]);
    expectProblem(await get(t.admin, "?period=2026Q3&orgUnit=NOPE"), 404);
  });

  it("describes every returns and data-quality path in the OpenAPI document", async () => {
    const doc = await call(env.baseUrl, "GET", "/api/v1/openapi.json");
    expect(doc.status, doc.text).toBe(200);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        "/api/v1/returns",
        "/api/v1/returns/{orgUnitCode}/{period}",
        "/api/v1/returns/{orgUnitCode}/{period}/history",
        "/api/v1/returns/template.xlsx",
        "/api/v1/returns/upload",
        "/api/v1/data-quality",
      ]),
    );
    const upload = doc.body.paths["/api/v1/returns/upload"].post.requestBody.content;
    expect(upload["multipart/form-data"].schema.properties.file).toMatchObject({
      type: "string",
      format: "binary",
    });
  });

  it("audits each write with its target", async () => {
    const res = await call(env.baseUrl, "GET", "/api/v1/audit?limit=50", { token: t.admin });
    expect(res.status, res.text).toBe(200);
    const targets = JSON.stringify(res.body);
    expect(targets).toContain("returns: C11 2026Q3");
  });
});
