import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_PASSWORD, login, seedSmallWorld } from "../../test/accounts.ts";
import {
  APPEAL_PERIOD,
  HX_CASES,
  hx,
  hxBatch,
  IN_WINDOW,
  seedAppealWorld,
} from "../../test/fixtures/appeal-world.ts";
import { call, expectShape } from "../../test/http.ts";
import { openTestEnv, STORE_KINDS, type TestEnv } from "../../test/stores.ts";
import { IndicatorReport } from "../indicators/schema.ts";
import { Appeal } from "./schema.ts";

// Exemption (核减) moves the figures exactly as INDICATORS.md says: an exempt case leaves every
// numerator and denominator. Expected values are worked out by hand over the cases listed in
// test/fixtures/appeal-world.ts (arithmetic in the comments), never taken from the engine.

type Unit = ReturnType<typeof IndicatorReport.parse>["units"][number];
/** [value, numerator, denominator, score] */
type Row = [number | null, number, number, number | null];

function expectRows(unit: Unit, rows: Record<string, Row>) {
  for (const [code, [value, num, den, score]] of Object.entries(rows)) {
    const got = unit.indicators.find((i) => i.code === code)!;
    const at = `${unit.code} ${code}`;
    if (value === null) expect(got.value, at).toBeNull();
    else expect(got.value, `${at} value`).toBeCloseTo(value, 6);
    expect(got.numerator, `${at} numerator`).toBeCloseTo(num, 6);
    expect(got.denominator, `${at} denominator`).toBeCloseTo(den, 6);
    if (score === null) expect(got.score, `${at} score`).toBeNull();
    else expect(got.score, `${at} score`).toBeCloseTo(score, 6);
  }
}

