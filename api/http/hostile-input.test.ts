import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultSchemeDefinition } from "../../metrics/index.ts";
import { ADMIN_PASSWORD, seedSmallWorld } from "../../test/accounts.ts";
import { deepArray } from "../../test/hostile-values.ts";
import { call, expectProblem } from "../../test/http.ts";
import { openTestEnv, STORE_KINDS, type TestEnv } from "../../test/stores.ts";
import type { DB } from "../db/database.ts";

/** Sends raw JSON text: escapes such as `\ud800` and numbers such as 1e400 survive only as text. */
const raw = (env: TestEnv, method: string, path: string, text: string, token?: string) =>
  call(env.baseUrl, method, path, {
    body: text,
    headers: { "content-type": "application/json" },
    ...(token ? { token } : {}),
  });

/** A problem+json 4xx naming exactly this field first, with a message in Chinese. */
function expectNamed(res: Awaited<ReturnType<typeof call>>, status: number, path: string | RegExp) {
  const problem = expectProblem(res, status);
  if (typeof path === "string") expect(problem.errors?.[0]?.path, res.text).toBe(path);
  else expect(problem.errors?.[0]?.path, res.text).toMatch(path);
  expect(problem.errors?.[0]?.message).toMatch(/[\u4e00-\u9fff]/);
  return problem;
}

