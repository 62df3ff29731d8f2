import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { responseScore, type SurveyAnswers } from "../../../metrics/index.ts";
import { quarterOf } from "../../../shapes/periods.ts";
import { ADMIN_PASSWORD, seedSmallWorld } from "../../../test/accounts.ts";
import { call, expectProblem } from "../../../test/http.ts";
import { openTestEnv, STORE_KINDS, type TestEnv } from "../../../test/stores.ts";
import { insertResponses, type ResponseWrite } from "../queries.ts";
import { detectSurveyFlags } from "./signals.ts";

// Issue 22, stuffing signals: each signal on a hand-built fixture of 2026Q2 responses beside a
// clean one that must not fire; G4 moves only when an assessor confirms; the counts in the
// survey statistics, the data-quality findings and the assessor workbook.

type Kind = "repeat_client" | "straight_line" | "burst";

describe.each(STORE_KINDS)("survey stuffing flags on %s", (kind) => {
  let env: TestEnv;
  let tokens: Awaited<ReturnType<typeof seedSmallWorld>>;
  const units = new Map<string, number>();
  /** The fixture's response ids that each signal must flag, and no other. */
  const expected: Record<Kind, string[]> = { repeat_client: [], straight_line: [], burst: [] };
  const burstIds: string[] = [];

  const rows: ResponseWrite[] = [];
  const add = (
    unit: string,
    at: string,
    answers: Partial<Record<keyof SurveyAnswers, number>>,
    opts: { mode?: "self" | "assisted"; hash?: string; by?: string } = {},
  ) => {
    const submittedAt = new Date(at);
    const id = crypto.randomUUID();
    rows.push({
      id,
      surveyId: "satisfaction",
      surveyVersion: 1,
      orgUnitId: units.get(unit)!,
      submittedAt,
      mode: opts.mode ?? "self",
      answers,
      score: responseScore(answers as SurveyAnswers),
      overall: answers.overall ?? null,
      ageBand: null,
      comment: null,
      clientHash: opts.hash ?? null,
      enteredBy: opts.by ?? null,
      quarter: quarterOf(submittedAt),
    });
    return id;
  };
  const varied = (i: number) => ({ overall: (i % 5) + 1, timeliness: ((i + 2) % 5) + 1 });
  const day = (d: string, minute: number) =>
    `${d}T${String(9 + Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}:00+08:00`;
  /** The Beijing dates from `first`, `n` of them, as YYYY-MM-DD. */
  const dates = (first: string, n: number) =>
    Array.from({ length: n }, (_, k) =>
      new Date(Date.parse(`${first}T00:00:00Z`) + k * 86_400_000).toISOString().slice(0, 10),
    );

  beforeAll(async () => {
    env = await openTestEnv(kind, { ADMIN_PASSWORD, SURVEY_RATE_LIMIT: "0" });
    tokens = await seedSmallWorld(env);
    for (const u of await env.store.db.selectFrom("org_unit").select(["id", "code"]).execute()) {
      units.set(u.code, u.id);
    }
    // Repeat client: 4 self-filled from one client for C11 on 10 May (> 3) fire; 3 from another
    // client that day, 2 + 2 on two days for C12, and 5 assisted ones from a clerk's device do not.
    for (let i = 0; i < 4; i++) {
      expected.repeat_client.push(
        add("C11", day("2026-05-10", i), varied(i), { hash: "h-repeat" }),
      );
    }
    for (let i = 0; i < 3; i++) add("C11", day("2026-05-10", 10 + i), varied(i), { hash: "h-ok" });
    for (const d of ["2026-05-10", "2026-05-11"]) {
      for (let i = 0; i < 2; i++) add("C12", day(d, i), varied(i), { hash: "h-split" });
    }
    for (let i = 0; i < 5; i++) {
      add("C11", day("2026-05-10", 20 + i), varied(i), {
        mode: "assisted",
        hash: "h-clerk",
        by: "clerk-v",
      });
    }
    // Straight-lining: clerk-x enters 10 forms all 5s on 12 May (fires); clerk-y 10 flat of 12
    // (83% < 90%), clerk-z 9 flat (< 10), clerk-w 10 with the overall item only (< 4 items) do not.
    const flat = (v: number) => ({
      overall: v,
      timeliness: v,
      effectiveness: v,
      transparency: v,
      attitude: v,
    });
    const as = (by: string) => ({ mode: "assisted" as const, by });
    for (let i = 0; i < 10; i++) {
      expected.straight_line.push(add("C12", day("2026-05-12", i), flat(5), as("clerk-x")));
    }
    for (let i = 0; i < 10; i++) add("G111", day("2026-05-12", i), flat(4), as("clerk-y"));
    for (let i = 0; i < 2; i++) add("G111", day("2026-05-12", 30 + i), varied(i), as("clerk-y"));
    for (let i = 0; i < 9; i++) add("C11", day("2026-05-12", i), flat(3), as("clerk-z"));
    for (let i = 0; i < 10; i++) add("C11", day("2026-05-13", i), { overall: 5 }, as("clerk-w"));
    // Burst: C21 has 1 a day on 20 of the 28 days before 17 June (median 1) and 25 on 17 June:
    // 25 ≥ 20 and > 5 × 1, fires. C12 has 5 a day on all 28 (median 5) and 24 on 17 June
    // (≤ 25: quiet); C11 has 19 on 17 June and nothing before (< 20).
    const baseline = dates("2026-05-20", 28);
    expect(baseline[27]).toBe("2026-06-16");
    for (const d of baseline.slice(0, 20)) add("C21", day(d, 0), { overall: 5 });
    for (let i = 0; i < 25; i++) burstIds.push(add("C21", day("2026-06-17", i), { overall: 1 }));
    expected.burst.push(...burstIds);
    for (const d of baseline) for (let i = 0; i < 5; i++) add("C12", day(d, i), varied(i));
    for (let i = 0; i < 24; i++) add("C12", day("2026-06-17", i), varied(i));
    for (let i = 0; i < 19; i++) add("C11", day("2026-06-17", i), varied(i));
    const inserted = await insertResponses(env.store.db, rows);
    expect(inserted.size).toBe(rows.length);
  });
  afterAll(async () => {
    await env?.close();
  });

  const g4 = async (orgUnit: string) => {
    const res = await call(
      env.baseUrl,
      "GET",
      `/api/v1/indicators?period=2026Q2&orgUnit=${orgUnit}`,
      {
        token: tokens["assessor-d1"],
      },
    );
    expect(res.status, res.text).toBe(200);
    const i = res.body.units[0].indicators.find((x: { code: string }) => x.code === "G4");
    return [i.value, i.numerator, i.denominator, i.score] as (number | null)[];
  };
  const expectG4 = (got: (number | null)[], want: number[]) => {
    expect(got).toHaveLength(4);
    for (const [k, w] of want.entries()) expect(got[k]).toBeCloseTo(w, 9);
  };
  const decide = (token: string, responseIds: string[], decision: "confirmed" | "dismissed") =>
    call(env.baseUrl, "POST", "/api/v1/survey-flags/decision", {
      token,
      json: { responseIds, decision },
    });

  it("raises each signal on its fixture and on nothing else, once", async () => {
    // C21 in 2026Q2: 20 responses scoring 100 (overall 5) and 25 scoring 0 (overall 1):
    // 2000 / 45 = 44.44… < floor 60 → score 0.
    expectG4(await g4("C21"), [2000 / 45, 2000, 45, 0]);
    expectProblem(
      await call(env.baseUrl, "POST", "/api/v1/survey-flags/detect", {
        token: tokens["leader-d1"],
        json: { period: "2026Q2" },
      }),
      403,
    );
    const res = await call(env.baseUrl, "POST", "/api/v1/survey-flags/detect", {
      token: tokens["assessor-d1"],
      json: { period: "2026Q2" },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.raised).toEqual({ repeat_client: 4, straight_line: 10, burst: 25 });
    const flags = await env.store.db
      .selectFrom("survey_flag")
      .select(["response_id", "kind", "status"])
      .execute();
    for (const k of ["repeat_client", "straight_line", "burst"] as const) {
      const got = flags.filter((f) => f.kind === k).map((f) => f.response_id);
      expect(got.sort(), k).toEqual([...expected[k]].sort());
    }
    expect(new Set(flags.map((f) => f.status))).toEqual(new Set(["open"]));
    // Idempotent: a second pass raises nothing.
    const again = await detectSurveyFlags(env.store.db, {
      from: new Date("2026-04-01T00:00:00+08:00"),
      to: new Date("2026-06-30T12:00:00+08:00"),
    });
    expect(again).toEqual({ repeat_client: 0, straight_line: 0, burst: 0 });
    // Open flags change nothing.
    expectG4(await g4("C21"), [2000 / 45, 2000, 45, 0]);
  });

  it("moves G4 only when an assessor confirms, scoped and audited", async () => {
    expectProblem(await decide(tokens["leader-d1"], burstIds, "confirmed"), 403);
    expectProblem(await decide(tokens["clerk-s1"], burstIds, "confirmed"), 403);
    // admin-s2's scope is S2: C21's responses are in it, C12's are not.
    const outside = expectProblem(
      await decide(tokens["admin-s2"], expected.straight_line.slice(0, 1), "confirmed"),
      403,
    );
    expect(outside.detail).toContain("C12");
    // A response without a flag cannot be decided.
    const unflagged = rows.find((r) => !Object.values(expected).flat().includes(r.id))!.id;
    expectProblem(await decide(tokens["assessor-d1"], [unflagged], "confirmed"), 404);
    expectG4(await g4("C21"), [2000 / 45, 2000, 45, 0]);

    const ok = await decide(tokens["assessor-d1"], burstIds, "confirmed");
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body).toEqual({ decided: 25 });
    // Without the 25 confirmed: 20 responses scoring 100 → G4 100, score 100.
    expectG4(await g4("C21"), [100, 2000, 20, 100]);
    // S2 holds only C21: its G4 moved too (subtree sums).
    expectG4(await g4("S2"), [100, 2000, 20, 100]);

    // Five dismissed again count again: 2000 / 25 = 80 → (80 − 60) / (85 − 60) × 100 = 80.
    const back = await decide(tokens["admin-s2"], burstIds.slice(0, 5), "dismissed");
    expect(back.status, back.text).toBe(200);
    expectG4(await g4("C21"), [80, 2000, 25, 80]);

    const audit = await env.store.db
      .selectFrom("audit_log")
      .select(["actor", "status", "target"])
      .where("action", "=", "surveyFlags.decide")
      .orderBy("id")
      .execute();
    expect(audit.filter((a) => a.status === 200).map((a) => [a.actor, a.target])).toEqual([
      ["assessor-d1", "survey-flags: detect 2026Q2"],
      ["assessor-d1", "survey-flags: confirmed 25"],
      ["admin-s2", "survey-flags: dismissed 5"],
    ]);
    // The refusals are recorded too (leader, clerk, out of scope, no flag).
    expect(audit.filter((a) => a.status !== 200).map((a) => a.status)).toEqual([
      403, 403, 403, 403, 404,
    ]);
  });

  it("counts flags in the survey statistics and the flag list", async () => {
    const stats = async (orgUnit: string) => {
      const res = await call(
        env.baseUrl,
        "GET",
        `/api/v1/surveys/satisfaction/stats?period=2026Q2&orgUnit=${orgUnit}`,
        { token: tokens["assessor-d1"] },
      );
      expect(res.status, res.text).toBe(200);
      return res.body;
    };
    const c21 = await stats("C21");
    // 45 stored, 20 confirmed: n 25.
    expect(c21.n).toBe(25);
    expect(c21.flags).toEqual({
      flagged: 25,
      open: 0,
      confirmed: 20,
      dismissed: 5,
      byKind: { repeat_client: 0, straight_line: 0, burst: 25 },
    });
    const d1 = await stats("D1");
    expect(d1.flags).toEqual({
      flagged: 39,
      open: 14,
      confirmed: 20,
      dismissed: 5,
      byKind: { repeat_client: 4, straight_line: 10, burst: 25 },
    });
    const list = await call(
      env.baseUrl,
      "GET",
      "/api/v1/survey-flags?period=2026Q2&orgUnit=S1&status=open",
      { token: tokens["assessor-d1"] },
    );
    expect(list.status, list.text).toBe(200);
    expect(list.body.counts).toMatchObject({ flagged: 14, open: 14, confirmed: 0 });
    expect(list.body.responses).toHaveLength(14);
    const byKind = (k: string) =>
      list.body.responses
        .filter((r: { kinds: string[] }) => r.kinds.includes(k))
        .map((r: { id: string }) => r.id)
        .sort();
    expect(byKind("repeat_client")).toEqual([...expected.repeat_client].sort());
    expect(byKind("straight_line")).toEqual([...expected.straight_line].sort());
    expect(list.body.responses[0]).toMatchObject({ orgUnit: "C11", status: "open", mode: "self" });
  });

  it("lists the flags as data-quality findings and in the assessor workbook", async () => {
    const dq = await call(env.baseUrl, "GET", "/api/v1/data-quality?period=2026Q2&orgUnit=D1", {
      token: tokens["assessor-d1"],
    });
    expect(dq.status, dq.text).toBe(200);
    const found = dq.body.findings
      .filter((f: { rule: string }) => f.rule === "survey_flagged")
      .map((f: { orgUnit: string; figure: number; severity: string; message: string }) => [
        f.orgUnit,
        f.figure,
        f.severity,
        f.message,
      ])
      .sort();
    expect(found).toEqual([
      ["C11", 4, "medium", expect.stringContaining("待评估人员核实 4 份，已确认剔除 0 份")],
      ["C12", 10, "medium", expect.stringContaining("同一来源成批全同分 10 份")],
      ["C21", 25, "low", expect.stringContaining("已确认剔除 20 份，核实后保留 5 份")],
    ]);

    const res = await fetch(
      `${env.baseUrl}/api/v1/exports/assessment.xlsx?period=2026Q2&orgUnit=D1`,
      {
        headers: { authorization: `Bearer ${tokens["assessor-d1"]}` },
      },
    );
    expect(res.status, await res.clone().text()).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const sheet = book.getWorksheet("数据质量")!;
    const sheetRows: [string, number, string][] = [];
    sheet.eachRow((row, n) => {
      if (n === 1 || row.getCell(3).value !== "问卷疑似刷票") return;
      sheetRows.push([
        String(row.getCell(1).value),
        Number(row.getCell(5).value),
        String(row.getCell(6).value),
      ]);
    });
    sheetRows.sort();
    expect(sheetRows.map(([code, n]) => [code, n])).toEqual([
      ["C11", 4],
      ["C12", 10],
      ["C21", 25],
    ]);
    expect(sheetRows[2]![2]).toContain("已确认剔除 20 份");
    // 问卷样本: per unit of the workbook (D1 and its streets), over each subtree: flagged,
    // open, confirmed in N, O, P; n (C) leaves the confirmed out. S1: 4 + 10 open; S2: C21.
    const survey = book.getWorksheet("问卷样本")!;
    expect(["N1", "O1", "P1"].map((a) => survey.getCell(a).value)).toEqual([
      "疑似刷票(份)",
      "待核实(份)",
      "已确认剔除(份)",
    ]);
    const counts: Record<string, (number | null)[]> = {};
    survey.eachRow((row, n) => {
      if (n === 1) return;
      const v = (c: string) => {
        const x = row.getCell(c).value as unknown;
        if (x && typeof x === "object" && "result" in x)
          return Number((x as { result: unknown }).result);
        return x === null || x === undefined ? null : Number(x);
      };
      counts[String(row.getCell("A").value)] = [v("C"), v("N"), v("O"), v("P")];
    });
    // n: the fixture holds 16 (repeat) + 41 (straight) + 228 (burst: 20 + 25 + 140 + 24 + 19)
    // = 285 responses, 45 of them C21's; 20 confirmed. D1 285 − 20, S1 285 − 45, S2 45 − 20.
    expect(rows).toHaveLength(285);
    expect(counts.D1).toEqual([265, 39, 14, 20]);
    expect(counts.S1).toEqual([240, 14, 14, 0]);
    expect(counts.S2).toEqual([25, 25, 0, 20]);
  });
});
