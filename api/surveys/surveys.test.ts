import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_PASSWORD, seedSmallWorld } from "../../test/accounts.ts";
import { call, expectProblem, expectShape } from "../../test/http.ts";
import { openTestEnv, STORE_KINDS, type TestEnv } from "../../test/stores.ts";
import { dataVersion } from "../indicators/queries/data-version.ts";
import { SurveyList, SurveyResponseAck, SurveyStats, SurveyVersion } from "./schema.ts";

const submit = (
  env: TestEnv,
  json: unknown,
  opts: { token?: string; headers?: Record<string, string> } = {},
) => call(env.baseUrl, "POST", "/api/v1/survey-responses", { json, ...opts });

describe.each(STORE_KINDS)("surveys on %s", (kind) => {
  let env: TestEnv;
  let tokens: Awaited<ReturnType<typeof seedSmallWorld>>;

  beforeAll(async () => {
    env = await openTestEnv(kind, { ADMIN_PASSWORD, SURVEY_RATE_LIMIT: "0" });
    tokens = await seedSmallWorld(env);
  });
  afterAll(async () => {
    await env?.close();
  });

  it("serves the default survey and adds versions of new ones (admin only, checked with survey-core)", async () => {
    const list = await call(env.baseUrl, "GET", "/api/v1/surveys");
    expect(list.status).toBe(200);
    expect(expectShape(SurveyList, list.body).surveys).toEqual([
      expect.objectContaining({ id: "satisfaction", version: 1, versions: 1 }),
    ]);
    const one = await call(env.baseUrl, "GET", "/api/v1/surveys/satisfaction");
    const v1 = expectShape(SurveyVersion, one.body);
    expect(v1.definition.locale).toBe("zh-cn");
    expectProblem(await call(env.baseUrl, "GET", "/api/v1/surveys/nope"), 404);

    const definition = {
      elements: [
        { type: "rating", name: "overall", rateMin: 1, rateMax: 5 },
        { type: "radiogroup", name: "visit", choices: ["yes", "no"] },
      ],
    };
    const denied = await call(env.baseUrl, "POST", "/api/v1/surveys", {
      token: tokens["leader-d1"],
      json: { id: "visit", title: "走访", definition },
    });
    expectProblem(denied, 403);
    for (const v of [1, 2]) {
      const res = await call(env.baseUrl, "POST", "/api/v1/surveys", {
        token: tokens.admin,
        json: { id: "visit", title: `走访 ${v}`, definition },
      });
      expect(res.status, res.text).toBe(201);
      expect(expectShape(SurveyVersion, res.body)).toMatchObject({
        id: "visit",
        version: v,
        createdBy: "admin",
      });
    }
    const bad = [
      { elements: [] },
      { elements: [{ type: "nosuchtype", name: "x" }] },
      { elements: [{ type: "rating", name: "overall", rateMin: 1, rateMax: 10 }] },
    ];
    for (const d of bad) {
      const res = await call(env.baseUrl, "POST", "/api/v1/surveys", {
        token: tokens.admin,
        json: { id: "broken", title: "x", definition: d },
      });
      const p = expectProblem(res, 422);
      expect(p.errors?.[0]?.path).toMatch(/^body\.definition/);
    }
    const v2 = await call(env.baseUrl, "GET", "/api/v1/surveys/visit?version=1");
    expect(v2.body.title).toBe("走访 1");
  });

  it("stores a public response once, however often it is re-sent, and bumps its quarter", async () => {
    const id = crypto.randomUUID();
    const body = {
      id,
      surveyId: "satisfaction",
      orgUnit: "C11",
      answers: { overall: 5, timeliness: 4, attitude: 3, ageBand: "80+" },
      mode: "self",
    };
    const q = { year: new Date().getFullYear(), quarter: 0 };
    const now = new Date(Date.now() + 8 * 3600_000);
    q.quarter = Math.floor(now.getUTCMonth() / 3) + 1;
    q.year = now.getUTCFullYear();
    const before = await dataVersion(env.store.db, q);
    const first = await submit(env, body, { headers: { "user-agent": "test-phone" } });
    expect(first.status, first.text).toBe(201);
    expect(expectShape(SurveyResponseAck, first.body).id).toBe(id);
    expect(await dataVersion(env.store.db, q)).toBe(before + 1);
    const again = await submit(env, { ...body, answers: { overall: 1 } });
    expect(again.status).toBe(200);
    const rows = await env.store.db
      .selectFrom("survey_response")
      .selectAll()
      .where("id", "=", id)
      .execute();
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row).toMatchObject({
      overall: 5,
      age_band: "80+",
      mode: "self",
      survey_version: 1,
      entered_by: null,
    });
    expect(row.score).toBeCloseTo(75, 10);
    expect(row.client_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain("127.0.0.1");
    expect(await dataVersion(env.store.db, q)).toBe(before + 1);
    // Without an id the server makes one.
    const anon = await submit(env, {
      surveyId: "satisfaction",
      orgUnit: "G111",
      answers: { overall: 4 },
    });
    expect(anon.status).toBe(201);
    expect(anon.body.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("rejects answers that do not fit the survey, unknown units and unknown surveys", async () => {
    const base = { surveyId: "satisfaction", orgUnit: "C11", mode: "self" };
    const cases: [Record<string, unknown>, string][] = [
      [{ overall: 6 }, "answers.overall"],
      [{ overall: "abc" }, "answers.overall"],
      [{ overall: 4.5 }, "answers.overall"],
      [{ color: "red" }, "answers.color"],
      [{ ageBand: "100+" }, "answers.ageBand"],
      [{ comment: "长".repeat(501) }, "answers.comment"],
      [{ comment: 42 }, "answers.comment"],
    ];
    for (const [answers, path] of cases) {
      const p = expectProblem(await submit(env, { ...base, answers }), 422);
      expect(p.errors?.map((e) => e.path)).toContain(path);
    }
    const unit = expectProblem(
      await submit(env, { ...base, orgUnit: "NOPE", answers: { overall: 3 } }),
      422,
    );
    expect(unit.errors?.[0]?.path).toBe("orgUnit");
    expectProblem(await submit(env, { ...base, surveyId: "nope", answers: { overall: 3 } }), 404);
    expectProblem(await submit(env, { ...base, surveyVersion: 9, answers: { overall: 3 } }), 404);
    expectProblem(await submit(env, { ...base, mode: "robot", answers: {} }), 422);
  });

  it("masks phone and ID numbers in comments before storing them", async () => {
    const id = crypto.randomUUID();
    const res = await submit(env, {
      id,
      surveyId: "satisfaction",
      orgUnit: "C12",
      answers: {
        overall: 2,
        comment: "请回电13812345678或 +86 139-1234-5678，身份证110101199003071234，号码2026年",
      },
    });
    expect(res.status, res.text).toBe(201);
    const row = await env.store.db
      .selectFrom("survey_response")
      .select(["comment", "answers"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    const masked = "请回电138****5678或 +86 139****5678，身份证110101********1234，号码2026年";
    expect(row.comment).toBe(masked);
    expect((row.answers as { comment: string }).comment).toBe(masked);
  });

  it("lets clerks and assessors enter assisted responses in their scope only", async () => {
    const body = {
      surveyId: "satisfaction",
      orgUnit: "C11",
      answers: { overall: 4 },
      mode: "assisted",
    };
    expectProblem(await submit(env, body), 401);
    expectProblem(await submit(env, body, { token: tokens["leader-d1"] }), 403);
    expectProblem(
      await submit(env, { ...body, orgUnit: "C21" }, { token: tokens["clerk-s1"] }),
      403,
    );
    const ok = await submit(env, body, { token: tokens["clerk-s1"] });
    expect(ok.status, ok.text).toBe(201);
    const row = await env.store.db
      .selectFrom("survey_response")
      .select(["mode", "entered_by"])
      .where("id", "=", ok.body.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ mode: "assisted", entered_by: "clerk-s1" });
    const byAssessor = await submit(
      env,
      { ...body, orgUnit: "C21" },
      { token: tokens["assessor-d1"] },
    );
    expect(byAssessor.status).toBe(201);
    // Assisted entries are writes by a signed-in user: audited, refusals included; anonymous
    // residents' submissions are not (they are counted, not attributed).
    const audit = await call(env.baseUrl, "GET", "/api/v1/audit?limit=500", {
      token: tokens.admin,
    });
    expect(audit.status, audit.text).toBe(200);
    const entries = (audit.body.entries as { actor: string; path: string; status: number }[])
      .filter((e) => e.path === "/api/v1/survey-responses")
      .map((e) => `${e.actor} ${e.status}`);
    expect(entries).toEqual(
      expect.arrayContaining(["clerk-s1 201", "clerk-s1 403", "leader-d1 403", "assessor-d1 201"]),
    );
    expect(entries.some((e) => e.startsWith("anonymous"))).toBe(false);
  });

  it("reports statistics of a subtree with intervals, groups, children and (for leaders) comments", async () => {
    const responses = [
      ...Array.from({ length: 10 }, (_, i) => ({
        orgUnit: "C21",
        submittedAt: `2026-04-${String(i + 1).padStart(2, "0")}T09:00:00+08:00`,
        answers: {
          overall: 5,
          timeliness: 5,
          effectiveness: 5,
          transparency: 5,
          attitude: 5,
          ageBand: "18-39",
        },
        mode: "self",
      })),
      ...Array.from({ length: 10 }, (_, i) => ({
        orgUnit: "C21",
        submittedAt: `2026-05-${String(i + 1).padStart(2, "0")}T09:00:00+08:00`,
        answers: {
          overall: 3,
          timeliness: 3,
          effectiveness: 3,
          transparency: 3,
          attitude: 3,
          comment: `意见${i}`,
        },
        mode: "assisted",
      })),
      // 2026-03-31 23:30 Beijing time is still the first quarter.
      { orgUnit: "C21", submittedAt: "2026-03-31T23:30:00+08:00", answers: { overall: 1 } },
    ];
    const load = await call(env.baseUrl, "POST", "/api/v1/survey-responses/batch", {
      token: tokens.admin,
      json: { surveyId: "satisfaction", responses },
    });
    expect(load.body.inserted).toBe(21);
    const res = await call(
      env.baseUrl,
      "GET",
      "/api/v1/surveys/satisfaction/stats?period=2026Q2&orgUnit=S2&children=true",
      {
        token: tokens["leader-d1"],
      },
    );
    expect(res.status, res.text).toBe(200);
    const stats = expectShape(SurveyStats, res.body);
    expect(stats).toMatchObject({ n: 20, score: 75, satisfactionRate: 50, insufficient: true });
    // s = 25.649 (ten 100s, ten 50s), half-width 1.96 · s / √20 = 11.241
    expect(stats.scoreCi?.[0]).toBeCloseTo(63.759, 2);
    expect(stats.scoreCi?.[1]).toBeCloseTo(86.241, 2);
    expect(stats.satisfactionCi?.[0]).toBeCloseTo(29.93, 1);
    expect(stats.items.overall).toEqual({
      mean: 4,
      n: 20,
      distribution: { 1: 0, 2: 0, 3: 10, 4: 0, 5: 10 },
    });
    expect(stats.byMode.self).toMatchObject({ n: 10, score: 100 });
    expect(stats.byMode.assisted).toMatchObject({ n: 10, score: 50 });
    expect(stats.byAgeBand["18-39"]).toMatchObject({ n: 10 });
    expect(stats.byAgeBand.unknown).toMatchObject({ n: 10 });
    expect(stats.alpha).toBeCloseTo(1, 10);
    expect(stats.children).toEqual([
      expect.objectContaining({ orgUnit: expect.objectContaining({ code: "C21" }), n: 20 }),
    ]);
    expect(stats.comments).toHaveLength(10);
    expect(stats.comments?.[0]).toMatchObject({
      orgUnit: "C21",
      comment: "意见9",
      mode: "assisted",
    });

    const assessor = await call(
      env.baseUrl,
      "GET",
      "/api/v1/surveys/satisfaction/stats?period=2026Q2&orgUnit=S2",
      {
        token: tokens["assessor-d1"],
      },
    );
    expect(assessor.status).toBe(200);
    expect(assessor.body.comments).toBeUndefined();
    expectProblem(
      await call(
        env.baseUrl,
        "GET",
        "/api/v1/surveys/satisfaction/stats?period=2026Q2&orgUnit=S2",
        {
          token: tokens["leader-s1"],
        },
      ),
      403,
    );
    expectProblem(
      await call(
        env.baseUrl,
        "GET",
        "/api/v1/surveys/satisfaction/stats?period=2026Q2&orgUnit=S2",
        {
          token: tokens["clerk-s1"],
        },
      ),
      403,
    );
    const q1 = await call(
      env.baseUrl,
      "GET",
      "/api/v1/surveys/satisfaction/stats?period=2026Q1&orgUnit=C21",
      {
        token: tokens.admin,
      },
    );
    expect(q1.body).toMatchObject({ n: 1, score: 0, scoreCi: null });
    const empty = await call(
      env.baseUrl,
      "GET",
      "/api/v1/surveys/satisfaction/stats?period=2025Q1&orgUnit=D1",
      {
        token: tokens.admin,
      },
    );
    expect(empty.body).toMatchObject({ n: 0, score: null, insufficient: true, alpha: null });
  });

  it("documents the survey endpoints in the OpenAPI document", async () => {
    const doc = (await call(env.baseUrl, "GET", "/api/v1/openapi.json")).body;
    for (const path of [
      "/api/v1/surveys",
      "/api/v1/surveys/{id}",
      "/api/v1/surveys/{id}/stats",
      "/api/v1/surveys/{id}/qr/{file}",
      "/api/v1/survey-responses",
      "/api/v1/survey-responses/batch",
      "/api/v1/survey-responses/import",
    ]) {
      expect(Object.keys(doc.paths), path).toContain(path);
    }
    expect(doc.paths["/api/v1/survey-responses"].post.security).toEqual([]);
    expect(doc.components.schemas.BatchSurveyResponse).toBeDefined();
  });

  it("draws the QR code of a unit's link as PNG", async () => {
    const res = await fetch(`${env.baseUrl}/api/v1/surveys/satisfaction/qr/C11.png`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expectProblem(await call(env.baseUrl, "GET", "/api/v1/surveys/satisfaction/qr/NOPE.png"), 404);
  });
});

describe("the public endpoint's rate limit", () => {
  // The limit is per client in memory, the same on both stores: PGlite is enough here.
  let env: TestEnv;
  beforeAll(async () => {
    env = await openTestEnv("pglite", { ADMIN_PASSWORD, SURVEY_RATE_LIMIT: "3" });
    await seedSmallWorld(env);
  });
  afterAll(async () => {
    await env?.close();
  });

  it("answers 429 problem+json with Retry-After past the limit", async () => {
    const body = { surveyId: "satisfaction", orgUnit: "C11", answers: { overall: 4 } };
    for (let i = 0; i < 3; i++) expect((await submit(env, body)).status).toBe(201);
    const res = await submit(env, body);
    const p = expectProblem(res, 429);
    expect(p.detail).toContain("过于频繁");
    const retry = Number(res.headers.get("retry-after"));
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(60);
  });
});
