import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultSchemeDefinition } from "../../metrics/index.ts";
import { ADMIN_PASSWORD, seedSmallWorld } from "../../test/accounts.ts";
import { seedIndicatorWorld } from "../../test/fixtures/indicator-world.ts";
import { call, expectProblem, expectShape } from "../../test/http.ts";
import { openTestEnv, STORE_KINDS, type TestEnv } from "../../test/stores.ts";
import { IndicatorReport } from "../indicators/schema.ts";
import { DEFAULT_SCHEME_ID, resolveSchemeVersion, toSchemeVersion } from "../schemes/definition.ts";
import { listSchemeVersions } from "../schemes/queries.ts";
import { SchemeList } from "../schemes/schema.ts";

/** Issue 18 part 3: scheme versions apply from their year forward and never rewrite history. */
describe.each(STORE_KINDS)("scheme versions and closed quarters on %s", (kind) => {
  let env: TestEnv;
  let t: Awaited<ReturnType<typeof seedSmallWorld>>;
  const sla20 = () => {
    const d = defaultSchemeDefinition();
    d.responseSlaMinutes = 20;
    return d;
  };
  const postScheme = (validFromYear: number) =>
    call(env.baseUrl, "POST", "/api/v1/schemes", {
      token: t.admin,
      json: { id: "369-default", validFromYear, definition: sla20() },
    });
  const g3 = async (query: string) => {
    const res = await call(env.baseUrl, "GET", `/api/v1/indicators?orgUnit=C11&${query}`, {
      token: t.admin,
    });
    expect(res.status, res.text).toBe(200);
    const body = expectShape(IndicatorReport, res.body);
    return {
      version: body.scheme.version,
      numerator: body.units[0]!.indicators.find((i) => i.code === "G3")!.numerator,
    };
  };
  const versions = async () =>
    expectShape(
      SchemeList,
      (await call(env.baseUrl, "GET", "/api/v1/schemes", { token: t.admin })).body,
    ).schemes.length;

  beforeAll(async () => {
    env = await openTestEnv(kind, { ADMIN_PASSWORD });
    t = await seedSmallWorld(env);
    await seedIndicatorWorld(env, t.admin);
  });
  afterAll(async () => env?.close());

  it("a version created for a past year does not rescore the years of a later version", async () => {
    expect((await postScheme(2027)).status).toBe(201); // v2 from 2027
    // v3 "from 2026", created after v2: it governs 2026 only, 2027 stays with v2.
    expect((await postScheme(2026)).status).toBe(201);
    expect((await g3("period=2026Q3")).version).toBe(3);
    // 2027 has not begun (a read of it is refused): v2 is the version its year resolves to.
    const versions = (await listSchemeVersions(env.store.db, DEFAULT_SCHEME_ID)).map(
      toSchemeVersion,
    );
    expect(resolveSchemeVersion(versions, 2027)?.version).toBe(2);
    expect((await g3("period=2025Q3")).version).toBe(1);
  });

  it("refuses (409, Chinese) a version that would apply in a year with a closed quarter", async () => {
    const before = await g3("period=2026Q3");
    const close = await call(env.baseUrl, "POST", "/api/v1/periods/2026Q3/close", {
      token: t.admin,
    });
    expect(close.status, close.text).toBe(200);
    const n = await versions();
    const body = expectProblem(await postScheme(2026), 409);
    expect(body.detail).toContain("2026 年（2026Q3 已关账）");
    expect(body.detail).toContain("2027 年或以后");
    expect(await versions()).toBe(n);
    // From 2025: it would govern 2025 only (v3 keeps 2026), so it is taken; so is 2028.
    expect((await postScheme(2025)).status).toBe(201);
    expect((await g3("period=2025Q3")).version).toBe(n + 1);
    expect((await postScheme(2028)).status).toBe(201);
    // The closed quarter's figures, official and live, keep their version.
    expect(await g3("period=2026Q3")).toEqual(before);
    expect(await g3("period=2026Q3&live=true")).toEqual(before);
    // After a reopen the year may change again (the next close stores version 2 of the figures).
    const reopen = await call(env.baseUrl, "POST", "/api/v1/periods/2026Q3/reopen", {
      token: t.admin,
      json: { reason: "方案调整" },
    });
    expect(reopen.status, reopen.text).toBe(200);
    expect((await postScheme(2026)).status).toBe(201);
    // v1 of the figures keeps its scheme version.
    const v1 = await call(
      env.baseUrl,
      "GET",
      "/api/v1/indicators?orgUnit=C11&period=2026Q3&version=1",
      {
        token: t.admin,
      },
    );
    expect(v1.body.scheme.version).toBe(before.version);
  });
});