describe.each(STORE_KINDS)("hostile input on %s: a 4xx naming the field, never a 500", (kind) => {
  let env: TestEnv;
  let t: Awaited<ReturnType<typeof seedSmallWorld>>;
  const count = async (table: keyof DB) =>
    Number(
      (
        await env.store.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    env = await openTestEnv(kind, { ADMIN_PASSWORD, SURVEY_RATE_LIMIT: "0" });
    t = await seedSmallWorld(env);
  });
  afterAll(async () => env?.close());

  it("refuses a NUL or a lone surrogate in the sign-in username (anonymous)", async () => {
    const nul = await call(env.baseUrl, "POST", "/api/v1/auth/login", {
      json: { username: "ad\u0000min", password: ADMIN_PASSWORD },
    });
    expectNamed(nul, 422, "body.username");
    const lone = await raw(
      env,
      "POST",
      "/api/v1/auth/login",
      `{"username":"admin\\ud800","password":"${ADMIN_PASSWORD}"}`,
    );
    expectNamed(lone, 422, "body.username");
  });

  it("refuses a lone surrogate, a NUL or an overflowing number in a public survey answer; nothing is stored", async () => {
    const before = await count("survey_response");
    const base = '{"surveyId":"satisfaction","orgUnit":"C11","answers":';
    const cases: [string, string][] = [
      [`${base}{"overall":5,"comment":"很好\\ud800"}}`, "body.answers.comment"],
      [`${base}{"overall":5,"comment":"很\\u0000好"}}`, "body.answers.comment"],
      [`${base}{"overall":1e400}}`, "body.answers.overall"],
      [`${base}{"overall":5,"comm\\u0000ent":"好"}}`, "body.answers.comm\ufffdent"],
    ];
    for (const [text, path] of cases) {
      expectNamed(await raw(env, "POST", "/api/v1/survey-responses", text), 422, path);
    }
    // A good answer still goes in: the bad ones did not disturb the shared writer.
    const good = await call(env.baseUrl, "POST", "/api/v1/survey-responses", {
      json: { surveyId: "satisfaction", orgUnit: "C11", answers: { overall: 5, comment: "好" } },
    });
    expect(good.status, good.text).toBe(201);
    expect(await count("survey_response")).toBe(before + 1);
  });

  it("refuses weights of 1e308 in POST /schemes and in what-if, naming the weight", async () => {
    const before = await count("scheme");
    const definition = defaultSchemeDefinition();
    for (const d of Object.values(definition.dimensions)) d.weight = 1e308;
    const scheme = await call(env.baseUrl, "POST", "/api/v1/schemes", {
      token: t.admin,
      json: { id: "huge-weights", validFromYear: 2026, definition },
    });
    expectNamed(scheme, 422, "body.definition.dimensions.governance.weight");
    expect(await count("scheme")).toBe(before);

    const indicator = defaultSchemeDefinition();
    indicator.indicators.G1.weight = 1e308;
    expectNamed(
      await call(env.baseUrl, "POST", "/api/v1/schemes", {
        token: t.admin,
        json: { id: "huge-weights", validFromYear: 2026, definition: indicator },
      }),
      422,
      "body.definition.indicators.G1.weight",
    );

    const whatIf = await call(env.baseUrl, "POST", "/api/v1/what-if", {
      token: t.admin,
      json: {
        period: "2026Q3",
        orgUnit: "D1",
        weights: {
          dimensions: { governance: 1e308, service: 1e308, resources: 1e308, participation: 1e308 },
        },
      },
    });
    expectNamed(whatIf, 422, "body.weights.dimensions.governance");
    const target = await call(env.baseUrl, "POST", "/api/v1/what-if", {
      token: t.admin,
      json: { period: "2026Q3", orgUnit: "D1", targets: { S1: { target: 1e308, floor: -1e308 } } },
    });
    expectNamed(target, 422, "body.targets.S1.target");
  });

  it("refuses a population of 2^31 in PUT /org-units years and in PUT /returns", async () => {
    const unit = {
      code: "C11",
      name: "甲社区",
      level: "community",
      parentCode: "S1",
      years: [{ year: 2026, population: 2 ** 31, households: 3000 }],
    };
    const put = await call(env.baseUrl, "PUT", "/api/v1/org-units", {
      token: t.admin,
      json: { units: [unit] },
    });
    expectNamed(put, 422, "body.units.0.years.0.population");
    const households = await call(env.baseUrl, "PUT", "/api/v1/org-units", {
      token: t.admin,
      json: { units: [{ ...unit, years: [{ year: 2026, population: 1, households: 2 ** 31 }] }] },
    });
    expectNamed(households, 422, "body.units.0.years.0.households");
    const stored = await env.store.db
      .selectFrom("org_unit_year")
      .select("population")
      .where("year", "=", 2026)
      .execute();
    expect(stored.map((r) => r.population)).toEqual([8000]);

    const ret = await call(env.baseUrl, "PUT", "/api/v1/returns/C11/2026Q3", {
      token: t.admin,
      json: { population: 2 ** 31 },
    });
    expectNamed(ret, 422, "body.population");
    const budget = await call(env.baseUrl, "PUT", "/api/v1/returns/C11/2026Q3", {
      token: t.admin,
      json: { population: 8000, budgetSpent: 1e308 },
    });
    expectNamed(budget, 422, "body.budgetSpent");
    expect(await count("unit_return")).toBe(0);
  });

  it("refuses a year given twice in one unit's years, naming the repeat; nothing is written", async () => {
    const res = await call(env.baseUrl, "PUT", "/api/v1/org-units", {
      token: t.admin,
      json: {
        units: [
          {
            code: "C12",
            name: "乙社区",
            level: "community",
            parentCode: "S1",
            years: [
              { year: 2025, population: 100 },
              { year: 2026, population: 200 },
              { year: 2025, population: 300 },
            ],
          },
        ],
      },
    });
    const problem = expectNamed(res, 422, "body.units.0.years.2.year");
    expect(problem.errors![0]!.message).toContain("2025");
    expect(await count("org_unit_year")).toBe(1);
  });

  it("refuses a survey definition nested thousands deep, or malformed for SurveyJS, naming where", async () => {
    const before = await count("survey");
    const elements = '[{"type":"rating","name":"overall","rateMin":1,"rateMax":5}]';
    const deep = await raw(
      env,
      "POST",
      "/api/v1/surveys",
      `{"id":"deep","title":"深","definition":{"elements":${elements},"title":${deepArray(100_000)}}}`,
      t.admin,
    );
    const problem = expectNamed(deep, 422, `body.definition.title${".0".repeat(62)}`);
    expect(problem.errors![0]!.message).toContain("64");
    const inside = await raw(
      env,
      "POST",
      "/api/v1/surveys",
      `{"id":"deep","title":"深","definition":{"elements":[{"type":"rating","name":"a","choices":${deepArray(5_000)}}]}}`,
      t.admin,
    );
    expectNamed(inside, 422, /^body\.definition\.elements\.0\.choices(\.0)+$/);
    const nullElement = await call(env.baseUrl, "POST", "/api/v1/surveys", {
      token: t.admin,
      json: { id: "broken", title: "坏", definition: { elements: [null] } },
    });
    expectNamed(nullElement, 422, "body.definition");
    const nulName = await call(env.baseUrl, "POST", "/api/v1/surveys", {
      token: t.admin,
      json: {
        id: "broken",
        title: "坏",
        definition: { elements: [{ type: "text", name: "a\u0000b" }] },
      },
    });
    expectNamed(nulName, 422, "body.definition.elements.0.name");
    expect(await count("survey")).toBe(before);
  });

  it("refuses a case batch nested thousands deep, naming where; nothing is stored", async () => {
    const good =
      '{"source":"hotline","externalId":"deep-1","orgUnit":"C11","kind":"event","channel":"hotline","reportedAt":"2026-07-01T08:00:00+08:00"';
    for (const depth of [65, 100_000]) {
      const res = await raw(
        env,
        "POST",
        "/api/v1/cases/batch",
        `{"cases":[${good},"extra":${deepArray(depth)}}]}`,
        t.admin,
      );
      expectNamed(res, 422, `body.cases.0.extra${".0".repeat(61)}`);
    }
    // Just inside the limit, the same record goes in (the unknown field is ignored).
    const inside = await raw(
      env,
      "POST",
      "/api/v1/cases/batch",
      `{"cases":[${good},"extra":${deepArray(61)}}]}`,
      t.admin,
    );
    expect(inside.status, inside.text).toBe(200);
    expect(inside.body.inserted).toBe(1);
    // A NUL in a unit code rejects its record only (it never reaches the unit lookup).
    const nul = await call(env.baseUrl, "POST", "/api/v1/cases/batch", {
      token: t.admin,
      json: {
        cases: [
          JSON.parse(`${good}}`),
          { ...JSON.parse(`${good}}`), externalId: "deep-2", orgUnit: "C1\u00001" },
        ],
      },
    });
    expect(nul.status, nul.text).toBe(200);
    expect(nul.body.rejected).toEqual([
      {
        index: 1,
        externalId: "deep-2",
        errors: [{ path: "orgUnit", message: expect.stringMatching(/空字符/) }],
      },
    ]);
    expect(await count("case_record")).toBe(1);
  });

  it("refuses a NUL in a query or path parameter with 400, on API routes and pages alike", async () => {
    expectNamed(
      await call(env.baseUrl, "GET", "/api/v1/audit?actor=a%00b", { token: t.admin }),
      400,
      "query.actor",
    );
    expectNamed(
      await call(env.baseUrl, "GET", "/api/v1/indicators?period=2026Q3&scheme=369%00", {
        token: t.admin,
      }),
      400,
      "query.scheme",
    );
    expectNamed(
      await call(env.baseUrl, "GET", "/api/v1/returns/C1%001/2026Q3", { token: t.admin }),
      400,
      "param.orgUnitCode",
    );
    expectNamed(await call(env.baseUrl, "GET", "/s/satisfaction/C1%001"), 400, "param.code");
    expectNamed(
      await call(env.baseUrl, "GET", "/dashboard/C1%001?period=2026Q3", { token: t.admin }),
      400,
      "param.code",
    );
    expectNamed(
      await call(env.baseUrl, "GET", "/dashboard/C11?period=2026Q3%00", { token: t.admin }),
      400,
      "query.period",
    );
  });

  it("refuses integers past int4 in paths and queries with 422", async () => {
    for (const path of [
      "/api/v1/users/2147483648",
      "/api/v1/api-keys/2147483648",
      "/api/v1/indicators?period=2026Q3&schemeVersion=2147483648",
      "/api/v1/surveys/satisfaction?version=2147483648",
      "/api/v1/exports/assessment.xlsx?period=2026Q3&schemeVersion=9223372036854775808",
    ]) {
      const method = path.startsWith("/api/v1/users/")
        ? "PATCH"
        : path.includes("api-keys")
          ? "DELETE"
          : "GET";
      const res = await call(env.baseUrl, method, path, {
        token: t.admin,
        ...(method === "PATCH" ? { json: { disabled: true } } : {}),
      });
      const problem = expectProblem(res, 422);
      expect(problem.errors?.[0]?.path).toMatch(/^(param\.id|query\.(schemeVersion|version))$/);
    }
  });
});
