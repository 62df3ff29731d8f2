import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatPeriod, quarterOf, shiftQuarter } from "../../shapes/periods.ts";
import { ADMIN_PASSWORD, seedSmallWorld } from "../../test/accounts.ts";
import { seedIndicatorWorld } from "../../test/fixtures/indicator-world.ts";
import { call, expectProblem, expectShape } from "../../test/http.ts";
import { openTestEnv, STORE_KINDS, type TestEnv } from "../../test/stores.ts";
import { IndicatorReport } from "../indicators/schema.ts";
import { ClosedPeriod, PeriodList, ReopenedPeriod } from "./schema.ts";

const hasChinese = (s: string) => /[\u4e00-\u9fff]/.test(s);

describe.each(STORE_KINDS)("closing a quarter on %s", (kind) => {
  let env: TestEnv;
  let t: Awaited<ReturnType<typeof seedSmallWorld>>;
  const post = (path: string, json?: unknown, token = t.admin) =>
    call(env.baseUrl, "POST", `/api/v1${path}`, { token, ...(json === undefined ? {} : { json }) });
  const get = async (path: string, token = t.admin) => {
    const res = await call(env.baseUrl, "GET", `/api/v1${path}`, { token });
    expect(res.status, res.text).toBe(200);
    return res.body;
  };
  const indicators = async (query: string) =>
    expectShape(IndicatorReport, await get(`/indicators?orgUnit=S1&children=true&${query}`));
  const periods = async () => expectShape(PeriodList, await get("/periods")).periods;
  const rowCount = async (table: "period_closing" | "official_figures") =>
    Number(
      (
        await env.store.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const addCase = (externalId: string, reportedAt: string) =>
    call(env.baseUrl, "POST", "/api/v1/cases/batch", {
      token: t.admin,
      json: {
        cases: [
          {
            source: "late",
            externalId,
            orgUnit: "C12",
            kind: "service",
            channel: "window",
            reportedAt,
            resolvedAt: reportedAt,
          },
        ],
      },
    });

  beforeAll(async () => {
    env = await openTestEnv(kind, { ADMIN_PASSWORD });
    t = await seedSmallWorld(env);
    await seedIndicatorWorld(env, t.admin);
  });
  afterAll(async () => env?.close());

  it("lists recent quarters as open, the current one not ended", async () => {
    const list = await periods();
    const current = formatPeriod(quarterOf(new Date()));
    expect(list[0]).toMatchObject({ period: current, status: "open", ended: false, version: null });
    const q3 = list.find((p) => p.period === "2026Q3")!;
    expect(q3).toMatchObject({ status: "open", ended: true, closings: [] });
    // Day 10 after 30 September ends at 11 October 00:00 Asia/Shanghai.
    expect(q3.returnsDueAt).toBe("2026-10-10T16:00:00.000Z");
    // A clerk reads the states too.
    expect(
      (await call(env.baseUrl, "GET", "/api/v1/periods", { token: t["clerk-s1"] })).status,
    ).toBe(200);
  });

  it("refuses a quarter not ended, a future or malformed one, and a subtree admin; nothing written", async () => {
    const current = formatPeriod(quarterOf(new Date()));
    const future = formatPeriod(shiftQuarter(quarterOf(new Date()), 4));
    for (const p of [current, future]) {
      const body = expectProblem(await post(`/periods/${p}/close`), 422);
      expect(hasChinese(body.detail), body.detail).toBe(true);
      expect(body.errors?.[0]?.path).toBe("period");
    }
    for (const p of ["2026Q5", "abc", "1999Q1", "2026q3"]) {
      const body = expectProblem(await post(`/periods/${p}/close`), 422);
      expect(body.detail).toContain("格式");
    }
    const sub = expectProblem(await post("/periods/2026Q3/close", undefined, t["admin-s2"]), 403);
    expect(hasChinese(sub.detail)).toBe(true);
    expectProblem(await post("/periods/2026Q3/close", undefined, t["leader-d1"]), 403);
    expect(await rowCount("period_closing")).toBe(0);
    expect(await rowCount("official_figures")).toBe(0);
  });

  it("closes an ended quarter: official figures of every unit equal the live ones at close", async () => {
    const before = await indicators("period=2026Q3");
    expect(before.official).toBe(false);
    const res = await post("/periods/2026Q3/close");
    expect(res.status, res.text).toBe(200);
    const closed = expectShape(ClosedPeriod, res.body);
    // D1, S1, S2, C11, C12, C13, C21, C22, G111.
    expect(closed).toMatchObject({
      period: "2026Q3",
      version: 1,
      units: 9,
      // One rectification task per red item of streets and communities (api/rectifications tests).
      rectificationsOpened: 26,
    });
    const after = await indicators("period=2026Q3");
    expect(after).toMatchObject({ official: true, lateCases: 0, closing: { version: 1 } });
    expect(after.units.map(({ official: _o, lateCases: _l, ...u }) => u)).toEqual(before.units);
    expect(after.units.every((u) => u.official === true && u.lateCases === 0)).toBe(true);
    expect(after.dataAsOf).toEqual(before.dataAsOf);
    const q3 = (await periods()).find((p) => p.period === "2026Q3")!;
    expect(q3).toMatchObject({ status: "closed", version: 1 });
    expect(q3.closings[0]).toMatchObject({ closedBy: "admin", units: 9, reopenedAt: null });
  });

  it("refuses closing a closed quarter (409, Chinese), writing nothing", async () => {
    const body = expectProblem(await post("/periods/2026Q3/close"), 409);
    expect(body.detail).toContain("已于");
    expect(await rowCount("period_closing")).toBe(1);
  });

  it("keeps official figures when data arrives; counts late cases; live=true moves", async () => {
    const live0 = await indicators("period=2026Q3&live=true");
    expect(live0.official).toBe(false);
    const c12Before = live0.units.find((u) => u.code === "C12")!;
    expect((await addCase("x1", "2026-08-05T02:00:00Z")).status).toBe(200);
    // A case of another quarter is not late for 2026Q3.
    expect((await addCase("x2", "2026-11-05T02:00:00Z")).status).toBe(200);
    const official = await indicators("period=2026Q3");
    expect(official.official).toBe(true);
    expect(official.lateCases).toBe(1);
    const c12 = official.units.find((u) => u.code === "C12")!;
    expect(c12.lateCases).toBe(1);
    expect(official.units.find((u) => u.code === "C11")!.lateCases).toBe(0);
    expect(c12.counts).toEqual(c12Before.counts);
    const live = await indicators("period=2026Q3&live=true");
    const c12Live = live.units.find((u) => u.code === "C12")!;
    expect(c12Live.counts.byKind.service).toBe(c12Before.counts.byKind.service! + 1);
    expect(live.lateCases).toBeUndefined();
  });

  it("reopens only with a reason, audited; closing again stores version 2, version 1 stays readable", async () => {
    for (const json of [{}, { reason: "" }, { reason: "   " }]) {
      const body = expectProblem(await post("/periods/2026Q3/reopen", json), 422);
      expect(body.detail).toContain("原因");
      expect(body.errors?.some((e) => e.path === "body.reason")).toBe(true);
    }
    expectProblem(await post("/periods/2026Q3/reopen", { reason: "x" }, t["admin-s2"]), 403);
    expectProblem(await post("/periods/2026Q2/reopen", { reason: "试试" }), 409);
    expect((await periods()).find((p) => p.period === "2026Q3")!.status).toBe("closed");

    const res = await post("/periods/2026Q3/reopen", { reason: "补录回访数据" });
    expect(res.status, res.text).toBe(200);
    expect(expectShape(ReopenedPeriod, res.body)).toMatchObject({
      period: "2026Q3",
      version: 1,
      reason: "补录回访数据",
    });
    const open = await indicators("period=2026Q3");
    expect(open.official).toBe(false);
    // Version 1 stays readable after the reopen.
    const v1 = await indicators("period=2026Q3&version=1");
    expect(v1).toMatchObject({ official: true, closing: { version: 1 } });
    expect(v1.closing!.reopenedAt).not.toBeNull();

    const again = expectShape(ClosedPeriod, (await post("/periods/2026Q3/close")).body);
    expect(again.version).toBe(2);
    const v2 = await indicators("period=2026Q3");
    expect(v2).toMatchObject({ official: true, closing: { version: 2 }, lateCases: 0 });
    const c12v2 = v2.units.find((u) => u.code === "C12")!;
    const c12v1 = (await indicators("period=2026Q3&version=1")).units.find(
      (u) => u.code === "C12",
    )!;
    expect(c12v2.counts.byKind.service).toBe(c12v1.counts.byKind.service! + 1);
    expectProblem(
      await call(env.baseUrl, "GET", "/api/v1/indicators?period=2026Q3&version=3", {
        token: t.admin,
      }),
      404,
    );
    expectProblem(
      await call(env.baseUrl, "GET", "/api/v1/indicators?period=2026Q3&version=1&live=true", {
        token: t.admin,
      }),
      422,
    );
    const q3 = (await periods()).find((p) => p.period === "2026Q3")!;
    expect(q3.closings.map((c) => [c.version, c.reopenReason])).toEqual([
      [2, null],
      [1, "补录回访数据"],
    ]);

    const audit = await call(env.baseUrl, "GET", "/api/v1/audit?actor=admin&limit=200", {
      token: t.admin,
    });
    const entries = audit.body.entries as { action: string; target: string; status: number }[];
    const mine = entries
      .filter((e) => e.action === "periods.close" || e.action === "periods.reopen")
      .filter((e) => e.status === 200)
      .map((e) => `${e.action} ${e.target}`);
    expect(mine).toEqual([
      "periods.close periods: 2026Q3 close",
      "periods.reopen periods: 2026Q3 reopen",
      "periods.close periods: 2026Q3 close",
    ]);
    // Refused attempts are audited too, with their status.
    expect(entries.some((e) => e.action === "periods.reopen" && e.status === 422)).toBe(true);
  });
});