describe.each(STORE_KINDS)("exemption by an approved appeal on %s", (kind) => {
  let env: TestEnv;
  let t: Awaited<ReturnType<typeof seedSmallWorld>>;
  let clerkC11: string;
  let approvedId: number;

  const units = async () => {
    const res = await call(
      env.baseUrl,
      "GET",
      `/api/v1/indicators?period=${APPEAL_PERIOD}&orgUnit=S1&children=true`,
      { token: t.admin },
    );
    expect(res.status, res.text).toBe(200);
    const r = expectShape(IndicatorReport, res.body);
    const by = (code: string) => r.units.find((u) => u.code === code)!;
    return { c11: by("C11"), c12: by("C12"), s1: by("S1") };
  };

  beforeAll(async () => {
    env = await openTestEnv(kind, { ADMIN_PASSWORD }, { now: () => IN_WINDOW });
    t = await seedSmallWorld(env);
    const user = await call(env.baseUrl, "POST", "/api/v1/users", {
      token: t.admin,
      json: { username: "clerk-c11", role: "clerk", orgUnit: "C11", password: "password-369" },
    });
    expect(user.status, user.text).toBe(201);
    clerkC11 = await login(env, "clerk-c11", "password-369");
    await seedAppealWorld(env, t.admin);
  });
  afterAll(async () => env?.close());

  it("counts every case before any decision (hand-computed)", async () => {
    const { c11, s1 } = await units();
    expectRows(c11, {
      // event/appeal reported in Q: e1 e2 e3 a1 a2 a3, none proactive: 0/6
      G1: [0, 0, 6, 0],
      // event/appeal resolved in Q with a deadline: e1 (on time) e2 (late) e3 (late) a1 (on
      // time): 2/4 = 50% < floor 70 → 0
      G2: [50, 2, 4, 0],
      // appeals reported in Q: a1 (30 min) timely; a2 never, a3 90 min: 1/3
      G3: [100 / 3, 1, 3, 0],
      // service resolved in Q: 10 + 50 + 20 = 80 h over 3 = 26.667 h; ↓ (120 − 26.667)/96
      S1: [80 / 3, 80, 3, ((120 - 80 / 3) / 96) * 100],
      // complaints e3, a3 among 9 reported: 222.2‰ > floor 30 → 0
      S3: [2000 / 9, 2, 9, 0],
    });
    // 10, 20, 50 h: median 20
    expect(c11.handlingHours.median).toBeCloseTo(20, 6);
    expectRows(s1, {
      // + C12: x1, x2 on time → 4/6
      G2: [(4 / 6) * 100, 4, 6, 0],
      // + x2 timely → 2/4
      G3: [50, 2, 4, 0],
      // + x3 30 h → 110 h / 4 = 27.5 h → (120 − 27.5)/96
      S1: [27.5, 110, 4, ((120 - 27.5) / 96) * 100],
      // + x2 complaint among 3 → 3/12 = 250‰
      S3: [250, 3, 12, 0],
    });
  });

  it("approving an appeal moves G2, G3, S1 and S3 of the community and its street at once", async () => {
    const filed = await call(env.baseUrl, "POST", "/api/v1/appeals", {
      token: clerkC11,
      json: {
        orgUnit: "C11",
        period: APPEAL_PERIOD,
        cases: hx("e3", "a2", "s2"),
        reason: "not_our_duty",
        note: "非本社区职责",
      },
    });
    expect(filed.status, filed.text).toBe(201);
    approvedId = filed.body.id;
    const rejected = await call(env.baseUrl, "POST", "/api/v1/appeals", {
      token: clerkC11,
      json: { orgUnit: "C11", period: APPEAL_PERIOD, cases: hx("a3"), reason: "duplicate" },
    });
    expect(rejected.status, rejected.text).toBe(201);
    // Pending appeals change nothing (and the engine has the figures cached from the last test).
    expect((await units()).c11.indicators.find((i) => i.code === "G2")!.denominator).toBe(4);

    const no = await call(env.baseUrl, "POST", `/api/v1/appeals/${rejected.body.id}/decision`, {
      token: t["leader-s1"],
      json: { decision: "rejected", note: "理由不充分" },
    });
    expect(no.status, no.text).toBe(200);
    const yes = await call(env.baseUrl, "POST", `/api/v1/appeals/${approvedId}/decision`, {
      token: t["leader-s1"],
      json: { decision: "approved", note: "同意核减" },
    });
    expect(yes.status, yes.text).toBe(200);
    const appeal = expectShape(Appeal, yes.body);
    // in the order they were reported
    expect(appeal.cases.map((c) => [c.externalId, c.exempt])).toEqual([
      ["s2", true],
      ["e3", true],
      ["a2", true],
    ]);

    const { c11, c12, s1 } = await units();
    expectRows(c11, {
      // e3, a2 leave: e1 e2 a1 a3 → 0/4
      G1: [0, 0, 4, 0],
      // e3 leaves: e1 (on time) e2 (late) a1 (on time) → 2/3 = 66.67% < 70 → 0
      G2: [(2 / 3) * 100, 2, 3, 0],
      // a2 leaves: a1 timely, a3 late (rejected appeal: still counts) → 1/2
      G3: [50, 1, 2, 0],
      // s2 (50 h) leaves: 10 + 20 = 30 h over 2 = 15 h ≤ target 24 → 100
      S1: [15, 30, 2, 100],
      // e3's complaint leaves with e3; a3's stays: 1 of 6 reported = 166.67‰
      S3: [1000 / 6, 1, 6, 0],
    });
    // 10, 20 h: median 15 (the exempt 50 h leaves the percentiles too)
    expect(c11.handlingHours.median).toBeCloseTo(15, 6);
    expect(c11.counts.byKind).toEqual({ event: 2, appeal: 2, service: 2 });
    // C12 untouched
    expectRows(c12, {
      G2: [100, 2, 2, 100],
      G3: [100, 1, 1, 100],
      S1: [30, 30, 1, ((120 - 30) / 96) * 100],
    });
    expectRows(s1, {
      // 2/3 + 2/2 → 4/5 = 80% → (80 − 70)/25 = 40
      G2: [80, 4, 5, 40],
      // 1/2 + 1/1 → 2/3 = 66.67% < 70 → 0
      G3: [(2 / 3) * 100, 2, 3, 0],
      // 30 + 30 = 60 h over 3 = 20 h → 100
      S1: [20, 60, 3, 100],
      // 1 + 1 complaints among 6 + 3 = 9 reported: 222.2‰
      S3: [2000 / 9, 2, 9, 0],
    });
  });

  it("keeps the exemption when the platform sends the cases again, changed or not", async () => {
    const again = await call(env.baseUrl, "POST", "/api/v1/cases/batch", {
      token: t.admin,
      json: hxBatch(
        HX_CASES.filter((c) => ["e3", "a2", "s2"].includes(c.id)),
        {
          category: "重发",
        },
      ),
    });
    expect(again.status, again.text).toBe(200);
    expect(again.body.updated).toBe(3);
    const same = await call(env.baseUrl, "POST", "/api/v1/cases/batch", {
      token: t.admin,
      json: hxBatch(
        HX_CASES.filter((c) => ["e3", "a2", "s2"].includes(c.id)),
        {
          category: "重发",
        },
      ),
    });
    expect(same.status, same.text).toBe(200);
    expect(same.body.unchanged).toBe(3);
    const { c11, s1 } = await units();
    expectRows(c11, { G2: [(2 / 3) * 100, 2, 3, 0], G3: [50, 1, 2, 0], S1: [15, 30, 2, 100] });
    expectRows(s1, { S3: [2000 / 9, 2, 9, 0] });
    const listed = await call(env.baseUrl, "GET", `/api/v1/appeals/${approvedId}`, {
      token: t.admin,
    });
    expect(listed.body.cases.every((c: { exempt: boolean }) => c.exempt)).toBe(true);
  });
});
