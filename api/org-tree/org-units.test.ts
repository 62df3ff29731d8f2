import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_PASSWORD, seedSmallWorld } from "../../test/accounts.ts";
import { call, expectProblem, expectShape } from "../../test/http.ts";
import { openTestEnv, STORE_KINDS, type TestEnv } from "../../test/stores.ts";
import { OrgTree, PutOrgUnitsResult } from "./schema.ts";

describe.each(STORE_KINDS)("org units on %s", (kind) => {
  let env: TestEnv;
  let t: Awaited<ReturnType<typeof seedSmallWorld>>;
  const put = (token: string, units: unknown[]) =>
    call(env.baseUrl, "PUT", "/api/v1/org-units", { token, json: { units } });
  const tree = (token: string, query = "") =>
    call(env.baseUrl, "GET", `/api/v1/org-units${query}`, { token });

  beforeAll(async () => {
    env = await openTestEnv(kind, { ADMIN_PASSWORD });
    t = await seedSmallWorld(env);
  });
  afterAll(async () => env?.close());

  it("returns the nested tree with facts", async () => {
    const res = await tree(t.admin, "?root=D1");
    expect(res.status).toBe(200);
    const body = expectShape(OrgTree, res.body);
    expect(body.units).toHaveLength(1);
    const d1 = body.units[0]!;
    expect(d1.children.map((c) => c.code)).toEqual(["S1", "S2"]);
    const c11 = d1.children[0]!.children[0]!;
    expect(c11).toMatchObject({
      code: "C11",
      parentCode: "S1",
      population: 8000,
      households: 3000,
      factsYear: 2026,
    });
    expect(c11.children.map((g) => g.code)).toEqual(["G111"]);
  });

  it("limits depth", async () => {
    const res = await tree(t.admin, "?root=D1&depth=1");
    const body = expectShape(OrgTree, res.body);
    expect(body.units[0]!.children.every((s) => s.children.length === 0)).toBe(true);
  });

  it("counts inserted, updated and unchanged", async () => {
    const res = await put(t.admin, [
      { code: "C13", name: "丁社区", level: "community", parentCode: "S1" },
      { code: "C12", name: "乙社区（新）", level: "community", parentCode: "S1" },
      { code: "C21", name: "丙社区", level: "community", parentCode: "S2" },
    ]);
    expect(res.status, res.text).toBe(200);
    expect(expectShape(PutOrgUnitsResult, res.body)).toEqual({
      inserted: 1,
      updated: 1,
      unchanged: 1,
    });
  });

  it("moves a unit and keeps subtree queries right", async () => {
    const moved = await put(t.admin, [
      { code: "C13", name: "丁社区", level: "community", parentCode: "S2" },
    ]);
    expect(moved.body).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
    const s2 = expectShape(OrgTree, (await tree(t.admin, "?root=S2")).body);
    expect(s2.units[0]!.children.map((c) => c.code)).toEqual(["C13", "C21"]);
    // The S2 admin now sees C13 in scope.
    const scoped = expectShape(OrgTree, (await tree(t["admin-s2"])).body);
    expect(scoped.units[0]!.children.map((c) => c.code)).toEqual(["C13", "C21"]);
  });

  it("rejects unknown parents, bad levels, duplicates and cycles, naming each unit, writing nothing", async () => {
    const before = (await tree(t.admin)).text;
    const res = await put(t.admin, [
      { code: "N1", name: "新社区", level: "community", parentCode: "S1" },
      { code: "X1", name: "孤儿", level: "community", parentCode: "NOPE" },
      { code: "X2", name: "错级", level: "street", parentCode: "C11" },
      { code: "N1", name: "重复", level: "community", parentCode: "S1" },
      { code: "S1", name: "一街道", level: "street", parentCode: "X3" },
      { code: "X3", name: "环", level: "district", parentCode: "S1" },
      { code: "X4", name: "无上级社区", level: "community" },
    ]);
    const p = expectProblem(res, 422);
    const paths = p.errors!.map((e) => e.path);
    expect(paths).toContain("body.units.1.parentCode");
    expect(paths).toContain("body.units.2.level");
    expect(paths).toContain("body.units.3.code");
    expect(paths).toContain("body.units.6.parentCode");
    expect(p.errors!.some((e) => e.message.includes("形成循环"))).toBe(true);
    expect(p.errors!.find((e) => e.path === "body.units.1.parentCode")!.message).toContain("NOPE");
    expect(p.errors!.some((e) => e.path.startsWith("body.units.0"))).toBe(false);
    expect((await tree(t.admin)).text).toBe(before);
  });

  it("rejects a level change that leaves existing children not below", async () => {
    const res = await put(t.admin, [
      { code: "S1", name: "一街道", level: "community", parentCode: "D1" },
    ]);
    const p = expectProblem(res, 422);
    expect(
      p.errors!.some((e) => e.path === "body.units.0.level" && e.message.includes("C11")),
    ).toBe(true);
  });

  it("rejects self-parenting and schema errors with field paths", async () => {
    expectProblem(
      await put(t.admin, [{ code: "S9", name: "自", level: "street", parentCode: "S9" }]),
      422,
    );
    const p = expectProblem(
      await put(t.admin, [{ code: "bad code!", name: "", level: "town" }]),
      422,
    );
    const paths = p.errors!.map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining(["body.units.0.code", "body.units.0.name", "body.units.0.level"]),
    );
  });

  it("lets only admins write, within their scope", async () => {
    const unit = [{ code: "C14", name: "戊社区", level: "community", parentCode: "S1" }];
    expectProblem(await put(t["clerk-s1"], unit), 403);
    expectProblem(await put(t["leader-d1"], unit), 403);
    const outside = expectProblem(await put(t["admin-s2"], unit), 422);
    expect(outside.errors![0]!.message).toContain("不在您的管辖范围内");
    const inside = await put(t["admin-s2"], [
      { code: "C22", name: "己社区", level: "community", parentCode: "S2" },
    ]);
    expect(inside.status, inside.text).toBe(200);
  });

  it("keeps readers inside their subtree", async () => {
    expectProblem(await tree(t["leader-s1"], "?root=S2"), 403);
    expectProblem(await tree(t["leader-s1"], "?root=C21"), 403);
    const own = expectShape(OrgTree, (await tree(t["leader-s1"])).body);
    expect(own.units.map((u) => u.code)).toEqual(["S1"]);
    expectProblem(await tree(t.admin, "?root=NOPE"), 404);
    expectProblem(await call(env.baseUrl, "GET", "/api/v1/org-units"), 401);
  });
});
