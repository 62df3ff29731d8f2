import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedSmallWorld } from "../../test/accounts.ts";
import { call, expectProblem, expectShape } from "../../test/http.ts";
import { openTestEnv, STORE_KINDS, type TestEnv } from "../../test/stores.ts";
import { dataQualityFindings } from "./queries.ts";
import { modifiedZScores } from "./rules.ts";
import { DataQualityReport } from "./schema.ts";

describe("modifiedZScores", () => {
  it.each([
    // median 12, |deviations| 2 0 1 1 88 → MAD 1 (checked with Python's statistics.median)
    [
      [10, 12, 11, 13, 100],
      [-1.349, 0, -0.6745, 0.6745, 59.356],
    ],
    // even n: median 2.5, |deviations| 1.5 0.5 0.5 1.5 → MAD 1
    [
      [1, 2, 3, 4],
      [-1.01175, -0.33725, 0.33725, 1.01175],
    ],
  ])("%j → %j", (values, expected) => {
    const zs = modifiedZScores(values);
    zs.forEach((z, i) => {
      expect(z).toBeCloseTo(expected[i]!, 3);
    });
  });

  it("gives null when MAD is 0 or there are too few values", () => {
    expect(modifiedZScores([20, 20, 20, 200])).toEqual([null, null, null, null]);
    expect(modifiedZScores([1, 5, 9])).toEqual([null, null, null]);
    expect(modifiedZScores([])).toEqual([]);
  });
});

const HOUR = 3600_000;
const Q2 = Date.parse("2026-05-10T09:00:00+08:00");
const Q1 = Date.parse("2026-02-10T09:00:00+08:00");

