import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SamplePlans } from "../../shapes/sample-plans.ts";
import { ADMIN_PASSWORD } from "../../test/accounts.ts";
import { EXPECTED_PLANS, PLAN_PERIOD, seedSamplePlans } from "../../test/fixtures/sample-plans.ts";
import { call, expectProblem, expectShape } from "../../test/http.ts";
import { openTestEnv, STORE_KINDS, type TestEnv } from "../../test/stores.ts";
import { buildReportModel, renderReportHtml } from "../reporting/generate.ts";
import { DEFAULT_SCHEME_ID } from "../schemes/definition.ts";

// Sample plans (issue 22 point 5) on both stores over a hand-built fixture whose standard
// deviations and targets are worked out by hand in test/fixtures/sample-plans.ts: the API, the
// dashboard's card, the QR posters and the assessor report's methodology.

const plansOf = (env: TestEnv, query: string, token?: string) =>
  call(env.baseUrl, "GET", `/api/v1/surveys/satisfaction/sample-plans?${query}`, {
    ...(token ? { token } : {}),
  });

/** Page text without tags, spaces collapsed. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, "")
    .replace(/&nbsp;/g, " ")
    .replace(/\s+/g, " ");

describe.each(STORE_KINDS)("sample plans on %s", (kind) => {
  let env: TestEnv;
  let tokens: Awaited<ReturnType<typeof seedSamplePlans>>;

  beforeAll(async () => {
    // The posters show the quarter of "now": mid-2026Q3 (Asia/Shanghai).
    env = await openTestEnv(
      kind,
      { ADMIN_PASSWORD },
      { now: () => new Date("2026-08-20T04:00:00Z") },
    );
    tokens = await seedSamplePlans(env);
  });
  afterAll(async () => {
    await env?.close();
  });

  it("plans each community's sample from last quarter's SD and its population", async () => {
    const res = await plansOf(env, `period=${PLAN_PERIOD}&orgUnit=D1`, tokens["leader-d1"]);
    expect(res.status, res.text).toBe(200);
    const body = expectShape(SamplePlans, res.body);
    expect(body).toMatchObject({
      surveyId: "satisfaction",
      period: "2026Q3",
      basePeriod: "2026Q2",
      orgUnit: { code: "D1", level: "district" },
      method: { z: 1.96, margin: 5, minimum: 30, maximumSd: 50, pooled: { n: 6 } },
      summary: { communities: 3, met: 2, collected: 93, target: 183 },
    });
    expect(body.method.pooled.sd).toBeCloseTo(Math.sqrt(440), 9);
    expect(body.plans.map((p) => p.orgUnit.code)).toEqual(["C11", "C12", "C21"]);
    for (const p of body.plans) {
      const e = EXPECTED_PLANS[p.orgUnit.code as keyof typeof EXPECTED_PLANS];
      expect(p.population, p.orgUnit.code).toBe(e.population);
      expect(p.lastQuarter.n, p.orgUnit.code).toBe(e.lastN);
      if (e.lastSd === null) expect(p.lastQuarter.sd).toBeNull();
      else expect(p.lastQuarter.sd).toBeCloseTo(e.lastSd, 9);
      expect(p.sd).toBeCloseTo(e.sd, 9);
      expect(p.sdSource).toBe(e.source);
      expect(p.n0).toBeCloseTo(e.n0, 9);
      expect(p.target, p.orgUnit.code).toBe(e.target);
      expect(p.collected, p.orgUnit.code).toBe(e.collected);
    }
    const [c11, c12, c21] = body.plans;
    expect(c11).toMatchObject({ populationYear: 2026, remaining: 92, met: false });
    expect(c11!.share).toBeCloseTo(3 / 95, 12);
    expect(c12).toMatchObject({ populationYear: null, remaining: 0, share: 1, met: true });
    // 2025's facts: 2027's are later than the quarter.
    expect(c21).toMatchObject({ populationYear: 2025, remaining: 0, share: 1, met: true });
  });

  it("narrows to a street, a community, and a grid's community; clerks read their scope", async () => {
    const street = expectShape(
      SamplePlans,
      (await plansOf(env, `period=${PLAN_PERIOD}&orgUnit=S1`, tokens["leader-d1"])).body,
    );
    expect(street.summary).toEqual({ communities: 2, met: 1, collected: 73, target: 163 });
    for (const code of ["C11", "G111"]) {
      const one = await plansOf(env, `period=${PLAN_PERIOD}&orgUnit=${code}`, tokens["clerk-s1"]);
      expect(one.status, one.text).toBe(200);
      expect(one.body.plans.map((p: { orgUnit: { code: string } }) => p.orgUnit.code)).toEqual([
        "C11",
      ]);
      expect(one.body.summary).toEqual({ communities: 1, met: 0, collected: 3, target: 95 });
    }
    // Default unit: the caller's scope.
    const own = await plansOf(env, `period=${PLAN_PERIOD}`, tokens["clerk-s1"]);
    expect(own.body.orgUnit.code).toBe("S1");
  });

  it("answers a quarter with no base data with the maximum SD", async () => {
    // 2026Q2's base quarter 2026Q1 has one response (C12's 0): no own SD, no pooled SD.
    const res = await plansOf(env, "period=2026Q2&orgUnit=D1", tokens["leader-d1"]);
    const body = expectShape(SamplePlans, res.body);
    expect(body.method.pooled).toEqual({ n: 1, sd: null });
    const byCode = new Map(body.plans.map((p) => [p.orgUnit.code, p]));
    // 384.16 / (1 + 383.16 / 8000) = 366.60 → 367; no population: ⌈384.16⌉ = 385; N = 20: 20.
    expect(byCode.get("C11")).toMatchObject({
      sdSource: "maximum",
      sd: 50,
      target: 367,
      collected: 3,
    });
    expect(byCode.get("C12")).toMatchObject({ sdSource: "maximum", target: 385, collected: 1 });
    expect(byCode.get("C21")).toMatchObject({ target: 20, collected: 2 });
  });

  it("refuses out-of-scope units, unknown ones, future quarters and anonymous callers", async () => {
    expectProblem(await plansOf(env, `period=${PLAN_PERIOD}&orgUnit=D1`, tokens["leader-s1"]), 403);
    expectProblem(await plansOf(env, `period=${PLAN_PERIOD}&orgUnit=NOPE`, tokens.admin), 404);
    const future = await plansOf(env, "period=2099Q1&orgUnit=D1", tokens.admin);
    expect(expectProblem(future, 422).errors?.[0]?.path).toBe("query.period");
    expectProblem(await plansOf(env, `period=${PLAN_PERIOD}&orgUnit=D1`), 401);
    const unknown = await call(
      env.baseUrl,
      "GET",
      `/api/v1/surveys/nosuch/sample-plans?period=${PLAN_PERIOD}&orgUnit=D1`,
      { token: tokens.admin },
    );
    expect(expectProblem(unknown, 404).detail).toContain("nosuch");
  });

  it("documents the route in the OpenAPI schema", async () => {
    const doc = await call(env.baseUrl, "GET", "/api/v1/openapi.json");
    expect(doc.status).toBe(200);
    expect(doc.body.paths["/api/v1/surveys/{id}/sample-plans"]?.get).toBeDefined();
    expect(doc.body.components.schemas.SamplePlans).toBeDefined();
  });

  it("shows the progress on the leader's dashboard, least progress first", async () => {
    const page = await fetch(`${env.baseUrl}/dashboard/D1?period=${PLAN_PERIOD}`, {
      headers: { authorization: `Bearer ${tokens["leader-d1"]}` },
    });
    expect(page.status).toBe(200);
    const html = await page.text();
    const card = /<section[^>]*data-testid="sample-plan"[^>]*>/.exec(html)?.[0] ?? "";
    expect(card).toContain('data-communities="3"');
    expect(card).toContain('data-met="2"');
    expect(card).toContain('data-collected="93"');
    expect(card).toContain('data-target="183"');
    const bars = [...html.matchAll(/data-testid="sample-progress" data-unit="(\w+)"/g)].map(
      (m) => m[1],
    );
    expect(bars).toEqual(["C11", "C12", "C21"]); // 3/95 first, then the met ones by code
    const t = text(html);
    expect(t).toContain("3 个社区（村）中 2 个已达目标样本量；合计已收 93 / 目标 183 份");
    expect(t).toContain("已收 3 / 目标 95 份");
    expect(t).toContain("已收 70 / 目标 68 份已达标");

    const community = await fetch(`${env.baseUrl}/dashboard/C11?period=${PLAN_PERIOD}`, {
      headers: { authorization: `Bearer ${tokens["leader-d1"]}` },
    });
    const one = await community.text();
    expect(one).toContain('data-communities="1"');
    expect(text(one)).toContain("甲社区已收 3 / 目标 95 份");
  });

  it("prints the community's progress on its QR poster (the quarter of now)", async () => {
    const street = await fetch(`${env.baseUrl}/posters/satisfaction/S1`);
    expect(street.status).toBe(200);
    const t = text(await street.text());
    expect(t).toContain("本季度已收 3 份 / 目标 95 份");
    expect(t).toContain("本季度已收 70 份 / 目标 68 份");
    // A grid's poster: its responses count for its community.
    const grid = text(await (await fetch(`${env.baseUrl}/posters/satisfaction/G111`)).text());
    expect(grid).toContain("甲社区本季度已收 3 份 / 目标 95 份");
    // Another survey has no plan.
    const other = await (await fetch(`${env.baseUrl}/posters/visit/S1`)).text();
    expect(other).not.toContain("poster-progress");
  });

  it("states the plan and how many communities met it in the assessor report's methodology", async () => {
    const model = await buildReportModel(
      env.deps.engine,
      {
        orgUnitCode: "D1",
        year: 2026,
        quarter: 3,
        edition: "assessor",
        schemeId: DEFAULT_SCHEME_ID,
        scopeUnitId: null,
      },
      new Date("2026-10-05T00:00:00Z"),
    );
    expect(model.assessor?.samplePlan).toMatchObject({
      communities: 3,
      met: 2,
      collected: 93,
      target: 183,
    });
    const html = await renderReportHtml(model);
    const t = text(html);
    expect(t).toContain("（四）满意度调查抽样方案");
    expect(t).toContain("n0 = (1.96 × s ÷ 5)²");
    expect(t).toContain("n = n0 ÷ [1 + (n0 - 1) ÷ N]");
    expect(t).toContain("上季度全部 6 份有效问卷得分的标准差为 20.98");
    expect(t).toContain(
      "本季度纳入抽样的 3 个社区（村）中，2 个已达到目标样本量，1 个尚未达到；合计已收有效问卷 93 份，目标合计 183 份。",
    );
    expect(t).toContain(
      "其中 2 个按本社区（村）上季度标准差、1 个按上季度全部问卷的标准差确定目标样本量。",
    );
  });
});
