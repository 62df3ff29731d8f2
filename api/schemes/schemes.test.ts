import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultSchemeDefinition } from "../../metrics/index.ts";
import { ADMIN_PASSWORD, seedSmallWorld } from "../../test/accounts.ts";
import { seedIndicatorWorld } from "../../test/fixtures/indicator-world.ts";
import { call, expectProblem, expectShape } from "../../test/http.ts";
import { openTestEnv, STORE_KINDS, type TestEnv } from "../../test/stores.ts";
import { IndicatorReport } from "../indicators/schema.ts";
import { CreatedScheme, SchemeList } from "./schema.ts";

describe.each(STORE_KINDS)("schemes on %s", (kind) => {
  let env: TestEnv;
  let t: Awaited<ReturnType<typeof seedSmallWorld>>;
  const post = (json: unknown, token = t.admin) =>
    call(env.baseUrl, "POST", "/api/v1/schemes", { token, json });
  const g3 = async (query: string) => {
    const res = await call(env.baseUrl, "GET", `/api/v1/indicators?orgUnit=C11&${query}`, {
      token: t.admin,
    });
    expect(res.status, res.text).toBe(200);
    const body = expectShape(IndicatorReport, res.body);
    return { scheme: body.scheme, g3: body.units[0]!.indicators.find((i) => i.code === "G3")! };
  };
  const withChanges = (change: (d: ReturnType<typeof defaultSchemeDefinition>) => void) => {
    const d = defaultSchemeDefinition();
    change(d);
    return d;
  };

  beforeAll(async () => {
    env = await openTestEnv(kind, { ADMIN_PASSWORD });
    t = await seedSmallWorld(env);
    await seedIndicatorWorld(env, t.admin);
  });
  afterAll(async () => env?.close());

  it("stores 369-default version 1, valid from 2000, equal to INDICATORS.md", async () => {
    const res = await call(env.baseUrl, "GET", "/api/v1/schemes", { token: t["leader-d1"] });
    expect(res.status, res.text).toBe(200);
    const { schemes } = expectShape(SchemeList, res.body);
    expect(schemes).toHaveLength(1);
    expect(schemes[0]).toMatchObject({ id: "369-default", version: 1, validFromYear: 2000 });
    expect(schemes[0]!.definition).toEqual(defaultSchemeDefinition());
  });

  it("creates versions and applies the latest one valid in the period's year", async () => {
    // v2 from 2027 with a 20-minute response limit.
    const v2 = await post({
      id: "369-default",
      validFromYear: 2027,
      name: "2027 方案",
      definition: withChanges((d) => {
        d.responseSlaMinutes = 20;
      }),
    });
    expect(v2.status, v2.text).toBe(201);
    expect(expectShape(CreatedScheme, v2.body).created).toEqual({ id: "369-default", version: 2 });
    // 2026 still uses v1: C11's appeals a1 (30 min) and a3 (60 min) are timely: 2/3.
    const y2026 = await g3("period=2026Q3");
    expect(y2026.scheme).toEqual({ id: "369-default", version: 1 });
    expect(y2026.g3.value).toBeCloseTo((2 / 3) * 100, 6);
    // v3 from 2026 with a 20-minute limit: a1 and a3 are now late: 0/3.
    const v3 = await post({
      id: "369-default",
      validFromYear: 2026,
      definition: withChanges((d) => {
        d.responseSlaMinutes = 20;
        d.indicators.G3.target = 90;
      }),
    });
    expect(expectShape(CreatedScheme, v3.body).schemes.map((s) => s.version)).toEqual([1, 2, 3]);
    const now = await g3("period=2026Q3");
    expect(now.scheme).toEqual({ id: "369-default", version: 3 });
    expect(now.g3).toMatchObject({ value: 0, numerator: 0, denominator: 3, target: 90 });
    // A published quarter pins its version.
    const pinned = await g3("period=2026Q3&schemeVersion=1");
    expect(pinned.scheme.version).toBe(1);
    expect(pinned.g3.numerator).toBe(2);
    // 2025 has only v1 valid.
    expect((await g3("period=2025Q3")).scheme.version).toBe(1);
  });

  it("serves a second scheme by id, and 404 where it has no version", async () => {
    const res = await post({
      id: "pilot",
      validFromYear: 2026,
      definition: withChanges((d) => {
        d.dimensions.governance.weight = 70;
        d.dimensions.service.weight = 10;
        d.dimensions.resources.weight = 10;
        d.dimensions.participation.weight = 10;
      }),
    });
    expect(res.status, res.text).toBe(201);
    const r = await call(
      env.baseUrl,
      "GET",
      "/api/v1/indicators?period=2026Q3&orgUnit=C11&scheme=pilot",
      {
        token: t.admin,
      },
    );
    const c11 = expectShape(IndicatorReport, r.body).units[0]!;
    // (70·53.75 + 10·42.333 + 10·57.738 + 10·65.5)/100 = 53.2821…
    expect(c11.index).toBeCloseTo(
      (70 * 53.75 + 10 * (127 / 3) + 10 * 57.73809523809523 + 655) / 100,
      6,
    );
    expectProblem(
      await call(env.baseUrl, "GET", "/api/v1/indicators?period=2025Q3&orgUnit=C11&scheme=pilot", {
        token: t.admin,
      }),
      404,
    );
    const listed = expectShape(
      SchemeList,
      (await call(env.baseUrl, "GET", "/api/v1/schemes?id=pilot", { token: t.admin })).body,
    );
    expect(listed.schemes.map((s) => [s.id, s.version, s.validFromYear])).toEqual([
      ["pilot", 1, 2026],
    ]);
  });

  it("rejects incomplete or inconsistent definitions with 422 naming the field", async () => {
    const paths = async (definition: unknown, extra: object = {}) => {
      const p = expectProblem(
        await post({ id: "bad", validFromYear: 2026, definition, ...extra }),
        422,
      );
      return p.errors!.map((e) => e.path);
    };
    expect(
      await paths(
        withChanges((d) => {
          delete (d.indicators as Partial<typeof d.indicators>).P4;
        }),
      ),
    ).toContain("body.definition.indicators.P4");
    const unknown = {
      ...defaultSchemeDefinition(),
      indicators: {
        ...defaultSchemeDefinition().indicators,
        X1: { target: 1, floor: 0, weight: 1 },
      },
    };
    expect(await paths(unknown)).toContain("body.definition.indicators.X1");
    expect(
      await paths(
        withChanges((d) => {
          d.indicators.S1.target = 200; // ↓ indicator: target must be below the floor (120)
        }),
      ),
    ).toContain("body.definition.indicators.S1.target");
    expect(
      await paths(
        withChanges((d) => {
          d.indicators.G1.floor = 60; // target = floor
        }),
      ),
    ).toContain("body.definition.indicators.G1.target");
    expect(
      await paths(
        withChanges((d) => {
          d.indicators.G2.weight = -5;
        }),
      ),
    ).toContain("body.definition.indicators.G2.weight");
    expect(
      await paths(
        withChanges((d) => {
          d.indicators.G1.direction = "down";
        }),
      ),
    ).toContain("body.definition.indicators.G1.direction");
    expect(
      await paths({ ...defaultSchemeDefinition(), dimensions: { governance: { weight: 1 } } }),
    ).toContain("body.definition.dimensions.service");
    expect(await paths(defaultSchemeDefinition(), { id: "Bad Id" })).toContain("body.id");
    expect(await paths(defaultSchemeDefinition(), { validFromYear: 1999 })).toContain(
      "body.validFromYear",
    );
    const listed = expectShape(
      SchemeList,
      (await call(env.baseUrl, "GET", "/api/v1/schemes?id=bad", { token: t.admin })).body,
    );
    expect(listed.schemes).toEqual([]);
  });

  it("lets only whole-tree admins write schemes", async () => {
    const json = { id: "x", validFromYear: 2026, definition: defaultSchemeDefinition() };
    expectProblem(await post(json, t["leader-d1"]), 403);
    expectProblem(await post(json, t["assessor-d1"]), 403);
    expectProblem(await post(json, t["admin-s2"]), 403);
    expectProblem(await call(env.baseUrl, "GET", "/api/v1/schemes", { token: t["clerk-s1"] }), 403);
  });
});
