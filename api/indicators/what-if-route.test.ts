import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_PASSWORD, seedSmallWorld } from "../../test/accounts.ts";
import { seedIndicatorWorld } from "../../test/fixtures/indicator-world.ts";
import { call, expectProblem, expectShape } from "../../test/http.ts";
import { openTestEnv, STORE_KINDS, type TestEnv } from "../../test/stores.ts";
import { SensitivityReport, WhatIfReport } from "./schema.ts";

// Dimension scores of S1 and S2 in 2026Q3 are worked out by hand in indicators.test.ts:
// S1 governance 81.958, service 68.810, resources 80.464, participation 97.5 (G1 score 95.833,
// G2 80, G3 40, G4 100); S2 governance 100 (G1, G2 at 100), service 81.25, resources 25,
// participation 6.

describe.each(STORE_KINDS)("what-if and sensitivity on %s", (kind) => {
  let env: TestEnv;
  let t: Awaited<ReturnType<typeof seedSmallWorld>>;
  const whatIf = (json: unknown, token = t["assessor-d1"]) =>
    call(env.baseUrl, "POST", "/api/v1/what-if", { token, json });

  beforeAll(async () => {
    env = await openTestEnv(kind, { ADMIN_PASSWORD });
    t = await seedSmallWorld(env);
    await seedIndicatorWorld(env, t.admin);
  });
  afterAll(async () => env?.close());

  it("renormalises weights that do not sum to 100 and says so", async () => {
    const res = await whatIf({
      period: "2026Q3",
      orgUnit: "D1",
      weights: { indicators: { G1: 45 }, dimensions: { governance: 60 } },
    });
    expect(res.status, res.text).toBe(200);
    const body = expectShape(WhatIfReport, res.body);
    expect(body.scheme).toEqual({ id: "369-default", version: 1 });
    expect(body.units.map((u) => u.code)).toEqual(["D1", "S1", "S2"]);
    expect(body.notes).toHaveLength(2);
    expect(body.notes[0]).toContain("governance");
    expect(body.notes[0]).toContain("120");
    expect(body.notes[1]).toContain("130");
    const s1 = body.units[1]!;
    const s2 = body.units[2]!;
    // S1 governance (45·95.833 + 25·80 + 20·40 + 30·100)/120 = 84.2708…
    expect(s1.dimensions.governance.score).toBeCloseTo(84.27083333333333, 6);
    // S1 index (60·84.271 + 30·68.810 + 20·80.464 + 20·97.5)/130 = 82.1525…
    expect(s1.index).toBeCloseTo(82.15247252747253, 6);
    // S2 governance stays 100; index (60·100 + 30·81.25 + 20·25 + 20·6)/130 = 69.673…
    expect(s2.index).toBeCloseTo(69.67307692307692, 6);
    expect(s1.rank).toBe(1);
    expect(s2.rank).toBe(2);
    // The answer carries 环比/同比 like GET /indicators.
    expect(s1.indicators.find((i) => i.code === "G1")).toHaveProperty("previous");
  });

  it("takes goalposts, geometric aggregation and min-max normalisation", async () => {
    const geo = expectShape(
      WhatIfReport,
      (await whatIf({ period: "2026Q3", orgUnit: "D1", aggregation: "geometric" })).body,
    );
    // S2: 100^0.3 · 81.25^0.3 · 25^0.2 · 6^0.2 = 40.566…
    expect(geo.units[2]!.index).toBeCloseTo(40.56628735604065, 6);
    expect(geo.notes).toEqual([]);
    // S1 target 12 h: S1 street at 24 h scores (120−24)/(120−12) = 88.888…
    const goal = expectShape(
      WhatIfReport,
      (await whatIf({ period: "2026Q3", orgUnit: "D1", targets: { S1: { target: 12 } } })).body,
    );
    const s1 = goal.units[1]!.indicators.find((i) => i.code === "S1")!;
    expect(s1).toMatchObject({ target: 12, floor: 120 });
    expect(s1.score).toBeCloseTo((96 / 108) * 100, 6);
    // Min-max across S1 and S2: on G1 (58.3% vs 100%) S1 scores 0 and S2 100.
    const mm = expectShape(
      WhatIfReport,
      (await whatIf({ period: "2026Q3", orgUnit: "D1", normalisation: "minmax" })).body,
    );
    expect(mm.method.normalisation).toBe("minmax");
    expect(mm.units[1]!.indicators.find((i) => i.code === "G1")!.score).toBe(0);
    expect(mm.units[2]!.indicators.find((i) => i.code === "G1")!.score).toBe(100);
  });

  it("rejects negative weights, unknown codes and wrong-way goalposts with 422 naming the field", async () => {
    const paths = async (json: unknown) => {
      const p = expectProblem(await whatIf(json), 422);
      return p.errors!.map((e) => e.path);
    };
    expect(
      await paths({ period: "2026Q3", orgUnit: "D1", weights: { indicators: { G1: -1 } } }),
    ).toContain("body.weights.indicators.G1");
    expect(
      await paths({ period: "2026Q3", orgUnit: "D1", weights: { indicators: { X9: 10 } } }),
    ).toContain("body.weights.indicators.X9");
    expect(
      await paths({ period: "2026Q3", orgUnit: "D1", weights: { dimensions: { culture: 10 } } }),
    ).toContain("body.weights.dimensions.culture");
    expect(
      await paths({ period: "2026Q3", orgUnit: "D1", targets: { S1: { target: 200 } } }),
    ).toContain("body.targets.S1");
    expect(
      await paths({ period: "2026Q3", orgUnit: "D1", targets: { Z1: { floor: 1 } } }),
    ).toContain("body.targets.Z1");
    expect(
      await paths({
        period: "2026Q3",
        orgUnit: "D1",
        weights: { dimensions: { governance: 0, service: 0, resources: 0, participation: 0 } },
      }),
    ).toContain("body.weights.dimensions");
    expect(await paths({ period: "2026Q3", orgUnit: "D1", normalisation: "rank" })).toContain(
      "body.normalisation",
    );
    expectProblem(await whatIf({ period: "2026Q9", orgUnit: "D1" }), 400);
  });

  it("is for assessors and admins, within their scope", async () => {
    const json = { period: "2026Q3", orgUnit: "S1" };
    expectProblem(await whatIf(json, t["leader-d1"]), 403);
    expectProblem(await whatIf(json, t["clerk-s1"]), 403);
    expect((await whatIf(json, t.admin)).status).toBe(200);
    expectProblem(await whatIf({ period: "2026Q3", orgUnit: "S1" }, t["admin-s2"]), 403);
    expectProblem(await whatIf({ period: "2026Q3", orgUnit: "NOPE" }), 404);
  });

  it("reports each child's rank with its median and 5th–95th percentile rank", async () => {
    const res = await call(env.baseUrl, "GET", "/api/v1/sensitivity?period=2026Q3&orgUnit=S1", {
      token: t["leader-d1"],
    });
    expect(res.status, res.text).toBe(200);
    const body = expectShape(SensitivityReport, res.body);
    expect(body).toMatchObject({ period: "2026Q3", orgUnit: "S1", draws: 1000, spread: 0.2 });
    expect(body.units.map((u) => u.code)).toEqual(["C11", "C12", "C13"]);
    // C12 and C13 score 100 on every indicator, so any weights keep them tied first; C11 (53.47)
    // cannot climb above a 100.
    expect(body.units.map((u) => [u.rank, u.medianRank, u.p5Rank, u.p95Rank])).toEqual([
      [3, 3, 3, 3],
      [1, 1, 1, 1],
      [1, 1, 1, 1],
    ]);
    expect(body.units[0]!.index).toBeCloseTo(53.47261904761905, 6);
    // S2's children have no index: unranked in every draw.
    const s2 = expectShape(
      SensitivityReport,
      (
        await call(env.baseUrl, "GET", "/api/v1/sensitivity?period=2026Q3&orgUnit=S2", {
          token: t.admin,
        })
      ).body,
    );
    expect(s2.units.every((u) => u.rank === null && u.medianRank === null)).toBe(true);
    const again = await call(env.baseUrl, "GET", "/api/v1/sensitivity?period=2026Q3&orgUnit=S1", {
      token: t["leader-d1"],
    });
    expect(again.body).toEqual(res.body);
    expectProblem(
      await call(env.baseUrl, "GET", "/api/v1/sensitivity?period=2026Q3&orgUnit=S2", {
        token: t["leader-s1"],
      }),
      403,
    );
    expectProblem(
      await call(env.baseUrl, "GET", "/api/v1/sensitivity?period=20263&orgUnit=S1", {
        token: t.admin,
      }),
      400,
    );
  });
});
