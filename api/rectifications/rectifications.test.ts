import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shanghaiDate } from "../../shapes/periods.ts";
import { ADMIN_PASSWORD, login, seedSmallWorld } from "../../test/accounts.ts";
import { seedIndicatorWorld } from "../../test/fixtures/indicator-world.ts";
import { call, expectProblem, expectShape } from "../../test/http.ts";
import { openTestEnv, STORE_KINDS, type TestEnv } from "../../test/stores.ts";
import { addDays, dueState } from "./dates.ts";
import { rectificationLedger } from "./ledger.ts";
import { runRectificationReminders } from "./reminders.ts";
import { Summary, Task, TaskPage } from "./schema.ts";

// Issue 19 over real HTTP on both stores: closing the indicator fixture's 2026Q3 opens one task
// per red item; a task goes open → submitted → returned (with the one extension) → submitted →
// verified; every refusal of the bad-input list is a Chinese 4xx that writes nothing.

/**
 * The red items of 2026Q3 in test/fixtures/indicator-world.ts, streets and communities only (the
 * figures are worked out by hand in api/indicators/indicators.test.ts):
 * - S1: G3 (80 % of appeals responded in time, score 40) and S3 (58.8 % online, score 0).
 * - S2 sums C21 and C22: S4 (0 % first-pass), R1–R3 and P1–P4 (C22's weak return).
 * - C11: G2 (75 % on time), G3, S2, S3, S5, R1, R3, P3.
 * - C21: S4 (its window case was not first-pass within 24 h… score 0); no return, so no R/P.
 * - C22: R1–R3, P1–P4 (its return); no case, so no G/S figure.
 * - C12 and C13 are green throughout. D1 (a district) and G111 (a grid) open none.
 */
const RED: Record<string, string[]> = {
  S1: ["G3", "S3"],
  S2: ["P1", "P2", "P3", "P4", "R1", "R2", "R3", "S4"],
  C11: ["G2", "G3", "P3", "R1", "R3", "S2", "S3", "S5"],
  C21: ["S4"],
  C22: ["P1", "P2", "P3", "P4", "R1", "R2", "R3"],
};
const RED_ITEMS = Object.entries(RED)
  .flatMap(([unit, codes]) => codes.map((c) => `${unit}/${c}`))
  .sort();

const PNG = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52,
]);
const form = (bytes: Uint8Array, name: string, type = "image/png") => {
  const f = new FormData();
  f.set("file", new Blob([bytes as Uint8Array<ArrayBuffer>], { type }), name);
  return f;
};
const hasChinese = (s: string) => /[\u4e00-\u9fff]/.test(s);

