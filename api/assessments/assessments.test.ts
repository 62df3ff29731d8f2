import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultSchemeDefinition } from "../../metrics/index.ts";
import { unratedReason } from "../../shapes/unit-result.ts";
import { ADMIN_PASSWORD, seedSmallWorld } from "../../test/accounts.ts";
import { seedIndicatorWorld } from "../../test/fixtures/indicator-world.ts";
import { call, expectProblem, expectShape } from "../../test/http.ts";
import { openTestEnv, STORE_KINDS, type TestEnv } from "../../test/stores.ts";
import { IndicatorReport } from "../indicators/schema.ts";
import { Assessment } from "./schema.ts";

// The hand-computed world of api/indicators/indicators.test.ts (test/fixtures/indicator-world.ts):
// in 2026Q3 C11's index is 53.4726… with R2 = 15 per 10k scoring (15 − 8)/(18 − 8) = 70; C12 and
// C13 hold identical data and score 100; C21 filed no return, C22 has no case.
//
// Here the default scheme gets a 2026 version with assessor items A1 (weight 2), A2 (weight 1),
// bonus B1 (max 3), penalty D1 (max 10), w = 0.3, cap 5, and R2 for rural communities 16 / 6;
// C11 is marked rural.
//   C11 R2: (15 − 6)/(16 − 6) = 90 → resources +25·20/100 = +5 → index +5·20/100 = 54.4726…
//   C11 assessor (2·90 + 1·60)/3 = 80, points +3 − 1 = +2:
//     total 0.7 × 54.47261904761905 + 0.3 × 80 + 2 = 64.13083333333333 (合格; the index is 不合格)
//   C12 100, 100, +3 → 0.7·100 + 0.3·100 + 3 = 103 → 100; C13 100, 100 → 100: a tie in total.
const C11_INDEX = 54.47261904761905;
const C11_TOTAL = 0.7 * C11_INDEX + 0.3 * 80 + 2;

const SCHEME = {
  ...defaultSchemeDefinition(),
  assessorItems: [
    { code: "A1", name: "制度建设", weight: 2 },
    { code: "A2", name: "台账规范", weight: 1 },
  ],
  adjustmentItems: [
    { code: "B1", name: "创新举措", kind: "bonus", maxPoints: 3 },
    { code: "D1", name: "重大失误", kind: "penalty", maxPoints: 10 },
  ],
  assessorWeight: 0.3,
  adjustmentCap: 5,
  targetOverrides: [{ indicator: "R2", level: "community", urban: false, target: 16, floor: 6 }],
  returnsDueDay: 20,
  appealsDueDay: 25,
};

