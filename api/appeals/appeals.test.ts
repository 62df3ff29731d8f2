import { sql } from "kysely";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ADMIN_PASSWORD, login, seedSmallWorld } from "../../test/accounts.ts";
import {
  APPEAL_PERIOD,
  hx,
  IN_WINDOW,
  seedAppealWorld,
  WINDOW_CLOSED,
} from "../../test/fixtures/appeal-world.ts";
import { call, expectProblem, expectShape } from "../../test/http.ts";
import { openTestEnv, STORE_KINDS, type TestEnv } from "../../test/stores.ts";
import { Appeal, AppealCreated, AppealList } from "./schema.ts";

// Filing, deciding and listing appeals over real HTTP: the role and scope rules of CYCLE.md and
// every refusal the issue names, each a 4xx problem+json with a Chinese detail and nothing written.

const CHINESE = /[\u4e00-\u9fff]/;

describe.each(STORE_KINDS)("appeals on %s", (kind) => {
  let env: TestEnv;
  let t: Awaited<ReturnType<typeof seedSmallWorld>>;
  let clerkC11: string;
  let leaderC11: string;
  let now = IN_WINDOW;

  const counts = async () => {
    const { rows } = await sql<{ a: number; c: number; x: number }>`
      select (select count(*) from appeal)::int as a, (select count(*) from appeal_case)::int as c,
        (select count(*) from case_record where exempt_appeal_id is not null)::int as x`.execute(
      env.store.db,
    );
    return rows[0]!;
  };
  const file = (token: string, json: Record<string, unknown>) =>
    call(env.baseUrl, "POST", "/api/v1/appeals", {
      token,
      json: { orgUnit: "C11", period: APPEAL_PERIOD, reason: "duplicate", ...json },
    });
  const decide = (token: string, id: number, decision = "approved") =>
    call(env.baseUrl, "POST", `/api/v1/appeals/${id}/decision`, {
      token,
      json: { decision, note: "审核意见" },
    });
  /** A refusal: the status, a Chinese detail, and nothing written. */
  const refused = async (res: Awaited<ReturnType<typeof call>>, status: number) => {
    const p = expectProblem(res, status);
    expect(p.detail).toMatch(CHINESE);
    return p;
  };

  beforeAll(async () => {
    env = await openTestEnv(kind, { ADMIN_PASSWORD }, { now: () => now });
    t = await seedSmallWorld(env);
    for (const [username, role] of [
      ["clerk-c11", "clerk"],
      ["leader-c11", "leader"],
    ] as const) {
      const res = await call(env.baseUrl, "POST", "/api/v1/users", {
        token: t.admin,
        json: { username, role, orgUnit: "C11", password: "password-369" },
      });
      expect(res.status, res.text).toBe(201);
    }
    clerkC11 = await login(env, "clerk-c11", "password-369");
    leaderC11 = await login(env, "leader-c11", "password-369");
    await seedAppealWorld(env, t.admin);
  });
  afterAll(async () => env?.close());
  beforeEach(() => {
    now = IN_WINDOW;
  });

  it("refuses cases outside the unit, outside the quarter and unknown: 422 naming each, nothing written", async () => {
    // x1 is C12's: not in C11's subtree
    const outside = await refused(await file(clerkC11, { cases: hx("e1", "x1") }), 422);
    expect(outside.errors).toEqual([
      { path: "body.cases.1", message: expect.stringMatching(/不属于/) },
    ]);
    // e1 was reported and resolved in 2026Q3, not in Q4 (whose window is open)
    const quarter = await refused(await file(clerkC11, { period: "2026Q4", cases: hx("e1") }), 422);
    expect(quarter.errors?.[0]).toMatchObject({ path: "body.cases.0" });
    expect(quarter.detail).toMatch(/2026Q4/);
    const unknown = await refused(await file(clerkC11, { cases: hx("e1", "nope") }), 422);
    expect(unknown.errors?.[0]).toMatchObject({
      path: "body.cases.1",
      message: expect.stringMatching(/未找到/),
    });
    // a clerk of S1 may file for S1's communities, but the case must still be in the unit
    await refused(await file(t["clerk-s1"], { orgUnit: "C12", cases: hx("e1") }), 422);
    // the same case twice in one filing
    await refused(await file(clerkC11, { cases: hx("e1", "e1") }), 422);
    expect(await counts()).toEqual({ a: 0, c: 0, x: 0 });
  });

  it("refuses bad shapes with Chinese messages naming the field", async () => {
    const reason = await refused(await file(clerkC11, { cases: hx("e1"), reason: "bored" }), 422);
    expect(reason.errors?.[0]?.path).toBe("body.reason");
    expect(reason.errors?.[0]?.message).toMatch(CHINESE);
    const none = await refused(await file(clerkC11, { cases: [] }), 422);
    expect(none.errors?.[0]).toMatchObject({ path: "body.cases", message: "至少选择一个案件" });
    expect(await counts()).toEqual({ a: 0, c: 0, x: 0 });
  });

  it("lets only the unit's (or a superior's) leader or clerk file", async () => {
    // assessor and admin decide, never file; a user outside the subtree cannot file
    await refused(await file(t["assessor-d1"], { cases: hx("e1") }), 403);
    await refused(await file(t.admin, { cases: hx("e1") }), 403);
    await refused(await file(t["admin-s2"], { cases: hx("e1") }), 403);
    const unknownUnit = await refused(
      await file(clerkC11, { orgUnit: "ZZ9", cases: hx("e1") }),
      422,
    );
    expect(unknownUnit.errors?.[0]?.path).toBe("body.orgUnit");
    // C11's clerk for S1 (above its scope)
    await refused(await file(clerkC11, { orgUnit: "S1", cases: hx("x1") }), 403);
    expect(await counts()).toEqual({ a: 0, c: 0, x: 0 });
  });

  it("refuses filing after the window (day 15 after the quarter) with 409", async () => {
    now = WINDOW_CLOSED;
    const late = await refused(await file(clerkC11, { cases: hx("e1") }), 409);
    expect(late.detail).toContain("2026-10-15");
    now = new Date(WINDOW_CLOSED.getTime() - 1);
    const last = await file(clerkC11, { cases: hx("e1") });
    expect(last.status, last.text).toBe(201);
    expectShape(AppealCreated, last.body);
  });

  it("refuses a second pending appeal for a case, deciding twice and deciding one's own unit's", async () => {
    const first = await file(leaderC11, { cases: hx("e2", "a3"), reason: "unreasonable" });
    expect(first.status, first.text).toBe(201);
    const before = await counts();
    const second = await refused(await file(clerkC11, { cases: hx("s1", "a3") }), 409);
    expect(second.detail).toContain("hx/a3");
    expect(await counts()).toEqual(before);

    // C11's own leader may not decide C11's appeal; a clerk may not decide at all
    const own = await refused(await decide(leaderC11, first.body.id), 403);
    expect(own.detail).toContain("本单位");
    await refused(await decide(clerkC11, first.body.id), 403);
    // S2's administrator does not see S1's subtree
    await refused(await decide(t["admin-s2"], first.body.id), 404);
    await refused(await decide(t.admin, 999_999), 404);
    expect(await counts()).toEqual(before);

    const ok = await decide(t["assessor-d1"], first.body.id);
    expect(ok.status, ok.text).toBe(200);
    const decided = expectShape(Appeal, ok.body);
    expect(decided).toMatchObject({
      status: "approved",
      statusLabel: "已核减",
      reasonLabel: "无理诉求",
      decision: { decision: "approved", decidedBy: "assessor-d1", note: "审核意见" },
    });
    const after = await counts();
    expect(after.x).toBe(before.x + 2);
    const twice = await refused(await decide(t["leader-s1"], first.body.id, "rejected"), 409);
    expect(twice.detail).toContain("已审核");
    expect(await counts()).toEqual(after);
    // an exempt case cannot be appealed again; a case of a decided (rejected) appeal can
    await refused(await file(clerkC11, { cases: hx("a3") }), 409);
    expect(await counts()).toEqual(after);
  });

  it("lets a street decide its communities' appeals but not its own", async () => {
    const street = await file(t["clerk-s1"], { orgUnit: "S1", cases: hx("x2") });
    expect(street.status, street.text).toBe(201);
    await refused(await decide(t["leader-s1"], street.body.id), 403);
    const district = await decide(t["leader-d1"], street.body.id, "rejected");
    expect(district.status, district.text).toBe(200);
    expect(district.body.decision.decidedBy).toBe("leader-d1");
  });

  it("lists appeals pending first, scoped, with cases, reasons, decisions and deciders", async () => {
    const res = await call(env.baseUrl, "GET", `/api/v1/appeals?period=${APPEAL_PERIOD}`, {
      token: t["leader-s1"],
    });
    expect(res.status, res.text).toBe(200);
    const list = expectShape(AppealList, res.body);
    expect(list.appealsDueAt).toBe("2026-10-15T16:00:00.000Z");
    const statuses = list.appeals.map((a) => a.status);
    expect(statuses.indexOf("pending")).toBe(0);
    expect(statuses.lastIndexOf("pending")).toBeLessThan(
      statuses.findIndex((s) => s !== "pending"),
    );
    const approved = list.appeals.find((a) => a.status === "approved")!;
    expect(approved.cases.map((c) => c.externalId).sort()).toEqual(["a3", "e2"]);
    expect(approved.decision?.decidedBy).toBe("assessor-d1");
    const pending = await call(env.baseUrl, "GET", "/api/v1/appeals?status=pending&orgUnit=C11", {
      token: clerkC11,
    });
    expect(pending.body.appeals.every((a: { status: string }) => a.status === "pending")).toBe(
      true,
    );
    // S2's administrator sees none of S1's; a clerk of C11 may not list S1's
    const other = await call(env.baseUrl, "GET", "/api/v1/appeals", { token: t["admin-s2"] });
    expect(other.body.appeals).toEqual([]);
    await refused(
      await call(env.baseUrl, "GET", "/api/v1/appeals?orgUnit=S1", { token: clerkC11 }),
      403,
    );
  });

  it("audits every filing and decision, refused ones included", async () => {
    const { rows } = await sql<{ action: string; status: number; target: string | null }>`
      select action, status, target from audit_log
      where path like '/api/v1/appeals%' order by id`.execute(env.store.db);
    const filed = rows.filter((r) => r.action === "appeals.file");
    const decided = rows.filter((r) => r.action === "appeals.decide");
    expect(filed.filter((r) => r.status === 201).length).toBeGreaterThanOrEqual(3);
    expect(filed.some((r) => r.status === 409)).toBe(true);
    expect(filed.some((r) => r.status === 422)).toBe(true);
    expect(decided.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(2);
    expect(decided.some((r) => r.status === 403)).toBe(true);
    expect(filed.find((r) => r.status === 201)?.target).toMatch(/^appeal \d+: C11 2026Q3$/);
  });
  it("refuses filing and deciding once the quarter is closed (409, Chinese), and again after reopening allows them", async () => {
    const pending = await file(clerkC11, { cases: hx("s1") });
    expect(pending.status, pending.text).toBe(201);
    const id = (pending.body as { id: number }).id;
    const close = await call(env.baseUrl, "POST", `/api/v1/periods/${APPEAL_PERIOD}/close`, {
      token: t.admin,
    });
    expect(close.status, close.text).toBe(200);
    const before = await counts();
    const filed = await refused(await file(leaderC11, { cases: hx("e1") }), 409);
    expect(filed.detail).toMatch(/关账/);
    const decided = await refused(await decide(t["assessor-d1"], id), 409);
    expect(decided.detail).toMatch(/关账/);
    expect(await counts()).toEqual(before);
    const reopen = await call(env.baseUrl, "POST", `/api/v1/periods/${APPEAL_PERIOD}/reopen`, {
      token: t.admin,
      json: { reason: "测试：重新开账以审核核减申请" },
    });
    expect(reopen.status, reopen.text).toBe(200);
    const ok = await decide(t["assessor-d1"], id, "rejected");
    expect(ok.status, ok.text).toBe(200);
  });
});