describe.each(STORE_KINDS)("rectification on %s", (kind) => {
  let env: TestEnv;
  let t: Awaited<ReturnType<typeof seedSmallWorld>>;
  let clerkC11: string;
  let leaderC11: string;
  let clock: Date | null = null;
  /** The app's clock while closing and working a task: an hour behind the real one. */
  const APP_NOW = new Date(Date.now() - 3600_000);
  /** The closing tasks' deadline (closing runs on the app's clock: its day + 30 in Beijing). */
  const closingDeadline = addDays(shanghaiDate(APP_NOW), 30);
  /** 09:00 in Beijing on `date`. */
  const nineAm = (date: string) => new Date(`${date}T01:00:00Z`);
  const api = (method: string, path: string, token: string, json?: unknown, body?: FormData) =>
    call(env.baseUrl, method, `/api/v1${path}`, {
      token,
      ...(json === undefined ? {} : { json }),
      ...(body === undefined ? {} : { body }),
    });
  const written = async () => {
    const { rows } = await sql<{ n: string }>`select (
      (select count(*) from rectification_task) || '/' ||
      (select count(*) from rectification_progress) || '/' ||
      (select count(*) from rectification_decision) || '/' ||
      (select count(*) from rectification_attachment) || '/' ||
      (select count(*) from attachment)) as n`.execute(env.store.db);
    return rows[0]!.n;
  };
  const task = async (id: number, token = t.admin) => {
    const res = await api("GET", `/rectifications/${id}`, token);
    expect(res.status, res.text).toBe(200);
    return expectShape(Task, res.body);
  };

  beforeAll(async () => {
    env = await openTestEnv(kind, { ADMIN_PASSWORD }, { now: () => clock ?? new Date() });
    t = await seedSmallWorld(env);
    await seedIndicatorWorld(env, t.admin);
    for (const [username, role] of [
      ["clerk-c11", "clerk"],
      ["leader-c11", "leader"],
    ]) {
      const res = await api("POST", "/users", t.admin, {
        username,
        role,
        orgUnit: "C11",
        password: "password-369",
      });
      expect(res.status, res.text).toBe(201);
    }
    clerkC11 = await login(env, "clerk-c11", "password-369");
    leaderC11 = await login(env, "leader-c11", "password-369");
  });
  afterAll(async () => env?.close());

  it("closing opens exactly one task per red item, none again after reopen and close", async () => {
    clock = APP_NOW;
    const closed = await api("POST", "/periods/2026Q3/close", t.admin);
    clock = null;
    expect(closed.status, closed.text).toBe(200);
    expect(closed.body.rectificationsOpened).toBe(RED_ITEMS.length);
    const page = expectShape(
      TaskPage,
      (await api("GET", "/rectifications?period=2026Q3&pageSize=200", t.admin)).body,
    );
    expect(page.total).toBe(26);
    expect(page.tasks.map((x) => `${x.orgUnit}/${x.indicator}`).sort()).toEqual(RED_ITEMS);
    const deadline = closingDeadline;
    for (const x of page.tasks) {
      expect(x).toMatchObject({ origin: "closing", status: "open", deadline, overdue: false });
      expect(x.openedAt).toBe(APP_NOW.toISOString());
      expect(x.trend[0]).toMatchObject({ period: "2026Q3", status: "red", official: true });
      expect(x.trend[0]!.value).toBe(x.valueAtOpen);
    }
    expect(page.tasks.find((x) => x.orgUnit === "C11" && x.indicator === "G2")).toMatchObject({
      valueAtOpen: 75,
      orgUnitName: "甲社区",
      parentName: "一街道",
      level: "community",
    });
    // Reopen and close again: version 2, no second task for the same red item.
    expect((await api("POST", "/periods/2026Q3/reopen", t.admin, { reason: "更正" })).status).toBe(
      200,
    );
    const again = await api("POST", "/periods/2026Q3/close", t.admin);
    expect(again.body).toMatchObject({ version: 2, rectificationsOpened: 0 });
    // Scoped and filtered lists; the model the report and workbook read says the same.
    const s2 = (await api("GET", "/rectifications?street=S2&pageSize=5&page=2", t["leader-d1"]))
      .body;
    expect(s2).toMatchObject({ total: 16, page: 2, pageSize: 5 });
    expect(s2.tasks).toHaveLength(5);
    // The indicator filter is SQL: paged and counted with the others.
    const r1 = (await api("GET", "/rectifications?indicator=R1&pageSize=2", t.admin)).body;
    expect(r1).toMatchObject({ total: 3 }); // S2, C11, C22
    expect(r1.tasks.map((x: { indicator: string }) => x.indicator)).toEqual(["R1", "R1"]);
    const g3 = (await api("GET", "/rectifications?indicator=G3&street=S1", t.admin)).body;
    expect(g3.tasks.map((x: { orgUnit: string }) => x.orgUnit).sort()).toEqual(["C11", "S1"]);
    expect(
      expectProblem(await api("GET", "/rectifications?indicator=X9", t.admin), 422).errors?.[0]
        ?.path,
    ).toMatch(/indicator/);
    const scoped = (await api("GET", "/rectifications?period=2026Q3", t["leader-s1"])).body;
    expect(scoped.total).toBe(10); // S1's 2 and C11's 8
    expectProblem(await api("GET", "/rectifications?orgUnit=S2", t["leader-s1"]), 403);
    const ledger = await rectificationLedger({ engine: env.deps.engine }, { orgUnit: "C21" });
    expect(ledger.map((x) => `${x.orgUnit}/${x.indicator}`)).toEqual(["C21/S4"]);
    expect(ledger[0]!.recovered).toBeNull();
    // Feedback: an online service case of C21 in 2026Q4 (open, live figures) lifts S4 (online
    // handling rate) from 0 % to 100 %: the task's trend shows it and the unit has recovered.
    const batch = await api("POST", "/cases/batch", t.admin, {
      cases: [
        {
          source: "q4",
          externalId: "c21-online",
          orgUnit: "C21",
          kind: "service",
          channel: "online",
          reportedAt: "2026-10-12T02:00:00Z",
          resolvedAt: "2026-10-12T06:00:00Z",
          online: true,
          firstPass: true,
        },
      ],
    });
    expect(batch.status, batch.text).toBe(200);
    const [c21] = await rectificationLedger({ engine: env.deps.engine }, { orgUnit: "C21" });
    expect(c21!.trend).toEqual([
      { period: "2026Q3", value: 0, status: "red", official: true },
      { period: "2026Q4", value: 100, status: "green", official: false },
    ]);
    expect(c21!.recovered).toBe(true);
    const s2Summary = (await api("GET", "/rectifications/summary?orgUnit=S2", t.admin)).body;
    expect(s2Summary).toMatchObject({ open: 16, overdue: 0, recoveryRate: expect.any(Number) });
  });

  it("works a task open → submitted → returned and extended → submitted → verified, refusing bad input", async () => {
    const list = (await api("GET", "/rectifications?orgUnit=C11&status=open", clerkC11)).body;
    const id = list.tasks.find((x: { indicator: string }) => x.indicator === "G2").id as number;
    const before = await task(id);
    clock = APP_NOW; // every time written below is the app's
    const at = APP_NOW.toISOString();
    // Progress keeps it open; evidence is sniffed, not trusted from its name.
    const p1 = await api("POST", `/rectifications/${id}/progress`, clerkC11, {
      measures: "逐件复盘超期案件，建立每日督办",
      note: "已完成第一轮排查",
    });
    expect(p1.status, p1.text).toBe(200);
    expect(p1.body).toMatchObject({ status: "open", measures: "逐件复盘超期案件，建立每日督办" });
    const photo = await api(
      "POST",
      `/rectifications/${id}/attachments`,
      clerkC11,
      undefined,
      form(PNG, "井盖.pdf", "application/pdf"),
    );
    expect(photo.status, photo.text).toBe(201);
    expect(photo.body.attachments).toEqual([
      expect.objectContaining({ filename: "井盖.pdf", contentType: "image/png", size: PNG.length }),
    ]);
    // A superior reads the evidence.
    const file = photo.body.attachments[0].id;
    expect((await api("GET", `/attachments/${file}`, t["assessor-d1"])).status).toBe(200);
    let mark = await written();
    const html = new TextEncoder().encode("<html><script>alert(1)</script></html>");
    const notImage = expectProblem(
      await api(
        "POST",
        `/rectifications/${id}/attachments`,
        clerkC11,
        undefined,
        form(html, "x.png"),
      ),
      422,
    );
    expect(notImage.detail).toMatch(/图片|PDF/);
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(PNG);
    const tooBig = expectProblem(
      await api(
        "POST",
        `/rectifications/${id}/attachments`,
        clerkC11,
        undefined,
        form(big, "big.png"),
      ),
      413,
    );
    expect(tooBig.detail).toContain("10 MB");
    // Verifying before submission, or by the unit itself.
    expectProblem(
      await api("POST", `/rectifications/${id}/decision`, t["leader-s1"], { decision: "verify" }),
      409,
    );
    const submitted = await api("POST", `/rectifications/${id}/progress`, clerkC11, {
      submit: true,
      note: "请验收",
    });
    expect(submitted.body.status).toBe("submitted");
    mark = await written();
    const own = expectProblem(
      await api("POST", `/rectifications/${id}/decision`, leaderC11, { decision: "verify" }),
      403,
    );
    expect(own.detail).toContain("本单位");
    // Return with a reason and the one extension; a deadline in the past is refused first.
    const past = expectProblem(
      await api("POST", `/rectifications/${id}/decision`, t["leader-s1"], {
        decision: "return",
        note: "证据不足",
        newDeadline: "2020-01-01",
      }),
      422,
    );
    expect(past.errors?.[0]?.path).toBe("body.newDeadline");
    expect(hasChinese(past.detail)).toBe(true);
    expect(await written()).toBe(mark);
    const newDeadline = addDays(before.deadline, 15);
    const back = await api("POST", `/rectifications/${id}/decision`, t["leader-s1"], {
      decision: "return",
      note: "证据不足，补充照片",
      newDeadline,
    });
    expect(back.status, back.text).toBe(200);
    expect(back.body).toMatchObject({ status: "open", deadline: newDeadline, extended: true });
    expect(back.body.decisions.map((d: { decision: string }) => d.decision)).toEqual([
      "return",
      "extend",
    ]);
    mark = await written();
    const twice = expectProblem(
      await api("POST", `/rectifications/${id}/decision`, t["assessor-d1"], {
        decision: "extend",
        note: "再延",
        newDeadline: addDays(newDeadline, 10),
      }),
      409,
    );
    expect(twice.detail).toContain("已延期");
    expect(await written()).toBe(mark);
    // Submitted again by the street's clerk; it may not verify what it submitted… it has no
    // right to decide at all; the assessor verifies.
    expect(
      (
        await api("POST", `/rectifications/${id}/progress`, t["clerk-s1"], {
          submit: true,
          measures: "补充照片",
        })
      ).body.status,
    ).toBe("submitted");
    expectProblem(
      await api("POST", `/rectifications/${id}/decision`, t["clerk-s1"], { decision: "verify" }),
      403,
    );
    const done = await api("POST", `/rectifications/${id}/decision`, t["assessor-d1"], {
      decision: "verify",
      note: "已核实",
    });
    expect(done.status, done.text).toBe(200);
    expect(done.body).toMatchObject({ status: "verified", overdue: false });
    expect(done.body.progress).toHaveLength(3);
    expect(done.body.progress.map((p: { at: string }) => p.at)).toEqual([at, at, at]);
    expect(done.body.decisions.map((d: { at: string }) => d.at)).toEqual([at, at, at]);
    const stamps = await sql<{ s: Date | null; v: Date | null; f: Date }>`
      select t.submitted_at as s, t.verified_at as v, a.created_at as f from rectification_task t
      join rectification_attachment l on l.task_id = t.id join attachment a on a.id = l.attachment_id
      where t.id = ${id}`.execute(env.store.db);
    expect(stamps.rows.map((r) => [r.s, r.v, r.f].map((d) => new Date(d!).toISOString()))).toEqual([
      [at, at, at],
    ]);
    mark = await written();
    // A verified task takes nothing more.
    const late = expectProblem(
      await api("POST", `/rectifications/${id}/progress`, clerkC11, { note: "补充" }),
      409,
    );
    expect(late.detail).toContain("已销号");
    expectProblem(
      await api(
        "POST",
        `/rectifications/${id}/attachments`,
        clerkC11,
        undefined,
        form(PNG, "a.png"),
      ),
      409,
    );
    expectProblem(
      await api("POST", `/rectifications/${id}/decision`, t["leader-d1"], {
        decision: "return",
        note: "x",
      }),
      409,
    );
    expect(await written()).toBe(mark);
    // Every action audited.
    const audit = await env.store.db
      .selectFrom("audit_log")
      .select(["target", "status"])
      .where("target", "like", `rectification ${id}%`)
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(14);
    const summary = expectShape(
      Summary,
      (await api("GET", "/rectifications/summary?orgUnit=C11", leaderC11)).body,
    );
    expect(summary).toMatchObject({ open: 7, submitted: 0, verifiedThisQuarter: 1, overdue: 0 });
    clock = null;
  });

  it("opens a task by hand in scope, with an instruction; refuses a past deadline, a clerk and a duplicate", async () => {
    const mark = await written();
    const open = (token: string, json: Record<string, unknown>) =>
      api("POST", "/rectifications", token, {
        orgUnit: "C12",
        period: "2026Q3",
        indicator: "P1",
        instruction: "请街道督促社区提升议事参与率",
        ...json,
      });
    const past = expectProblem(await open(t["leader-s1"], { deadline: "2026-01-01" }), 422);
    expect(past.errors?.[0]?.path).toBe("body.deadline");
    expectProblem(await open(t["clerk-s1"], {}), 403);
    expectProblem(await open(t["leader-s1"], { orgUnit: "C21" }), 403);
    expect(await written()).toBe(mark);
    clock = APP_NOW;
    const res = await open(t["leader-s1"], { deadline: addDays(closingDeadline, 60) });
    clock = null;
    expect(res.status, res.text).toBe(201);
    const made = await task(res.body.id, t["leader-s1"]);
    expect(made).toMatchObject({
      origin: "manual",
      instruction: "请街道督促社区提升议事参与率",
      openedBy: "leader-s1",
      openedAt: APP_NOW.toISOString(),
      deadline: addDays(closingDeadline, 60),
      valueAtOpen: 40,
    });
    expectProblem(await open(t["assessor-d1"], {}), 409);
    expectProblem(await api("GET", `/rectifications/${res.body.id}`, t["admin-s2"]), 404);
  });

  it("computes overdue at the deadline's end in Asia/Shanghai", async () => {
    const res = await api("POST", "/rectifications", t["leader-d1"], {
      orgUnit: "C21",
      period: "2026Q3",
      indicator: "G1",
      instruction: "限期整改",
      deadline: addDays(closingDeadline, 40),
    });
    expect(res.status, res.text).toBe(201);
    const due = addDays(closingDeadline, 40);
    clock = new Date(Date.parse(`${due}T15:59:59Z`)); // 23:59:59 on the due day in Beijing
    expect(await task(res.body.id)).toMatchObject({
      overdue: false,
      dueSoon: true,
      daysOverdue: 0,
    });
    clock = new Date(Date.parse(`${due}T16:00:00Z`)); // 00:00 the day after
    expect(await task(res.body.id)).toMatchObject({
      overdue: true,
      dueSoon: false,
      daysOverdue: 1,
    });
    const overdue = (await api("GET", "/rectifications?status=overdue&orgUnit=C21", t.admin)).body;
    expect(overdue.tasks.map((x: { id: number }) => x.id)).toContain(res.body.id);
    clock = null;
    expect(dueState("2027-02-10", false, "2027-02-07")).toEqual({
      overdue: false,
      dueSoon: true,
      daysOverdue: 0,
    });
    expect(dueState("2027-02-10", false, "2027-02-06").dueSoon).toBe(false);
    expect(dueState("2027-02-10", true, "2027-03-01").overdue).toBe(false);
  });

  it("reminds daily: marks due soon and overdue, notifies each overdue task once to the nearest webhook", async () => {
    // A local group robot: /s1 answers like 企业微信; /d1 fails until `d1Up`.
    const hits: { path: string; body: { msgtype: string; text: { content: string } } }[] = [];
    let d1Up = false;
    const robot = createServer((req, res) => {
      let data = "";
      req.on("data", (c) => {
        data += c;
      });
      req.on("end", () => {
        const ok = req.url === "/s1" || d1Up;
        if (ok) hits.push({ path: req.url ?? "", body: JSON.parse(data) });
        res.writeHead(ok ? 200 : 500, { "content-type": "application/json" });
        res.end(JSON.stringify({ errcode: 0, errmsg: "ok" }));
      });
    });
    await new Promise<void>((r) => robot.listen(0, "127.0.0.1", r));
    const base = `http://127.0.0.1:${(robot.address() as AddressInfo).port}`;
    try {
      const put = (code: string, json: unknown, token = t.admin) =>
        api("PUT", `/org-units/${code}/webhook`, token, json);
      expect(
        expectProblem(await put("S1", { kind: "wecom", url: "ftp://x.example/h" }), 422).errors?.[0]
          ?.path,
      ).toBe("body.url");
      expectProblem(await put("S1", { kind: "wecom", url: "http://robot.example/h" }), 422);
      expectProblem(await put("S1", { kind: "wecom", url: `${base}/s1` }, t["admin-s2"]), 403);
      expectProblem(await put("S1", { kind: "wecom", url: `${base}/s1` }, t["leader-d1"]), 403);
      expect((await put("S1", { kind: "wecom", url: `${base}/s1` })).status).toBe(200);
      expect((await put("D1", { kind: "dingtalk", url: `${base}/d1` })).status).toBe(200);
      expect((await api("GET", "/org-units/S1/webhook", t.admin)).body).toMatchObject({
        orgUnit: "S1",
        kind: "wecom",
        url: `${base}/s1`,
      });
      const run = (date: string) => runRectificationReminders(env.store.db, { now: nineAm(date) });
      // Two days before: the 25 unverified closing tasks are due soon.
      expect(await run(addDays(closingDeadline, -2))).toMatchObject({
        dueSoon: 25,
        overdue: 0,
        notified: 0,
      });
      expect(hits).toHaveLength(0);
      // The day after the deadline: overdue. S1's subtree (S1 2 + C11 7) goes to /s1; S2's 16 to D1's robot, which fails.
      expect(await run(addDays(closingDeadline, 1))).toMatchObject({
        dueSoon: 0,
        overdue: 25,
        notified: 9,
        failed: 16,
      });
      expect(hits.filter((h) => h.path === "/s1")).toHaveLength(9);
      expect(hits[0]!.body.msgtype).toBe("text");
      expect(
        hits.some((h) =>
          /一街道甲社区 2026Q3「.+」整改任务 #\d+ 已逾期 1 天/.test(h.body.text.content),
        ),
      ).toBe(true);
      // Failures are retried the next day; nothing is sent twice.
      d1Up = true;
      expect(await run(addDays(closingDeadline, 2))).toMatchObject({
        overdue: 0,
        notified: 16,
        failed: 0,
      });
      expect(await run(addDays(closingDeadline, 3))).toMatchObject({ notified: 0, failed: 0 });
      expect(hits.filter((h) => h.path === "/s1")).toHaveLength(9);
      expect(hits.filter((h) => h.path === "/d1")).toHaveLength(16);
      expect(new Set(hits.map((h) => h.body.text.content)).size).toBe(25);
    } finally {
      robot.close();
    }
  });
});
