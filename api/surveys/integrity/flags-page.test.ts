import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { responseScore, type SurveyAnswers } from "../../../metrics/index.ts";
import { quarterOf } from "../../../shapes/periods.ts";
import { ADMIN_PASSWORD, login, SMALL_TREE, seedSmallWorld } from "../../../test/accounts.ts";
import { call } from "../../../test/http.ts";
import { openTestEnv, STORE_KINDS, type TestEnv } from "../../../test/stores.ts";
import { insertResponses, type ResponseWrite } from "../queries.ts";
import { detectSurveyFlags } from "./signals.ts";

// Issue 22, 问卷核查 over real HTTP on both stores: an assessor's page of flagged responses by
// signal with the counts by decision, scoped (another district's assessor and a leader get 403),
// a plain form post that confirms or dismisses through the API's domain function and moves G4,
// refused across sites, audited; and the clerk's 季度填报 page shows the sample progress card.
// Fixture (2026Q2), a smaller copy of integrity.test.ts's: 4 self-filled from one client for C11
// on 10 May (repeat_client), 10 flat forms by clerk-x for C12 on 12 May (straight_line), and for
// C21 1 a day on 20 days from 20 May then 25 on 17 June (burst).

describe.each(STORE_KINDS)("问卷核查 page on %s", (kind) => {
  let env: TestEnv;
  let t: Awaited<ReturnType<typeof seedSmallWorld>>;
  let d2: string;
  const units = new Map<string, number>();
  const ids = { repeat: [] as string[], flat: [] as string[], burst: [] as string[] };
  const rows: ResponseWrite[] = [];
  const add = (
    unit: string,
    at: string,
    answers: Partial<Record<keyof SurveyAnswers, number>>,
    opts: { hash?: string; by?: string } = {},
  ) => {
    const submittedAt = new Date(at);
    const id = crypto.randomUUID();
    rows.push({
      id,
      surveyId: "satisfaction",
      surveyVersion: 1,
      orgUnitId: units.get(unit)!,
      submittedAt,
      mode: opts.by ? "assisted" : "self",
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
  const at = (d: string, minute: number) => `${d}T09:${String(minute).padStart(2, "0")}:00+08:00`;

  beforeAll(async () => {
    env = await openTestEnv(kind, { ADMIN_PASSWORD, SURVEY_RATE_LIMIT: "0" });
    t = await seedSmallWorld(env);
    // A second district with its own assessor.
    const put = await call(env.baseUrl, "PUT", "/api/v1/org-units", {
      token: t.admin,
      json: { units: [...SMALL_TREE, { code: "D2", name: "另一区", level: "district" }] },
    });
    expect(put.status, put.text).toBe(200);
    const user = await call(env.baseUrl, "POST", "/api/v1/users", {
      token: t.admin,
      json: { username: "assessor-d2", role: "assessor", orgUnit: "D2", password: "password-369" },
    });
    expect(user.status, user.text).toBe(201);
    d2 = await login(env, "assessor-d2", "password-369");
    for (const u of await env.store.db.selectFrom("org_unit").select(["id", "code"]).execute()) {
      units.set(u.code, u.id);
    }
    for (let i = 0; i < 4; i++) {
      ids.repeat.push(add("C11", at("2026-05-10", i), { overall: (i % 5) + 1 }, { hash: "h" }));
    }
    const flat = { overall: 5, timeliness: 5, effectiveness: 5, transparency: 5, attitude: 5 };
    for (let i = 0; i < 10; i++) {
      ids.flat.push(add("C12", at("2026-05-12", i), flat, { by: "clerk-x" }));
    }
    for (let k = 0; k < 20; k++) {
      const d = new Date(Date.parse("2026-05-20T00:00:00Z") + k * 86_400_000);
      add("C21", at(d.toISOString().slice(0, 10), 0), { overall: 5 });
    }
    for (let i = 0; i < 25; i++) ids.burst.push(add("C21", at("2026-06-17", i), { overall: 1 }));
    expect((await insertResponses(env.store.db, rows)).size).toBe(rows.length);
    const raised = await detectSurveyFlags(env.store.db, {
      from: new Date("2026-04-01T00:00:00+08:00"),
      to: new Date("2026-06-30T12:00:00+08:00"),
    });
    expect(raised).toEqual({ repeat_client: 4, straight_line: 10, burst: 25 });
  }, 120_000);
  afterAll(async () => env?.close());

  const get = async (token: string, path: string, status = 200) => {
    const res = await call(env.baseUrl, "GET", path, { token });
    expect(res.status, res.text.slice(0, 400)).toBe(status);
    return res.text;
  };
  const counts = (html: string) =>
    ["open", "confirmed", "dismissed"].map((k) =>
      Number(html.match(new RegExp(`data-testid="count-${k}" data-n="(\\d+)"`))?.[1]),
    );
  const groups = (html: string) =>
    [...html.matchAll(/data-testid="flag-group" data-kind="(\w+)" data-n="(\d+)"/g)].map(
      (m) => `${m[1]}:${m[2]}`,
    );
  const post = (
    path: string,
    fields: [string, string][],
    opts: { token?: string; headers?: Record<string, string> } = { token: t["assessor-d1"] },
  ) =>
    call(env.baseUrl, "POST", path, {
      ...(opts.token ? { token: opts.token } : {}),
      headers: { "content-type": "application/x-www-form-urlencoded", ...opts.headers },
      body: new URLSearchParams(fields).toString(),
    });
  const g4 = async (orgUnit: string) => {
    const res = await call(
      env.baseUrl,
      "GET",
      `/api/v1/indicators?period=2026Q2&orgUnit=${orgUnit}`,
      {
        token: t["assessor-d1"],
      },
    );
    expect(res.status, res.text).toBe(200);
    const i = res.body.units[0].indicators.find((x: { code: string }) => x.code === "G4");
    return [i.value, i.numerator, i.denominator, i.score] as number[];
  };
  const expectG4 = (got: number[], want: number[]) => {
    for (const [k, w] of want.entries()) expect(got[k]).toBeCloseTo(w, 9);
  };
  const D1 = "/dashboard/D1/survey-flags?period=2026Q2";
  const DECIDE = "/dashboard/D1/survey-flags/decision?period=2026Q2";

  it("is the assessor's, after 评估打分, and lists the flags by signal with counts", async () => {
    const overview = await get(t["assessor-d1"], "/dashboard/D1?period=2026Q2");
    const nav = [...overview.matchAll(/<a href="[^"]*"[^>]*>([^<]+)<\/a>/g)].map((m) => m[1]);
    expect(nav.indexOf("问卷核查")).toBe(nav.indexOf("评估打分") + 1);
    expect(overview).toContain(`href="${D1}"`);
    const page = await get(t["assessor-d1"], D1);
    expect(counts(page)).toEqual([39, 0, 0]);
    expect(groups(page)).toEqual(["repeat_client:4", "straight_line:10", "burst:25"]);
    for (const label of ["同一设备重复提交", "答案完全一致（直线作答）", "短时激增"]) {
      expect(page).toContain(label);
    }
    // A row: the unit with its street, the time, the answers and the source.
    expect(page).toContain("一街道 › </span>乙社区");
    expect(page).toContain("2026-05-12 09:00");
    expect(page).toContain("总体 5 · 时效 5 · 效果 5 · 透明 5 · 态度 5 · 得分 100");
    expect(page).toContain("代录（clerk-x）");
    expect(page).toContain("群众自填");
    // S1's page: its two communities' flags only.
    const s1 = await get(t["assessor-d1"], "/dashboard/S1/survey-flags?period=2026Q2");
    expect(counts(s1)).toEqual([14, 0, 0]);
    expect(groups(s1)).toEqual(["repeat_client:4", "straight_line:10", "burst:0"]);
  });

  it("is refused to another district's assessor and to a leader", async () => {
    await get(d2, D1, 403);
    await get(t["leader-d1"], D1, 403);
    const leaderNav = await get(t["leader-d1"], "/dashboard/D1?period=2026Q2");
    expect(leaderNav).not.toContain("问卷核查");
    const other = await post(
      DECIDE,
      [
        ["id", ids.burst[0]!],
        ["decision", "confirmed"],
      ],
      {
        token: d2,
      },
    );
    expect(other.status).toBe(403);
    // From D2's own page, D1's responses are out of scope: refused by the domain's check.
    const own = await post(
      "/dashboard/D2/survey-flags/decision?period=2026Q2",
      [
        ["id", ids.burst[0]!],
        ["decision", "confirmed"],
      ],
      { token: d2 },
    );
    expect(own.status).toBe(403);
    expect(own.text).toContain("不在您的权限范围内");
    expect(counts(await get(t["assessor-d1"], D1))).toEqual([39, 0, 0]);
  });

  it("confirms by a form post, G4 moves; dismisses back; refuses empty and cross-site posts", async () => {
    // C21: 20 × 100 and 25 × 0 → 2000 / 45 = 44.4 < 60 → score 0.
    expectG4(await g4("C21"), [2000 / 45, 2000, 45, 0]);
    const empty = await post(DECIDE, [["decision", "confirmed"]]);
    expect(empty.status).toBe(422);
    expect(empty.text).toContain("请先勾选要确认剔除的问卷");

    const cookieRes = await call(env.baseUrl, "POST", "/api/v1/auth/login", {
      json: { username: "assessor-d1", password: "password-369" },
    });
    const cookie = (cookieRes.headers.get("set-cookie") ?? "").split(";")[0]!;
    const cross = await post(
      DECIDE,
      [
        ["id", ids.burst[0]!],
        ["decision", "confirmed"],
      ],
      {
        headers: { cookie, "sec-fetch-site": "cross-site" },
      },
    );
    expect(cross.status).toBe(403);
    expect(cross.text).toContain("只能在本系统的页面中提交核查结果");
    expectG4(await g4("C21"), [2000 / 45, 2000, 45, 0]);

    const ok = await post(
      DECIDE,
      [...ids.burst.map((id): [string, string] => ["id", id]), ["decision", "confirmed"]],
      { headers: { cookie, "sec-fetch-site": "same-origin" } },
    );
    expect(ok.status, ok.text.slice(0, 300)).toBe(200);
    expect(ok.text).toContain("已确认剔除 25 份问卷");
    expect(counts(ok.text)).toEqual([14, 25, 0]);
    // Without the 25: 20 × 100 → 100, score 100.
    expectG4(await g4("C21"), [100, 2000, 20, 100]);

    const back = await post(DECIDE, [
      ...ids.burst.slice(0, 5).map((id): [string, string] => ["id", id]),
      ["decision", "dismissed"],
    ]);
    expect(back.status).toBe(200);
    expect(back.text).toContain("已驳回 5 份问卷的标记");
    expect(counts(back.text)).toEqual([14, 20, 5]);
    // 2000 / 25 = 80 → (80 − 60) / (85 − 60) × 100 = 80.
    expectG4(await g4("C21"), [80, 2000, 25, 80]);

    const audit = await env.store.db
      .selectFrom("audit_log")
      .select(["actor", "status", "target", "path"])
      .where("action", "=", "surveyFlags.decide")
      .where("path", "like", "/dashboard/%")
      .orderBy("id")
      .execute();
    expect(audit.map((a) => [a.actor, a.status, a.target])).toEqual([
      ["assessor-d2", 403, null],
      ["assessor-d2", 403, "survey-flags: confirmed"],
      ["assessor-d1", 422, null],
      ["assessor-d1", 403, null],
      ["assessor-d1", 200, "survey-flags: confirmed 25"],
      ["assessor-d1", 200, "survey-flags: dismissed 5"],
    ]);
  });

  it("links the data-quality finding to 问卷核查", async () => {
    const dq = await get(t["assessor-d1"], "/dashboard/D1/data-quality?period=2026Q2");
    expect(dq).toContain(
      'href="/dashboard/C11/survey-flags?period=2026Q2" data-testid="finding-act"',
    );
  });

  it("shows the clerk the sample progress on 季度填报", async () => {
    const page = await get(t["clerk-s1"], "/dashboard/S1/returns?period=2026Q2");
    // S1's communities: C11 with 4 responses, C12 with 10, none confirmed.
    expect(page).toMatch(
      /data-testid="sample-plan" data-communities="2" data-met="\d+" data-collected="14"/,
    );
    expect(page).toContain("抽样进度 · 2026年第二季度");
  });
});
