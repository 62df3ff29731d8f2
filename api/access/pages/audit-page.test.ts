import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_PASSWORD, seedSmallWorld } from "../../../test/accounts.ts";
import { call } from "../../../test/http.ts";
import { openTestEnv, STORE_KINDS, type TestEnv } from "../../../test/stores.ts";
import { insertAudit } from "../audit/queries.ts";

// Issue 21, point 3: the audit log page (filters by actor, action, unit and Beijing days, 50 a
// page) and its CSV export with Chinese headers, within the administrator's scope, on both
// stores. The small world: D1 → S1 (C11 → G111, C12), S2 (C21); admin-s2 manages S2.

/** Beijing calendar day `days` from now, `YYYY-MM-DD`. */
const beijingDay = (days: number) =>
  new Date(Date.now() + days * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);

/** The entries on a page: their actions and targets, in order. */
function entries(html: string) {
  const re = /<tr data-entry="(\d+)" data-action="([^"]*)" data-actor="([^"]*)">([\s\S]*?)<\/tr>/g;
  return [...html.matchAll(re)].map((m) => ({
    id: m[1]!,
    action: m[2]!,
    actor: m[3]!,
    html: m[4]!,
  }));
}
const total = (html: string) => Number(/data-total="(\d+)"/.exec(html)?.[1]);

describe.each(STORE_KINDS)("the audit log page on %s", (kind) => {
  let env: TestEnv;
  let t: Awaited<ReturnType<typeof seedSmallWorld>>;
  beforeAll(async () => {
    env = await openTestEnv(kind, { ADMIN_PASSWORD });
    t = await seedSmallWorld(env);
    // Nothing else in this file touches G111: one user and one key there by the city-wide
    // admin; and a user in C21 by admin-s2.
    const user = await call(env.baseUrl, "POST", "/api/v1/users", {
      token: t.admin,
      json: { username: "grid.clerk", password: "password-369", role: "clerk", orgUnit: "G111" },
    });
    expect(user.status, user.text).toBe(201);
    const key = await call(env.baseUrl, "POST", "/api/v1/api-keys", {
      token: t.admin,
      json: { name: "网格平台", orgUnit: "G111" },
    });
    expect(key.status, key.text).toBe(201);
    const spy = await call(env.baseUrl, "POST", "/api/v1/users", {
      token: t["admin-s2"],
      json: { username: "c21.clerk", password: "password-369", role: "clerk", orgUnit: "C21" },
    });
    expect(spy.status, spy.text).toBe(201);
  });
  afterAll(async () => env?.close());

  const page = (query: string, token = t.admin) =>
    call(env.baseUrl, "GET", `/admin/audit${query}`, { token });

  it("finds the user and the key created in a unit by unit, action and actor", async () => {
    const byUnit = entries((await page("?unit=G111")).text);
    expect(byUnit.map((e) => e.action)).toEqual(["apiKeys.manage", "users.manage"]);
    expect(byUnit[0]!.html).toContain("api-key: ");
    expect(byUnit[0]!.html).toContain("网格平台");
    expect(byUnit[0]!.html).toContain("接口密钥管理 · 新建");
    expect(byUnit[1]!.html).toContain("user: grid.clerk");
    expect(byUnit[1]!.html).toContain("用户管理 · 新建");
    expect(byUnit[1]!.html).toContain("成功 201");

    const users = entries((await page("?unit=G111&action=users.manage&actor=admin")).text);
    expect(users.map((e) => e.html.includes("user: grid.clerk"))).toEqual([true]);
    // Entries by admin-s2 (scoped in S2, about C21) belong to S2, not to S1.
    const s2 = entries((await page("?unit=S2&actor=admin-s2")).text);
    expect(s2.some((e) => e.html.includes("user: c21.clerk"))).toBe(true);
    expect(entries((await page("?unit=S1&actor=admin-s2")).text)).toEqual([]);
    // The seed made five users (admin, POST /users), this file one more by admin.
    expect(total((await page("?actor=admin&action=users.manage")).text)).toBe(6);
  });

  it("filters by Beijing days", async () => {
    const all = total((await page("")).text);
    expect(all).toBeGreaterThan(6);
    const around = `?from=${beijingDay(-1)}&to=${beijingDay(1)}`;
    expect(total((await page(around)).text)).toBe(all);
    expect(total((await page(`?from=${beijingDay(2)}`)).text)).toBe(0);
    expect(total((await page(`?to=${beijingDay(-2)}`)).text)).toBe(0);
    const bad = await page("?from=2026-02-30");
    expect(bad.status).toBe(200);
    expect(bad.text).toContain("开始日期“2026-02-30”不是有效日期");
    const backwards = await page(`?from=${beijingDay(1)}&to=${beijingDay(-1)}`);
    expect(backwards.text).toContain("开始日期晚于结束日期");
  });

  it("keeps a district administrator to its subtree", async () => {
    const mine = entries((await page("", t["admin-s2"])).text);
    expect(mine.length).toBeGreaterThan(0);
    expect(new Set(mine.map((e) => e.actor))).toEqual(new Set(["admin-s2"]));
    expect(total((await page("?actor=admin", t["admin-s2"])).text)).toBe(0);
    const outside = await page("?unit=S1", t["admin-s2"]);
    expect(outside.text).toContain("单位“一街道”不在您的管理范围内");
    expect(entries(outside.text)).toEqual([]);
    const unknown = await page("?unit=NOPE", t["admin-s2"]);
    expect(unknown.text).toContain("没有编码为“NOPE”的单位");
  });

  it("pages 50 entries at a time, newest first", async () => {
    for (let i = 0; i < 60; i++) {
      await insertAudit(env.store.db, {
        actor: "bulk",
        actorKind: "system",
        actorScopeId: null,
        action: "jobs.read",
        method: "POST",
        path: "/api/v1/bulk",
        status: 200,
        target: `bulk ${i}`,
        detail: null,
        ip: null,
        requestId: null,
      });
    }
    const first = await page("?actor=bulk");
    expect(total(first.text)).toBe(60);
    const one = entries(first.text);
    expect(one).toHaveLength(50);
    expect(one[0]!.html).toContain("bulk 59");
    expect(first.text).toContain("第 1 / 2 页");
    expect(first.text).toContain('href="/admin/audit?actor=bulk&amp;page=2"');
    const second = entries((await page("?actor=bulk&page=2")).text);
    expect(second).toHaveLength(10);
    expect(second.at(-1)!.html).toContain("bulk 0");
  });

  it("exports the filtered entries as CSV with Chinese headers, and audits the export", async () => {
    const res = await call(env.baseUrl, "GET", "/admin/audit/export?unit=G111", { token: t.admin });
    expect(res.status, res.text).toBe(200);
    expect(res.contentType).toContain("text/csv");
    expect(res.headers.get("content-disposition")).toContain(encodeURIComponent("审计日志.csv"));
    const records = parse(res.text.replace(/^\uFEFF/, ""), {
      relax_column_count: false,
    }) as string[][];
    expect(records[0]).toEqual([
      "时间",
      "操作人",
      "操作人类型",
      "操作",
      "操作代码",
      "请求方式",
      "路径",
      "结果状态码",
      "对象",
      "详情",
      "来源IP",
      "请求编号",
    ]);
    expect(records).toHaveLength(3);
    const [key, user] = [records[1]!, records[2]!];
    expect(key.slice(1, 8)).toEqual([
      "admin",
      "用户",
      "接口密钥管理 · 新建",
      "apiKeys.manage",
      "POST",
      "/api/v1/api-keys",
      "201",
    ]);
    expect(JSON.parse(key[9]!)).toEqual({ orgUnit: "G111" });
    expect(user[8]).toBe("user: grid.clerk");
    expect(user[0]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\+08:00$/);
    // The export is in the log itself.
    const exports = entries((await page("?action=exports.read&actor=admin")).text);
    expect(exports[0]!.html).toContain("audit.csv");
    // A bad filter gets the Chinese page, not a file.
    const bad = await call(env.baseUrl, "GET", "/admin/audit/export?unit=S1", {
      token: t["admin-s2"],
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain("不在您的管理范围内");
  });

  it("serves the same filters on the JSON API", async () => {
    const res = await call(env.baseUrl, "GET", "/api/v1/audit?orgUnit=G111&action=apiKeys.manage", {
      token: t.admin,
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.entries.map((e: { target: string }) => e.target)).toEqual([
      expect.stringContaining("网格平台"),
    ]);
    const until = await call(
      env.baseUrl,
      "GET",
      `/api/v1/audit?until=${encodeURIComponent("2000-01-01T00:00:00+08:00")}`,
      { token: t.admin },
    );
    expect(until.body.entries).toEqual([]);
    const offset = await call(env.baseUrl, "GET", "/api/v1/audit?actor=bulk&limit=5&offset=55", {
      token: t.admin,
    });
    expect(offset.body.entries.map((e: { target: string }) => e.target)).toEqual([
      "bulk 4",
      "bulk 3",
      "bulk 2",
      "bulk 1",
      "bulk 0",
    ]);
  });
});