describe.each(STORE_KINDS)("assessments, totals and targets by urban/rural on %s", (kind) => {
  let env: TestEnv;
  let t: Awaited<ReturnType<typeof seedSmallWorld>>;
  const api = (method: string, path: string, token: string, json?: unknown) =>
    call(env.baseUrl, method, `/api/v1${path}`, { token, json });
  const indicators = async (query: string) => {
    const res = await api("GET", `/indicators?period=2026Q3&${query}`, t.admin);
    expect(res.status, res.text).toBe(200);
    return expectShape(IndicatorReport, res.body);
  };
  const put = (unit: string, body: unknown, token = t["assessor-d1"]!) =>
    api("PUT", `/assessments/${unit}/2026Q3`, token, body);
  const scores = (a1: number, a2: number) => [
    { code: "A1", score: a1, comment: "制度齐全" },
    { code: "A2", score: a2, comment: "" },
  ];

  beforeAll(async () => {
    env = await openTestEnv(kind, { ADMIN_PASSWORD });
    t = await seedSmallWorld(env);
    await seedIndicatorWorld(env, t.admin);
    const rural = await api("PUT", "/org-units", t.admin, {
      units: [{ code: "C11", name: "甲社区", level: "community", parentCode: "S1", urban: false }],
    });
    expect(rural.status, rural.text).toBe(200);
  });
  afterAll(async () => env?.close());

  it("validates the scheme's new fields in Chinese and applies rural targets per unit", async () => {
    const bad = expectProblem(
      await api("POST", "/schemes", t.admin, {
        id: "369-default",
        validFromYear: 2026,
        definition: {
          ...SCHEME,
          assessorWeight: 0.6,
          assessorItems: [{ code: "A1", name: "制度建设", weight: 0 }],
          targetOverrides: [
            { indicator: "X9", target: 1, floor: 0 },
            { indicator: "R2", level: "town", target: 16, floor: 6 },
            { indicator: "S1", target: 200, floor: 100 },
          ],
        },
      }),
      422,
    );
    const paths = (bad.errors ?? []).map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        "body.definition.assessorWeight",
        "body.definition.assessorItems.0.weight",
      ]),
    );
    const semantic = expectProblem(
      await api("POST", "/schemes", t.admin, {
        id: "369-default",
        validFromYear: 2026,
        definition: {
          ...SCHEME,
          targetOverrides: [
            { indicator: "X9", target: 1, floor: 0 },
            { indicator: "R2", level: "town", target: 16, floor: 6 },
            { indicator: "S1", target: 200, floor: 100 },
          ],
        },
      }),
      422,
    );
    const byPath = Object.fromEntries((semantic.errors ?? []).map((e) => [e.path, e.message]));
    expect(byPath["body.definition.targetOverrides.0.indicator"]).toBe("没有指标 X9");
    expect(byPath["body.definition.targetOverrides.1.level"]).toMatch(/^没有层级 town/);
    expect(byPath["body.definition.targetOverrides.2.target"]).toContain("越低越好");
    const before = await indicators("orgUnit=C11");
    expect(before.scheme.version).toBe(1);
    expect(before.units[0]).toMatchObject({ total: before.units[0]!.index, provisional: false });

    const ok = await api("POST", "/schemes", t.admin, {
      id: "369-default",
      validFromYear: 2026,
      definition: SCHEME,
    });
    expect(ok.status, ok.text).toBe(201);
    // The cycle's days come from the scheme version of the quarter's year: day 20 and day 25.
    const periods = await api("GET", "/periods", t.admin);
    const q3 = periods.body.periods.find((p: { period: string }) => p.period === "2026Q3");
    expect(q3.returnsDueAt).toBe("2026-10-20T16:00:00.000Z");
    const appeals = await api("GET", "/appeals?period=2026Q3", t.admin);
    expect(appeals.body.appealsDueAt).toBe("2026-10-25T16:00:00.000Z");
    const c11 = (await indicators("orgUnit=C11")).units[0]!;
    const r2 = c11.indicators.find((i) => i.code === "R2")!;
    expect(r2).toMatchObject({ value: 15, target: 16, floor: 6, score: 90, status: "amber" });
    expect(c11.index).toBeCloseTo(C11_INDEX, 9);
    // w > 0 and no assessor score yet: index + 0, provisional
    expect(c11).toMatchObject({ assessorScore: null, adjustment: 0, provisional: true });
    expect(c11.total).toBeCloseTo(C11_INDEX, 9);
    // C12 is an urban community (its level says so): R2 keeps 18 / 8
    const s1 = await indicators("orgUnit=S1&children=true");
    const c12r2 = s1.units.find((u) => u.code === "C12")!.indicators.find((i) => i.code === "R2");
    expect(c12r2).toMatchObject({ target: 18, floor: 8 });
    // what-if: without the overrides C11's R2 scores 70 again; a bad override is refused
    const whatIf = await api("POST", "/what-if", t["assessor-d1"]!, {
      period: "2026Q3",
      orgUnit: "C11",
      targetOverrides: [],
    });
    expect(whatIf.status, whatIf.text).toBe(200);
    expect(
      whatIf.body.units[0].indicators.find((i: { code: string }) => i.code === "R2"),
    ).toMatchObject({ target: 18, floor: 8, score: 70 });
    const badIf = expectProblem(
      await api("POST", "/what-if", t["assessor-d1"]!, {
        period: "2026Q3",
        orgUnit: "C11",
        targetOverrides: [{ indicator: "R2", level: "hamlet", target: 16, floor: 6 }],
      }),
      422,
    );
    expect(badIf.errors?.[0]?.path).toBe("body.targetOverrides.0.level");
  });

  it("stores an assessor's scores and points; refuses bad input and the wrong people", async () => {
    // Bad input: nothing written.
    const bad = async (body: unknown, path: string) => {
      const p = expectProblem(await put("C11", body), 422);
      expect(p.errors?.map((e) => e.path)).toContain(path);
      expect(p.errors?.[0]?.message).toMatch(/[\u4e00-\u9fff]/);
    };
    await bad({ items: [{ code: "A1", score: 101, comment: "" }] }, "body.items.0.score");
    await bad({ items: [{ code: "Z9", score: 80, comment: "" }] }, "body.items.0.code");
    await bad(
      { adjustments: [{ code: "B1", points: 4, reason: "创新" }] },
      "body.adjustments.0.points",
    );
    await bad(
      { adjustments: [{ code: "D1", points: -1, reason: "失误" }] },
      "body.adjustments.0.points",
    );
    await bad(
      { adjustments: [{ code: "B1", points: 1, reason: " " }] },
      "body.adjustments.0.reason",
    );
    const valid = {
      items: scores(90, 60),
      adjustments: [{ code: "B1", points: 3, reason: "创新" }],
    };
    expectProblem(await put("C11", valid, t["leader-s1"]), 403);
    expectProblem(await put("C11", valid, t["leader-d1"]), 403);
    expectProblem(await put("C11", valid, t["clerk-s1"]), 403);
    expectProblem(await put("C11", valid, t["admin-s2"]), 403); // outside its scope
    const own = expectProblem(await put("S2", valid, t["admin-s2"]), 403); // its own unit
    expect(own.detail).toContain("本单位");
    const none = await api("GET", "/assessments/C11/2026Q3", t["leader-s1"]!);
    expect(expectShape(Assessment, none.body)).toMatchObject({ status: "none", items: [] });

    const saved = await put("C11", {
      items: scores(90, 60),
      adjustments: [
        { code: "B1", points: 3, reason: "网格议事创新" },
        { code: "D1", points: 1, reason: "台账缺页" },
      ],
    });
    expect(saved.status, saved.text).toBe(200);
    expect(expectShape(Assessment, saved.body)).toMatchObject({
      status: "draft",
      assessorScore: 80,
      adjustment: 2,
      updatedBy: "assessor-d1",
    });
    // the admin of the whole tree may stand in
    expect(
      (
        await put(
          "C12",
          { items: scores(100, 100), adjustments: [{ code: "B1", points: 3, reason: "示范" }] },
          t.admin,
        )
      ).status,
    ).toBe(200);
    expect((await put("C13", { items: scores(100, 100) })).status).toBe(200);

    const s1 = await indicators("orgUnit=S1&children=true");
    const u = (code: string) => s1.units.find((x) => x.code === code)!;
    expect(u("C11").total).toBeCloseTo(C11_TOTAL, 9);
    expect(u("C11")).toMatchObject({
      assessorScore: 80,
      adjustment: 2,
      grade: "合格",
      provisional: true,
    });
    // 103 clamped to 100 ties with C13's 100: rank 1 and 1; C11 third
    expect([u("C12").total, u("C13").total]).toEqual([100, 100]);
    expect(s1.units.map((x) => x.rank)).toEqual([1, 3, 1, 1]);
    // a penalty drops C13 below C12 although their indices tie
    await put("C13", {
      items: scores(100, 100),
      adjustments: [{ code: "D1", points: 5, reason: "安全事故" }],
    });
    const again = await indicators("orgUnit=S1&children=true");
    expect(
      again.units.map((x) => [
        x.code,
        x.index === null ? null : Math.round(x.index),
        x.total === null ? null : Math.round(x.total),
        x.rank,
      ]),
    ).toEqual([
      ["S1", expect.any(Number), expect.any(Number), 1],
      ["C11", 54, 64, 3],
      ["C12", 100, 100, 1],
      ["C13", 100, 95, 2],
    ]);
    // units without a total are unranked and say why (未参评)
    const s2 = await indicators("orgUnit=S2&children=true");
    const c21 = s2.units.find((x) => x.code === "C21")!;
    const c22 = s2.units.find((x) => x.code === "C22")!;
    expect([c21.total, c21.rank, c22.total, c22.rank]).toEqual([null, null, null, null]);
    expect(unratedReason(c21)).toBe("未报送季度填报");
    expect(unratedReason(c22)).toBe("数据不足（治理效能、服务效能无得分）");
  });

  it("signs off, refuses writes until an admin reopens, audits, and carries totals into the close", async () => {
    const signOff = (unit: string, token = t["assessor-d1"]!) =>
      api("POST", `/assessments/${unit}/2026Q3/sign-off`, token);
    await put("C22", { items: [{ code: "A1", score: 70, comment: "" }] });
    expect(expectProblem(await signOff("C22"), 422).detail).toContain("台账规范");
    const signed = await signOff("C11");
    expect(signed.status, signed.text).toBe(200);
    expect(signed.body).toMatchObject({ status: "signed_off", signedOffBy: "assessor-d1" });
    expect((await indicators("orgUnit=C11")).units[0]!.provisional).toBe(false);
    const frozen = expectProblem(await put("C11", { items: scores(10, 10) }), 409);
    expect(frozen.detail).toContain("重新开启");
    expectProblem(await signOff("C11"), 409);
    const reopen = (token: string, json: unknown) =>
      api("POST", "/assessments/C11/2026Q3/reopen", token, json);
    expectProblem(await reopen(t["assessor-d1"]!, { reason: "更正" }), 403);
    expectProblem(await reopen(t.admin, { reason: "" }), 422);
    const reopened = await reopen(t.admin, { reason: "评估方更正打分" });
    expect(reopened.status, reopened.text).toBe(200);
    expect(reopened.body).toMatchObject({
      status: "draft",
      reopenedBy: "admin",
      reopenReason: "评估方更正打分",
    });
    expect(
      (
        await put("C11", {
          items: scores(90, 60),
          adjustments: [
            { code: "B1", points: 3, reason: "网格议事创新" },
            { code: "D1", points: 1, reason: "台账缺页" },
          ],
        })
      ).status,
    ).toBe(200);
    expect((await signOff("C11")).status).toBe(200);

    const audit = await api("GET", "/audit?limit=200", t.admin);
    const entries = audit.body.entries as { action: string; target: string; status: number }[];
    const mine = entries.filter((e) => e.action.startsWith("assessments."));
    expect(mine.some((e) => e.action === "assessments.reopen" && e.status === 200)).toBe(true);
    expect(mine.some((e) => e.action === "assessments.write" && e.status === 409)).toBe(true);
    expect(mine.some((e) => e.action === "assessments.write" && e.status === 403)).toBe(true);

    // Closing stores the totals with the official figures; after the close nothing changes.
    const closed = await api("POST", "/periods/2026Q3/close", t.admin);
    expect(closed.status, closed.text).toBe(200);
    const official = await indicators("orgUnit=S1&children=true");
    expect(official.official).toBe(true);
    const c11 = official.units.find((u) => u.code === "C11")!;
    expect(c11.total).toBeCloseTo(C11_TOTAL, 9);
    expect(c11).toMatchObject({ provisional: false, grade: "合格", rank: 3 });
    expect(official.units.find((u) => u.code === "C12")).toMatchObject({
      total: 100,
      provisional: true,
    });
    expectProblem(await put("C12", { items: scores(50, 50) }), 409);
  });
});
