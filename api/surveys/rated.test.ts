import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_PASSWORD, login, seedSmallWorld } from "../../test/accounts.ts";
import { call, expectProblem } from "../../test/http.ts";
import { openTestEnv, STORE_KINDS, type TestEnv } from "../../test/stores.ts";

// Issue 22: responses entered by staff (assisted entry, batches, file imports of paper surveys)
// need at least one rated item; the volunteer role (代办员) enters assisted responses in its
// scope and nothing else.

const NO_RATED = "至少需要一项评分";

describe.each(STORE_KINDS)("rated items and the volunteer role on %s", (kind) => {
  let env: TestEnv;
  let tokens: Awaited<ReturnType<typeof seedSmallWorld>>;
  let volunteer: string;

  beforeAll(async () => {
    env = await openTestEnv(kind, { ADMIN_PASSWORD, SURVEY_RATE_LIMIT: "0" });
    tokens = await seedSmallWorld(env);
    const made = await call(env.baseUrl, "POST", "/api/v1/users", {
      token: tokens.admin,
      json: { username: "vol-s1", role: "volunteer", orgUnit: "S1", password: "password-369" },
    });
    expect(made.status, made.text).toBe(201);
    expect(made.body.role).toBe("volunteer");
    volunteer = await login(env, "vol-s1", "password-369");
  });
  afterAll(async () => {
    await env?.close();
  });

  const assisted = (token: string, orgUnit: string, answers: Record<string, unknown>) =>
    call(env.baseUrl, "POST", "/api/v1/survey-responses", {
      token,
      json: { surveyId: "satisfaction", orgUnit, mode: "assisted", answers },
    });

  it("refuses an assisted response without a rated item, in Chinese, and takes one without overall", async () => {
    for (const token of [tokens["clerk-s1"], volunteer]) {
      const p = expectProblem(
        await assisted(token, "C11", { ageBand: "60-79", comment: "无" }),
        422,
      );
      expect(p.detail).toContain(NO_RATED);
      expect(p.errors).toEqual([{ path: "answers", message: expect.stringContaining(NO_RATED) }]);
      // An item out of range is not a rated answer either: the survey check names it first.
      const out = expectProblem(await assisted(token, "C11", { overall: 9 }), 422);
      expect(out.errors?.[0]?.path).toBe("answers.overall");
    }
    const ok = await assisted(volunteer, "C11", { attitude: 4 });
    expect(ok.status, ok.text).toBe(201);
    const row = await env.store.db
      .selectFrom("survey_response")
      .select(["entered_by", "mode", "score", "overall"])
      .where("id", "=", ok.body.id)
      .executeTakeFirstOrThrow();
    // attitude 4 alone: (4 − 1) / 4 × 100 = 75; no overall.
    expect(row).toEqual({ entered_by: "vol-s1", mode: "assisted", score: 75, overall: null });
  });

  it("refuses empty records of a batch with a Chinese reason and stores the others", async () => {
    const res = await call(env.baseUrl, "POST", "/api/v1/survey-responses/batch", {
      token: tokens["assessor-d1"],
      json: {
        surveyId: "satisfaction",
        responses: [
          { orgUnit: "C11", submittedAt: "2026-08-03T10:00:00+08:00", answers: { overall: 4 } },
          { orgUnit: "C12", submittedAt: "2026-08-03T10:00:00+08:00", answers: {} },
          {
            orgUnit: "C12",
            submittedAt: "2026-08-03T11:00:00+08:00",
            answers: { ageBand: "40-59", comment: "没意见" },
          },
          { orgUnit: "C21", submittedAt: "2026-08-03T12:00:00+08:00", answers: { timeliness: 2 } },
        ],
      },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ received: 4, inserted: 2, unchanged: 0 });
    expect(res.body.rejected).toEqual([
      {
        index: 1,
        errors: [{ path: "responses.1.answers", message: expect.stringContaining(NO_RATED) }],
      },
      {
        index: 2,
        errors: [{ path: "responses.2.answers", message: expect.stringContaining(NO_RATED) }],
      },
    ]);
  });

  it("imports a file with empty rows: stores the good rows, names the bad ones", async () => {
    const csv = [
      "单位编码,填写时间,总体满意度,办理时效,解决效果,沟通透明,服务态度,年龄段,意见建议,方式",
      "C11,2026-08-05 09:30,5,5,4,4,5,60-79,很好,自填",
      "C11,2026-08-05 09:40,,,,,,60-79,只写了意见,代填",
      "C12,2026-08-05 10:00,,3,,,,,,代填",
      "C21,2026-08-05 10:30,,,,,,,,自填",
      "C21,2026-08-05 11:00,2,,,,,,,自填",
    ].join("\n");
    const form = new FormData();
    form.set("file", new Blob([csv]), "纸质问卷.csv");
    const res = await call(env.baseUrl, "POST", "/api/v1/survey-responses/import", {
      token: tokens["assessor-d1"],
      body: form,
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ received: 5, inserted: 3, unchanged: 0 });
    // Header is row 1: the rows without any rating are rows 3 and 5.
    expect(
      res.body.rejected.map((r: { row: number; errors: { path: string; message: string }[] }) => [
        r.row,
        r.errors.map((e) => e.path),
        r.errors[0]!.message.includes(NO_RATED),
      ]),
    ).toEqual([
      [3, ["responses.1.answers"], true],
      [5, ["responses.3.answers"], true],
    ]);
    const stored = await env.store.db
      .selectFrom("survey_response")
      .select(({ fn }) => fn.countAll<number>().as("n"))
      .where("submitted_at", ">=", new Date("2026-08-05T00:00:00+08:00"))
      .where("submitted_at", "<", new Date("2026-08-06T00:00:00+08:00"))
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(3);
  });

  it("lets a volunteer enter assisted responses in its scope only, and nothing else", async () => {
    const outside = expectProblem(await assisted(volunteer, "C21", { overall: 5 }), 403);
    expect(outside.detail).toContain("C21");
    const reads = [
      "/api/v1/indicators?period=2026Q3&orgUnit=S1",
      "/api/v1/surveys/satisfaction/stats?period=2026Q3&orgUnit=S1",
      "/api/v1/data-quality?period=2026Q3&orgUnit=S1",
      "/api/v1/survey-flags?period=2026Q3&orgUnit=S1",
      "/api/v1/cases/freshness",
      "/api/v1/returns?period=2026Q3&orgUnit=S1",
    ];
    for (const path of reads) {
      expectProblem(await call(env.baseUrl, "GET", path, { token: volunteer }), 403);
    }
    expectProblem(
      await call(env.baseUrl, "POST", "/api/v1/survey-responses/batch", {
        token: volunteer,
        json: {
          surveyId: "satisfaction",
          responses: [
            { orgUnit: "C11", submittedAt: "2026-08-03T10:00:00+08:00", answers: { overall: 4 } },
          ],
        },
      }),
      403,
    );
    expectProblem(
      await call(env.baseUrl, "POST", "/api/v1/survey-flags/decision", {
        token: volunteer,
        json: { responseIds: [crypto.randomUUID()], decision: "confirmed" },
      }),
      403,
    );
    // The assisted-entry page: open for its units, refused for others.
    const page = await call(env.baseUrl, "GET", "/s/satisfaction/C11/assisted", {
      token: volunteer,
    });
    expect(page.status).toBe(200);
    expect(page.text).toContain("vol-s1");
    const other = await call(env.baseUrl, "GET", "/s/satisfaction/C21/assisted", {
      token: volunteer,
    });
    expect(other.status).toBe(403);
    expect(other.text).toContain("不在账号“vol-s1”的管辖范围内");
    const me = await call(env.baseUrl, "GET", "/api/v1/auth/me", { token: volunteer });
    expect(me.status, me.text).toBe(200);
    expect(me.body).toMatchObject({ role: "volunteer", orgUnit: "S1" });
    expect(me.body.actions).toEqual(["surveyResponses.assisted"]);
  });
});
