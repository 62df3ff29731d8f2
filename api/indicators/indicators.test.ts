import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_PASSWORD, seedSmallWorld } from "../../test/accounts.ts";
import { seedIndicatorWorld } from "../../test/fixtures/indicator-world.ts";
import { call, expectProblem, expectShape } from "../../test/http.ts";
import { openTestEnv, STORE_KINDS, type TestEnv } from "../../test/stores.ts";
import { IndicatorReport } from "./schema.ts";

// Expected figures are worked out by hand from INDICATORS.md over the fixture described in
// test/fixtures/indicator-world.ts (arithmetic in the comments), never taken from the engine.

type Report = ReturnType<typeof IndicatorReport.parse>;
type Unit = Report["units"][number];

/** [value, numerator, denominator, score] per indicator; `null` where there is none. */
type Row = [number | null, number | null, number | null, number | null];

function expectIndicators(unit: Unit, rows: Partial<Record<string, Row>>) {
  for (const [code, [value, numerator, denominator, score]] of Object.entries(rows) as [
    string,
    Row,
  ][]) {
    const got = unit.indicators.find((i) => i.code === code)!;
    const check = (name: string, actual: number | null, expected: number | null) => {
      if (expected === null) expect(actual, `${unit.code} ${code} ${name}`).toBeNull();
      else expect(actual, `${unit.code} ${code} ${name}`).toBeCloseTo(expected, 6);
    };
    check("value", got.value, value);
    check("numerator", got.numerator, numerator);
    check("denominator", got.denominator, denominator);
    check("score", got.score, score);
  }
}

const close = (actual: number | null | undefined, expected: number) =>
  expect(actual).toBeCloseTo(expected, 6);