describe.each(STORE_KINDS)("data-quality findings on %s", (kind) => {
  let env: TestEnv;
  let t: Awaited<ReturnType<typeof seedSmallWorld>>;
  let seq = 0;
  const dq = (token: string, query: string) =>
    call(env.baseUrl, "GET", `/api/v1/data-quality${query}`, { token });

  /** `n` cases filed on `code`, reported at `at`, resolved `hours` later (or never). */
  async function cases(
    code: string,
    n: number,
    at: number,
    opts: { hours?: number; deadline?: boolean } = {},
  ) {
    const unit = await env.store.db
      .selectFrom("org_unit")
      .select("id")
      .where("code", "=", code)
      .executeTakeFirstOrThrow();
    const rows = Array.from({ length: n }, () => ({
      source: "platform-a",
      external_id: `dq-${++seq}`,
      org_unit_id: unit.id,
      kind: "event" as const,
      channel: "hotline" as const,
      category: null,
      reported_at: new Date(at),
      responded_at: null,
      resolved_at: opts.hours === undefined ? null : new Date(at + opts.hours * HOUR),
      deadline_at: opts.deadline === false ? null : new Date(at + 240 * HOUR),
      first_pass: false,
      complaint: false,
      online: false,
      callback: null,
    }));
    await env.store.db.insertInto("case_record").values(rows).execute();
  }

  beforeAll(async () => {
    env = await openTestEnv(kind, { ADMIN_PASSWORD: "admin-pass-369" });
    t = await seedSmallWorld(env);
    const units = [
      ...["C13", "C14", "C15"].map((code) => ({ code, parentCode: "S1" })),
      ...["C22", "C23", "C24", "C25"].map((code) => ({ code, parentCode: "S2" })),
    ].map((u) => ({ ...u, name: `${u.code}社区`, level: "community" }));
    const put = await call(env.baseUrl, "PUT", "/api/v1/org-units", {
      token: t.admin,
      json: { units },
    });
    expect(put.status, put.text).toBe(200);
    for (const code of ["C11", "C12", "C13", "C14", "C15", "C21", "C22"]) {
      const res = await call(env.baseUrl, "PUT", `/api/v1/returns/${code}/2026Q2`, {
        token: t.admin,
        json: { population: 1000 },
      });
      expect(res.status, res.text).toBe(200);
    }
    // S1: mean handling hours 10 (on the grid, rolled up to C11), 12, 11, 13 and 100.
    await cases("G111", 3, Q2, { hours: 10 });
    await cases("G111", 2, Q2, { hours: 10, deadline: false });
    await cases("C12", 5, Q2, { hours: 12 });
    await cases("C13", 5, Q2, { hours: 11 });
    await cases("C14", 5, Q2, { hours: 13 });
    await cases("C15", 5, Q2, { hours: 100 });
    // S2: three at 20 h and one at 200 h: MAD = 0, so no outlier is claimed.
    await cases("C21", 5, Q2, { hours: 20, deadline: false });
    await cases("C22", 5, Q2, { hours: 20 });
    await cases("C23", 5, Q2, { hours: 20 });
    await cases("C24", 5, Q2, { hours: 200 });
    // Volume against 2026Q1: C12 12 → 5, C13 10 → 5 (exactly half: not flagged), C14 3 → 5
    // (base too small), C21 20 → 5, C22 10 → 16, C25 10 → 0.
    await cases("C12", 12, Q1);
    await cases("C13", 10, Q1);
    await cases("C14", 3, Q1);
    await cases("C21", 20, Q1);
    await cases("C22", 10, Q1);
    await cases("C22", 11, Q2);
    await cases("C25", 10, Q1);
    const now = Date.now();
    await env.store.db
      .insertInto("source_freshness")
      .values([
        {
          source: "platform-a",
          last_received_at: new Date(now - 10 * 24 * HOUR),
          max_reported_at: null,
        },
        {
          source: "platform-b",
          last_received_at: new Date(now - 24 * HOUR),
          max_reported_at: null,
        },
      ])
      .execute();
  });
  afterAll(async () => env?.close());

  const brief = (r: {
    findings: { orgUnit: string | null; rule: string; severity: string; figure: number | null }[];
  }) =>
    r.findings.map((f) => [
      f.severity,
      f.rule,
      f.orgUnit,
      f.figure === null ? null : Math.round(f.figure * 100) / 100,
    ]);

  it("finds exactly the planted problems for the district", async () => {
    const res = await dq(t["leader-d1"], "?period=2026Q2&orgUnit=D1");
    expect(res.status, res.text).toBe(200);
    const report = expectShape(DataQualityReport, res.body);
    expect(report).toMatchObject({ period: "2026Q2", orgUnit: "D1", silentDays: 7 });
    expect(brief(report)).toEqual([
      ["high", "return_missing", "C23", null],
      ["high", "return_missing", "C24", null],
      ["high", "return_missing", "C25", null],
      ["high", "source_silent", null, 10],
      ["high", "case_volume_change", "C25", -100],
      ["high", "deadline_missing", "C21", 5],
      ["medium", "case_volume_change", "C12", -58.33],
      ["medium", "case_volume_change", "C21", -75],
      ["medium", "case_volume_change", "C22", 60],
      ["medium", "handling_time_outlier", "C15", 100],
      ["medium", "deadline_missing", "C11", 2],
    ]);
    const outlier = report.findings.find((f) => f.rule === "handling_time_outlier")!;
    expect(outlier).toMatchObject({ orgUnitName: "C15社区" });
    expect(outlier.message).toContain("100.0 小时");
    expect(outlier.message).toContain("中位数 12.0");
    expect(report.findings.find((f) => f.rule === "source_silent")!.message).toContain(
      "platform-a",
    );
  });

  it("limits findings to the subtree, judging outliers against siblings whatever the root", async () => {
    const s1 = expectShape(DataQualityReport, (await dq(t["clerk-s1"], "?period=2026Q2")).body);
    expect(s1.orgUnit).toBe("S1");
    expect(brief(s1)).toEqual([
      ["high", "source_silent", null, 10],
      ["medium", "case_volume_change", "C12", -58.33],
      ["medium", "handling_time_outlier", "C15", 100],
      ["medium", "deadline_missing", "C11", 2],
    ]);
    const c15 = expectShape(
      DataQualityReport,
      (await dq(t.admin, "?period=2026Q2&orgUnit=C15&silentDays=14")).body,
    );
    expect(brief(c15)).toEqual([["medium", "handling_time_outlier", "C15", 100]]);
  });

  it("rates missing returns low while the quarter runs", async () => {
    const q4 = await dataQualityFindings(env.store.db, {
      period: { year: 2026, quarter: 4 },
      rootUnitId: null,
      silentDays: 30,
      now: new Date("2026-11-23T12:00:00+08:00"),
    });
    expect(q4.every((f) => f.rule === "return_missing" && f.severity === "low")).toBe(true);
    expect(q4.map((f) => f.orgUnit)).toEqual([
      "C11",
      "C12",
      "C13",
      "C14",
      "C15",
      "C21",
      "C22",
      "C23",
      "C24",
      "C25",
    ]);
  });

  it("checks the query, the role and the scope", async () => {
    for (const q of ["?period=2026Q5", "?period=2026-2", "", "?period=2026Q2&silentDays=0"]) {
      expectProblem(await dq(t.admin, q), 422);
    }
    expectProblem(await dq(t["clerk-s1"], "?period=2026Q2&orgUnit=C21"), 403);
    expectProblem(await dq(t.admin, "?period=2026Q2&orgUnit=NOPE"), 404);
    expectProblem(await call(env.baseUrl, "GET", "/api/v1/data-quality?period=2026Q2"), 401);
    const key = await call(env.baseUrl, "POST", "/api/v1/api-keys", {
      token: t.admin,
      json: { name: "dq-platform", orgUnit: "D1" },
    });
    expectProblem(await dq(key.body.key, "?period=2026Q2"), 403);
    expect((await dq(t["assessor-d1"], "?period=2026Q2")).status).toBe(200);
  });

  it("sees cases that arrive after an answer was cached", async () => {
    const deadlineFindings = async () =>
      brief((await dq(t["leader-d1"], "?period=2026Q2&orgUnit=S2")).body).filter(
        (f) => f[1] === "deadline_missing",
      );
    // Twice: the second answer comes from the cache.
    expect(await deadlineFindings()).toEqual([["high", "deadline_missing", "C21", 5]]);
    expect(await deadlineFindings()).toEqual([["high", "deadline_missing", "C21", 5]]);
    const batch = await call(env.baseUrl, "POST", "/api/v1/cases/batch", {
      token: t.admin,
      json: {
        cases: [1, 2, 3].map((i) => ({
          source: "platform-c",
          externalId: `late-${i}`,
          orgUnit: "C23",
          kind: "event",
          channel: "hotline",
          reportedAt: "2026-05-20T09:00:00+08:00",
          resolvedAt: "2026-05-20T19:00:00+08:00",
        })),
      },
    });
    expect(batch.status, batch.text).toBe(200);
    expect(batch.body.inserted).toBe(3);
    expect(await deadlineFindings()).toEqual([
      ["high", "deadline_missing", "C21", 5],
      // 3 of C23's 8 resolved cases: 37.5%, medium.
      ["medium", "deadline_missing", "C23", 3],
    ]);
  });
});
