import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_PASSWORD, login, seedSmallWorld } from "../../test/accounts.ts";
import { call, expectProblem, expectShape } from "../../test/http.ts";
import { openTestEnv, STORE_KINDS, type TestEnv } from "../../test/stores.ts";
import { StoredReturn } from "./schema.ts";

// The street's review of its communities' returns (issue 21, CYCLE.md day 10): S1's leader
// approves C11's return and sends C12's back with a reason; filing again clears the review; a
// clerk, an assessor, an admin of another street and C11's own leader may not review; a closed
// quarter refuses (409); every review is audited.

describe.each(STORE_KINDS)("reviewing quarterly returns on %s", (kind) => {
  let env: TestEnv;
  let t: Awaited<ReturnType<typeof seedSmallWorld>>;
  let leaderC11: string;
  const put = (unit: string, period: string, json: unknown, token = t["clerk-s1"]) =>
    call(env.baseUrl, "PUT", `/api/v1/returns/${unit}/${period}`, { token, json });
  const review = (token: string, unit: string, period: string, json: unknown) =>
    call(env.baseUrl, "POST", `/api/v1/returns/${unit}/${period}/review`, { token, json });
  const stored = async (unit: string, period = "2026Q3") =>
    expectShape(
      StoredReturn,
      (await call(env.baseUrl, "GET", `/api/v1/returns/${unit}/${period}`, { token: t.admin }))
        .body,
    );

  beforeAll(async () => {
    env = await openTestEnv(kind, { ADMIN_PASSWORD });
    t = await seedSmallWorld(env);
    const res = await call(env.baseUrl, "POST", "/api/v1/users", {
      token: t.admin,
      json: { username: "leader-c11", role: "leader", orgUnit: "C11", password: "password-369" },
    });
    expect(res.status, res.text).toBe(201);
    leaderC11 = await login(env, "leader-c11", "password-369");
    for (const [unit, population] of [
      ["C11", 8000],
      ["C12", 4000],
    ] as const) {
      const filed = await put(unit, "2026Q3", { population, workersInPost: 10 });
      expect(filed.status, filed.text).toBe(200);
    }
  }, 120_000);
  afterAll(async () => env?.close());

  it("answers a filed return as awaiting review (pending)", async () => {
    expect(await stored("C11")).toMatchObject({
      reviewState: "pending",
      reviewedBy: null,
      reviewedAt: null,
      reviewReason: null,
    });
  });

  it("lets the street leader approve a community's return (已通过)", async () => {
    const res = await review(t["leader-s1"], "C11", "2026Q3", { decision: "approved" });
    expect(res.status, res.text).toBe(200);
    const body = expectShape(StoredReturn, res.body);
    expect(body).toMatchObject({
      orgUnit: "C11",
      reviewState: "approved",
      reviewedBy: "leader-s1",
      reviewReason: null,
      population: 8000,
    });
    expect(Date.now() - Date.parse(body.reviewedAt!)).toBeLessThan(60_000);
    expect(await stored("C11")).toEqual(body);
  });

  it("refuses sending back without a reason (422, Chinese), then stores the reason (已退回)", async () => {
    for (const json of [{ decision: "returned" }, { decision: "returned", reason: "   " }]) {
      const p = expectProblem(await review(t["leader-s1"], "C12", "2026Q3", json), 422);
      expect(p.detail).toContain("退回原因");
      expect(p.errors?.[0]?.path).toBe("body.reason");
    }
    expect((await stored("C12")).reviewState).toBe("pending");
    const bad = expectProblem(
      await review(t["leader-s1"], "C12", "2026Q3", { decision: "ok" }),
      422,
    );
    expect(bad.detail).toMatch(/[\u4e00-\u9fa5]/);
    const res = await review(t["leader-d1"], "C12", "2026Q3", {
      decision: "returned",
      reason: "  志愿者人数与台账不符  ",
    });
    expect(res.status, res.text).toBe(200);
    expect(expectShape(StoredReturn, res.body)).toMatchObject({
      reviewState: "returned",
      reviewedBy: "leader-d1",
      reviewReason: "志愿者人数与台账不符",
    });
  });

  it("clears a sent-back review when the return is filed again, even unchanged", async () => {
    const same = await put("C12", "2026Q3", { population: 4000, workersInPost: 10 });
    expect(same.status, same.text).toBe(200);
    expect(same.body).toMatchObject({
      reviewState: "pending",
      reviewReason: null,
      reviewedBy: null,
    });
    const back = await review(t["leader-s1"], "C12", "2026Q3", {
      decision: "returned",
      reason: "缺少培训学时",
    });
    expect(back.status, back.text).toBe(200);
    const changed = await put("C12", "2026Q3", { population: 4000, trainingHours: 12 });
    expect(changed.body).toMatchObject({ reviewState: "pending", reviewReason: null });
  });

  it("keeps an approval when the same figures are filed again, and drops it when they change", async () => {
    const same = await put("C11", "2026Q3", { population: 8000, workersInPost: 10 });
    expect(same.body).toMatchObject({ reviewState: "approved", reviewedBy: "leader-s1" });
    const changed = await put("C11", "2026Q3", { population: 8100, workersInPost: 10 });
    expect(changed.body).toMatchObject({ reviewState: "pending", reviewedBy: null });
  });

  it("refuses the wrong role (403), another street (403) and the unit itself (403), in Chinese", async () => {
    const approve = { decision: "approved" };
    expectProblem(await review(t["clerk-s1"], "C11", "2026Q3", approve), 403);
    expectProblem(await review(t["assessor-d1"], "C11", "2026Q3", approve), 403);
    const other = expectProblem(await review(t["admin-s2"], "C11", "2026Q3", approve), 403);
    expect(other.detail).toContain("管辖范围");
    const own = expectProblem(await review(leaderC11, "C11", "2026Q3", approve), 403);
    expect(own.detail).toContain("不能审核本单位");
    expect((await stored("C11")).reviewState).toBe("pending");
  });

  it("answers 404 when the unit filed no return for the quarter", async () => {
    const p = expectProblem(
      await review(t["admin-s2"], "C21", "2026Q3", { decision: "approved" }),
      404,
    );
    expect(p.detail).toContain("尚未报送");
  });

  it("refuses reviews of a closed quarter (409) and leaves the return as it was", async () => {
    expect((await put("C11", "2026Q1", { population: 7000 })).status).toBe(200);
    const close = await call(env.baseUrl, "POST", "/api/v1/periods/2026Q1/close", {
      token: t.admin,
    });
    expect(close.status, close.text).toBe(200);
    const p = expectProblem(
      await review(t["leader-s1"], "C11", "2026Q1", { decision: "returned", reason: "补充说明" }),
      409,
    );
    expect(p.detail).toContain("关账");
    expect((await stored("C11", "2026Q1")).reviewState).toBe("pending");
  });

  it("audits every review, refused ones included, as returns.review", async () => {
    const { rows } = await sql<{ action: string; status: number; target: string | null }>`
      select action, status, target from audit_log
      where path like '/api/v1/returns/%/review' order by id`.execute(env.store.db);
    expect(rows.every((r) => r.action === "returns.review")).toBe(true);
    const statuses = rows.map((r) => r.status);
    // 1 approve, 3 refusals (422), 1 return, 1 return, 4 refusals (403), 404, 409.
    expect(statuses).toEqual([200, 422, 422, 422, 200, 200, 403, 403, 403, 403, 404, 409]);
    expect(rows[0]!.target).toBe("returns review: C11 2026Q3");
  });
});