describe.each(STORE_KINDS)("GET /indicators on %s", (kind) => {
  let env: TestEnv;
  let t: Awaited<ReturnType<typeof seedSmallWorld>>;
  const get = async (query: string, token = t.admin) => {
    const res = await call(env.baseUrl, "GET", `/api/v1/indicators?${query}`, { token });
    expect(res.status, res.text).toBe(200);
    return expectShape(IndicatorReport, res.body);
  };
  const unit = (r: Report, code: string) => r.units.find((u) => u.code === code)!;

  beforeAll(async () => {
    env = await openTestEnv(kind, { ADMIN_PASSWORD });
    t = await seedSmallWorld(env);
    await seedIndicatorWorld(env, t.admin);
  });
  afterAll(async () => env?.close());

  it("computes all 17 indicators of a community by hand (C11 with its grid)", async () => {
    const r = await get("period=2026Q3&orgUnit=C11");
    expect(r.period).toBe("2026Q3");
    expect(r.scheme).toEqual({ id: "369-default", version: 1 });
    expect(r.units.map((u) => u.code)).toEqual(["C11"]);
    const c11 = r.units[0]!;
    expectIndicators(c11, {
      // event/appeal reported in Q3: e1 (16:00:00Z = 00:00 +08 on 1 July), e2, a1, a2, a3, g1
      // (grid G111) = 6; proactive: e1, g1 grid_patrol, e2 iot_sensor = 3 (e0 at 15:59:59Z is Q2).
      // 3/6 = 50% → (50−20)/(60−20) = 75
      G1: [50, 3, 6, 75],
      // resolved in Q3 with a deadline: e0, e1, a1 on time, e2 late; a2 has no deadline → outside.
      // 3/4 = 75% → (75−70)/25 = 20
      G2: [75, 3, 4, 20],
      // appeals reported in Q3: a1 (30 min), a3 (exactly 60 min: ≤ limit) timely, a2 never → late.
      // 2/3 = 66.67% < floor 70 → 0
      G3: [(2 / 3) * 100, 2, 3, 0],
      // 15 responses scoring 100 and 15 scoring 75 (all items 4: (4−1)/4×100) in Q3; the Q2 one
      // (15:59:59Z on 30 June) does not count. 2625/30 = 87.5 ≥ target 85 → 100
      G4: [87.5, 2625, 30, 100],
      // service resolved in Q3: s1 12 h, s2 36 h, s4 48 h (reported in Q2): 96/3 = 32 h
      // → (120−32)/(120−24) = 91.666…
      S1: [32, 96, 3, (88 / 96) * 100],
      // first pass: s1, s2 of 3 → 66.67% → (66.67−60)/30 = 22.22…
      S2: [(2 / 3) * 100, 2, 3, ((200 / 3 - 60) / 30) * 100],
      // reported in Q3: e1, e2, a1, a2, a3, g1, s1, s2, s3 = 9; complaint a1: 1/9×1000 = 111.1‰ → 0
      S3: [1000 / 9, 1, 9, 0],
      // service reported in Q3: s1, s2, s3; online s2, s3: 66.67% → (66.67−20)/50 = 93.33…
      S4: [(2 / 3) * 100, 2, 3, ((200 / 3 - 20) / 50) * 100],
      // resolved in Q3 with a callback: a1 satisfied, s2 basically_satisfied (counts), a2
      // dissatisfied: 2/3 → 22.22…
      S5: [(2 / 3) * 100, 2, 3, ((200 / 3 - 60) / 30) * 100],
      // year to date: spent 100 (Q1) + 200 (Q2) + 300 (Q3) = 600 of 1200 allocated, against 3/4
      // of the year: (600/1200)/(3/4)×100 = 66.67% → (66.67−50)/50 = 33.33…
      R1: [(600 / 1200 / 0.75) * 100, 600, 1200, ((200 / 3 - 50) / 50) * 100],
      // population from Q3's return (10000, not Q2's 9000): 15/10000×10000 = 15 → (15−8)/10 = 70
      R2: [15, 15, 10000, 70],
      // 15/20 = 75% → (75−60)/35 = 42.857…
      R3: [75, 15, 20, (15 / 35) * 100],
      // spent in Q3 300 / resolved in Q3 (e0, e1, e2, a1, a2, s1, s2, s4) 8 = 37.5 yuan ≤ 300 → 100
      R4: [37.5, 300, 8, 100],
      // 2000/10000 = 20% → (20−5)/25 = 60
      P1: [20, 2000, 10000, 60],
      // 7/10 = 70% → (70−40)/40 = 75
      P2: [70, 7, 10, 75],
      // 300/10000 = 3% → (3−1)/4 = 50
      P3: [3, 300, 10000, 50],
      // 5000/10000 = 50% → (50−20)/40 = 75
      P4: [50, 5000, 10000, 75],
    });
    // governance (25·75 + 25·20 + 20·0 + 30·100)/100 = 53.75
    close(c11.dimensions.governance.score, 53.75);
    // service (20·91.667 + 25·22.222 + 20·0 + 15·93.333 + 20·22.222)/100 = 42.333…
    close(c11.dimensions.service.score, (20 * (275 / 3) + 45 * (200 / 9) + 15 * (280 / 3)) / 100);
    // resources (35·33.333 + 25·70 + 20·42.857 + 20·100)/100 = 57.738…
    close(c11.dimensions.resources.score, (35 * (100 / 3) + 1750 + 20 * (300 / 7) + 2000) / 100);
    // participation (30·60 + 30·75 + 20·50 + 20·75)/100 = 65.5
    close(c11.dimensions.participation.score, 65.5);
    // index (30·53.75 + 30·42.333 + 20·57.738 + 20·65.5)/100 = 53.4726… → 不合格
    close(c11.index, 53.47261904761905);
    expect(c11).toMatchObject({ grade: "不合格", complete: true, missing: [], rank: 3 });
    const status = Object.fromEntries(c11.indicators.map((i) => [i.code, i.status]));
    expect(status).toMatchObject({ G1: "amber", G2: "red", G4: "green", R4: "green", S1: "amber" });
    expect(c11.indicators.find((i) => i.code === "S1")).toMatchObject({ target: 24, floor: 120 });
    // n = 30: not insufficient; s = 12.7137 (15 deviations of ±12.5, /29), half 1.96·s/√30 = 4.5495
    expect(c11.survey).toMatchObject({ n: 30, insufficient: false, satisfactionRate: 100 });
    close(c11.survey.score, 87.5);
    close(c11.survey.scoreCi![0], 82.95046421466223);
    close(c11.survey.scoreCi![1], 92.04953578533777);
    // Wilson 30/30: centre (1 + 1.96²/60)/(1 + 1.96²/30), lower 0.886483 → 88.6483%
    close(c11.survey.satisfactionCi![0], 88.648290860952);
    close(c11.survey.satisfactionCi![1], 100);
    // 12, 36, 48 h: median 36; p90 at h = 2·0.9 = 1.8 → 36 + 0.8·12 = 45.6
    close(c11.handlingHours.median, 36);
    close(c11.handlingHours.p90, 45.6);
    expect(c11.counts.byKind).toEqual({ event: 3, appeal: 3, service: 3 });
    expect(c11.counts.byChannel).toEqual({
      hotline: 1,
      app: 1,
      wechat: 1,
      petition: 0,
      window: 1,
      online: 2,
      grid_patrol: 2,
      ai_camera: 0,
      iot_sensor: 1,
    });
    expect(r.dataAsOf.sources.fixture).toEqual({
      lastReceivedAt: "2026-10-01T01:00:00.000Z",
      maxReportedAt: "2026-09-30T10:00:00.000Z",
    });
    expect(r.dataAsOf.returns).not.toBeNull();
    expect(r.dataAsOf.surveys).not.toBeNull();
  });

  it("gives 环比 (previous quarter) and 同比 (same quarter last year) values", async () => {
    const c11 = (await get("period=2026Q3&orgUnit=C11")).units[0]!;
    const by = Object.fromEntries(c11.indicators.map((i) => [i.code, i]));
    // 2026Q2: e0 (ai_camera, 15:59:59Z on 30 June) is the only event/appeal: 1/1 = 100%.
    // 2025Q3: one hotline event: 0/1 = 0%.
    expect(by.G1).toMatchObject({ previous: 100, lastYear: 0 });
    // 2026Q2: s4 is the only service case reported, not online: 0/1 = 0%; 2025Q3 none.
    expect(by.S4).toMatchObject({ previous: 0, lastYear: null });
    // 2026Q2: (100 + 200)/1200 against 2/4 of the year = 50%; no return in 2025Q3.
    expect(by.R1).toMatchObject({ previous: 50, lastYear: null });
    // 2026Q2's return: 9 workers / 9000 residents × 10000 = 10.
    close(by.R2!.previous, 10);
    // 2026Q2: one response, overall 1 only: (1−1)/4×100 = 0.
    expect(by.G4).toMatchObject({ previous: 0, lastYear: null });
  });

  it("sums a street's numerators and denominators instead of averaging rates (S1)", async () => {
    const s1 = unit(await get("period=2026Q3&orgUnit=S1&children=true"), "S1");
    expectIndicators(s1, {
      // (3 + 2 + 2)/(6 + 3 + 3) = 58.33% — the mean of the rates would be (50+66.7+66.7)/3 = 61.1
      G1: [(7 / 12) * 100, 7, 12, ((700 / 12 - 20) / 40) * 100],
      // (3 + 3 + 3)/(4 + 3 + 3) = 90% → (90−70)/25 = 80
      G2: [90, 9, 10, 80],
      // (2 + 1 + 1)/(3 + 1 + 1) = 80% → 40
      G3: [80, 4, 5, 40],
      // (2625 + 500 + 500)/(30 + 5 + 5) = 90.625 → 100
      G4: [90.625, 3625, 40, 100],
      // (96 + 12 + 12)/(3 + 1 + 1) = 24 h, exactly the target → 100
      S1: [24, 120, 5, 100],
      S2: [80, 4, 5, ((80 - 60) / 30) * 100],
      // 1/(9 + 4 + 4) = 58.8‰ → 0
      S3: [1000 / 17, 1, 17, 0],
      S4: [80, 4, 5, 100],
      // (2 + 2 + 2)/(3 + 2 + 2) = 85.71% → (85.71−60)/30 = 85.71
      S5: [(6 / 7) * 100, 6, 7, ((600 / 7 - 60) / 30) * 100],
      // (600 + 300 + 300)/(1200 + 400 + 400) / (3/4) = 80% → 60
      R1: [80, 1200, 2000, 60],
      // (15 + 10 + 10)/(10000 + 5000 + 5000) × 10000 = 17.5 → 95
      R2: [17.5, 35, 20000, 95],
      R3: [87.5, 35, 40, (27.5 / 35) * 100],
      // (300 + 300 + 300)/(8 + 4 + 4) = 56.25 yuan → 100
      R4: [56.25, 900, 16, 100],
      P1: [30, 6000, 20000, 100],
      P2: [90, 27, 30, 100],
      // 900/20000 = 4.5% → (4.5−1)/4 = 87.5
      P3: [4.5, 900, 20000, 87.5],
      P4: [65, 13000, 20000, 100],
    });
    // governance (25·95.833 + 25·80 + 20·40 + 30·100)/100 = 81.958…
    // service (20·100 + 25·66.667 + 20·0 + 15·100 + 20·85.714)/100 = 68.810…
    // resources (35·60 + 25·95 + 20·78.571 + 20·100)/100 = 80.464…
    // participation (30·100 + 30·100 + 20·87.5 + 20·100)/100 = 97.5
    // index (30·81.958 + 30·68.810 + 20·80.464 + 20·97.5)/100 = 80.823… → 良好
    close(s1.dimensions.governance.score, 81.95833333333334);
    close(s1.dimensions.service.score, 68.8095238095238);
    close(s1.dimensions.resources.score, 80.46428571428572);
    close(s1.dimensions.participation.score, 97.5);
    close(s1.index, 80.82321428571429);
    expect(s1.grade).toBe("良好");
    // 12, 12, 12, 36, 48 h: median 12; p90 at h = 4·0.9 = 3.6 → 36 + 0.6·12 = 43.2
    close(s1.handlingHours.median, 12);
    close(s1.handlingHours.p90, 43.2);
    expect(s1.survey).toMatchObject({ n: 40, insufficient: false });
  });

  it("lists the unit first, then its children ranked among themselves; ties share a rank", async () => {
    const r = await get("period=2026Q3&orgUnit=S1&children=true");
    expect(r.units.map((u) => u.code)).toEqual(["S1", "C11", "C12", "C13"]);
    // C12 and C13 hold identical data and meet every target: index 100 each, rank 1 and 1; C11
    // (53.47) comes third, not second. S1's own rank is among S1 and S2 (80.82 > 60.575).
    expect(r.units.map((u) => u.rank)).toEqual([1, 3, 1, 1]);
    for (const code of ["C12", "C13"]) {
      const c = unit(r, code);
      expect(c).toMatchObject({ index: 100, grade: "优秀", complete: true });
      // 5 responses (the empty one does not count): shown but flagged.
      expect(c.survey).toMatchObject({ n: 5, insufficient: true, score: 100 });
    }
    const d1 = await get("period=2026Q3&orgUnit=D1&children=true");
    expect(d1.units.map((u) => [u.code, u.rank])).toEqual([
      ["D1", 1],
      ["S1", 1],
      ["S2", 2],
    ]);
    // S2: governance 100 (G1, G2 only: 50 of 100 weight, exactly half), service 81.25, resources
    // from C22's return alone: R1 (150/1000)/(3/4) = 20% → 0, R2 5/5000·10⁴ = 10 → 20, R3 50% → 0,
    // R4 150 yuan / 2 cases resolved in S2 (C21's) = 75 → 100: (0 + 25·20 + 0 + 20·100)/100 = 25;
    // participation (30·20 + 0 + 0 + 0)/100 = 6. Index (3000 + 2437.5 + 500 + 120)/100 = 60.575.
    close(unit(d1, "S2").index, 60.575);
    expect(unit(d1, "S2").grade).toBe("合格");
    // D1 = S1 + S2 summed (not averaged): index 75.1746… (computed the same way) → 合格
    close(unit(d1, "D1").index, 75.17463203463203);
    expect(unit(d1, "D1").grade).toBe("合格");
  });

  it("leaves a unit whose subtree filed no return without resources, participation and index", async () => {
    const r = await get("period=2026Q3&orgUnit=S2&children=true");
    const c21 = unit(r, "C21");
    for (const code of ["R1", "R2", "R3", "R4", "P1", "P2", "P3", "P4"]) {
      expect(c21.indicators.find((i) => i.code === code)).toMatchObject({
        value: null,
        numerator: null,
        denominator: null,
        score: null,
        status: null,
      });
    }
    expect(c21).toMatchObject({
      index: null,
      grade: null,
      rank: null,
      complete: false,
      missing: ["resources", "participation"],
      dimensions: { resources: { score: null }, participation: { score: null } },
    });
    // service: S1 24 h → 100, S2 100, S3 0‰ → 100, S4 0% → 0, S5 none: (2000+2500+2000+0)/80
    close(c21.dimensions.service.score, 81.25);
    // C22 filed a return but has no case: R4 = 150 yuan / 0 resolved → no value, never 0.
    const c22 = unit(r, "C22");
    expect(c22.indicators.find((i) => i.code === "R4")!.value).toBeNull();
    expect(c22).toMatchObject({ index: null, complete: false, missing: ["governance", "service"] });
  });

  it("puts a case at 16:00:00Z on 30 June in Q3 and one at 15:59:59Z in Q2", async () => {
    const q2 = (await get("period=2026Q2&orgUnit=C11")).units[0]!;
    expectIndicators(q2, { G1: [100, 1, 1, 100] });
    const q3 = (await get("period=2026Q3&orgUnit=C11")).units[0]!;
    expect(q3.indicators.find((i) => i.code === "G1")).toMatchObject({
      numerator: 3,
      denominator: 6,
    });
  });

  it("answers a quarter without data with no values, never zeros", async () => {
    const r = await get("period=2024Q1&orgUnit=D1&children=true");
    for (const u of r.units) {
      expect(u.indicators.every((i) => i.value === null && i.score === null)).toBe(true);
      expect(u).toMatchObject({ index: null, grade: null, rank: null, complete: false });
      expect(u.survey).toMatchObject({ n: 0, score: null, satisfactionRate: null });
      expect(u.handlingHours).toEqual({ median: null, p90: null });
    }
  });

  it("defaults to the caller's scope root and keeps callers inside their scope", async () => {
    const own = await get("period=2026Q3", t["leader-s1"]);
    expect(own.units.map((u) => u.code)).toEqual(["S1"]);
    const rq = (q: string, token = t["leader-s1"]) =>
      call(env.baseUrl, "GET", `/api/v1/indicators?${q}`, { token });
    expectProblem(await rq("period=2026Q3&orgUnit=S2"), 403);
    expectProblem(await rq("period=2026Q3&orgUnit=D1"), 403);
    expectProblem(await rq("period=2026Q3&orgUnit=NOPE"), 404);
    expectProblem(await rq("period=2026Q3&orgUnit=C11&scheme=nope"), 404);
    expectProblem(await rq("period=2026Q3&orgUnit=C11&schemeVersion=9"), 404);
    for (const bad of ["2026Q5", "2026-Q3", "26Q3", "Q3", "1999Q4"]) {
      expectProblem(await rq(`period=${bad}&orgUnit=C11`), 400);
    }
    expectProblem(await rq("period=2026Q3&orgUnit=bad!code"), 422);
    expectProblem(await call(env.baseUrl, "GET", "/api/v1/indicators?period=2026Q3"), 401);
  });

  it("reflects an ingested case in the next answer (cache keyed on data versions)", async () => {
    const before = (await get("period=2026Q3&orgUnit=C22")).units[0]!;
    expect(before.indicators.find((i) => i.code === "G1")!.value).toBeNull();
    await get("period=2026Q3&orgUnit=C22"); // warm
    const ingest = await call(env.baseUrl, "POST", "/api/v1/cases/batch", {
      token: t.admin,
      json: {
        cases: [
          {
            source: "platform",
            externalId: "late-1",
            orgUnit: "C22",
            kind: "event",
            channel: "iot_sensor",
            reportedAt: "2026-08-01T08:00:00+08:00",
          },
        ],
      },
    });
    expect(ingest.status, ingest.text).toBe(200);
    expect(ingest.body).toMatchObject({ inserted: 1 });
    const after = (await get("period=2026Q3&orgUnit=C22")).units[0]!;
    // 1 proactive of 1 event: 100%
    expect(after.indicators.find((i) => i.code === "G1")).toMatchObject({
      value: 100,
      numerator: 1,
      denominator: 1,
    });
    // S2 (its street) follows too: G1 (1 + 1)/(1 + 1) = 100%, S3 denominator 2 + 1 = 3.
    const s2 = (await get("period=2026Q3&orgUnit=S2")).units[0]!;
    expect(s2.indicators.find((i) => i.code === "S3")!.denominator).toBe(3);
  });
});
