import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_PASSWORD, login, seedSmallWorld } from "../../../test/accounts.ts";
import { call, expectProblem, expectShape } from "../../../test/http.ts";
import { openTestEnv, STORE_KINDS, type TestEnv } from "../../../test/stores.ts";
import { User } from "../users/schema.ts";

// Issue 21, point 3: the administrator's pages for users and API keys, and the API changes
// behind their forms (role and scope, disabling, a new password), on both stores. The small
// world: D1 → S1 (C11 → G111, C12), S2 (C21); admin is city-wide, admin-s2 manages S2.

/** The table rows of a page: `data-<attr>` value → the row's HTML. */
function rows(html: string, attr: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = new RegExp(`<tr[^>]*data-${attr}="([^"]+)"[^>]*>([\\s\\S]*?)</tr>`, "g");
  for (const m of html.matchAll(re)) out.set(m[1]!, m[2]!);
  return out;
}

describe.each(STORE_KINDS)("administrator's users and keys pages on %s", (kind) => {
  let env: TestEnv;
  let t: Awaited<ReturnType<typeof seedSmallWorld>>;
  beforeAll(async () => {
    env = await openTestEnv(kind, { ADMIN_PASSWORD });
    t = await seedSmallWorld(env);
  });
  afterAll(async () => env?.close());

  const page = (path: string, token?: string) =>
    call(env.baseUrl, "GET", path, token ? { token } : {});
  const createUser = async (token: string, json: Record<string, unknown>) => {
    const res = await call(env.baseUrl, "POST", "/api/v1/users", {
      token,
      json: { password: "password-369", ...json },
    });
    expect(res.status, res.text).toBe(201);
    return expectShape(User, res.body);
  };
  const patch = (token: string, id: number, json: unknown) =>
    call(env.baseUrl, "PATCH", `/api/v1/users/${id}`, { token, json });

  it("shows 系统管理 with what the administrator's scope allows, and nobody else", async () => {
    const city = await page("/admin", t.admin);
    expect(city.status).toBe(200);
    const links = (html: string) =>
      [...html.matchAll(/data-testid="admin-link-([a-z-]+)"/g)].map((m) => m[1]);
    expect(links(city.text)).toEqual([
      "users",
      "api-keys",
      "audit",
      "org-units",
      "schemes",
      "surveys",
      "reports",
      "periods",
    ]);
    expect(city.text).toContain("管理范围：全部单位");
    expect(city.text).toMatch(/<a href="\/admin" aria-current="page">系统管理<\/a>/);
    const district = await page("/admin", t["admin-s2"]);
    // The scheme, questionnaires, report schedule and closing act on every unit.
    expect(links(district.text)).toEqual(["users", "api-keys", "audit", "org-units"]);
    expect(district.text).toContain("管理范围：二街道及其下级单位");
    for (const who of ["leader-d1", "assessor-d1", "clerk-s1"] as const) {
      for (const path of ["/admin", "/admin/users", "/admin/api-keys", "/admin/audit"]) {
        const refused = await page(path, t[who]);
        expect(refused.status, `${who} ${path}`).toBe(403);
        expect(refused.text).toContain("无权访问");
        expect(refused.text).not.toContain('href="/admin"');
      }
    }
    const anonymous = await fetch(`${env.baseUrl}/admin/users`, { redirect: "manual" });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toBe("/login?next=%2Fadmin%2Fusers");
  });

  it("lists only the users in the administrator's scope", async () => {
    const all = rows((await page("/admin/users", t.admin)).text, "username");
    for (const name of ["admin", "leader-d1", "leader-s1", "clerk-s1", "admin-s2"]) {
      expect(all.has(name), name).toBe(true);
    }
    expect(all.get("admin")).toContain("（当前账号）");
    expect(all.get("leader-s1")).toContain("领导小组");
    expect(all.get("leader-s1")).toContain("一街道");
    const s2 = rows((await page("/admin/users", t["admin-s2"])).text, "username");
    expect([...s2.keys()].sort()).toEqual(["admin-s2"]);
  });

  it("creates, moves, disables and resets a user; the page shows each change", async () => {
    const u = await createUser(t.admin, { username: "page.clerk", role: "clerk", orgUnit: "C11" });
    let row = rows((await page("/admin/users", t.admin)).text, "username").get("page.clerk")!;
    expect(row).toContain("数据填报员");
    expect(row).toContain('data-unit="C11"');
    expect(row).toContain("正常");

    const moved = await patch(t.admin, u.id, { role: "leader", orgUnit: "S2" });
    expect(moved.status, moved.text).toBe(200);
    expect(expectShape(User, moved.body)).toMatchObject({ role: "leader", orgUnit: "S2" });
    row = rows((await page("/admin/users", t.admin)).text, "username").get("page.clerk")!;
    expect(row).toContain("领导小组");
    expect(row).toContain('data-unit="S2"');
    // Now inside S2: the district administrator sees and manages the user.
    expect(
      rows((await page("/admin/users", t["admin-s2"])).text, "username").has("page.clerk"),
    ).toBe(true);

    const session = await login(env, "page.clerk", "password-369");
    const off = await patch(t.admin, u.id, { disabled: true });
    expect(off.status, off.text).toBe(200);
    expectProblem(await call(env.baseUrl, "GET", "/api/v1/auth/me", { token: session }), 401);
    expectProblem(
      await call(env.baseUrl, "POST", "/api/v1/auth/login", {
        json: { username: "page.clerk", password: "password-369" },
      }),
      401,
    );
    row = rows((await page("/admin/users", t.admin)).text, "username").get("page.clerk")!;
    expect(row).toContain("已停用");
    expect(row).toContain("启用账号");

    expect(
      (await patch(t.admin, u.id, { disabled: false, password: "fresh-pass-369" })).status,
    ).toBe(200);
    expect(await login(env, "page.clerk", "fresh-pass-369")).toMatch(/.+/);
  });

  it("refuses role and scope changes outside the administrator's scope", async () => {
    const inS1 = await createUser(t.admin, {
      username: "s1.leader2",
      role: "leader",
      orgUnit: "C12",
    });
    const inS2 = await createUser(t["admin-s2"], {
      username: "s2.clerk",
      role: "clerk",
      orgUnit: "C21",
    });
    // A user outside the scope: not even visible, so not changed.
    const outside = expectProblem(await patch(t["admin-s2"], inS1.id, { role: "clerk" }), 403);
    expect(outside.detail).toBe("用户“s1.leader2”不在您的管理范围内");
    // Moving one's own user out of the scope.
    const away = expectProblem(await patch(t["admin-s2"], inS2.id, { orgUnit: "S1" }), 403);
    expect(away.detail).toBe("单位“一街道”（S1）不在您的管理范围内");
    // To the whole tree: only a city-wide administrator gives that.
    const whole = expectProblem(
      await patch(t["admin-s2"], inS2.id, { role: "admin", orgUnit: null }),
      422,
    );
    expect(whole.errors?.[0]?.path).toBe("body.orgUnit");
    // A role that needs a unit, for a user without one.
    const cityAdmin = await createUser(t.admin, { username: "city.admin2", role: "admin" });
    const needsUnit = expectProblem(await patch(t.admin, cityAdmin.id, { role: "clerk" }), 422);
    expect(needsUnit.errors?.[0]?.message).toBe("数据填报员必须指定所属单位作为数据范围");
    // Within the scope it works.
    const ok = await patch(t["admin-s2"], inS2.id, { role: "assessor", orgUnit: "S2" });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body).toMatchObject({ role: "assessor", orgUnit: "S2" });
    // Nothing of the refused changes stuck.
    const list = await call(env.baseUrl, "GET", "/api/v1/users", { token: t.admin });
    const s1 = list.body.users.find((x: { username: string }) => x.username === "s1.leader2");
    expect(s1).toMatchObject({ role: "leader", orgUnit: "C12", disabled: false });
    // Nobody disables or demotes themselves.
    const me = list.body.users.find((x: { username: string }) => x.username === "admin");
    for (const change of [{ disabled: true }, { role: "leader", orgUnit: "D1" }]) {
      const self = expectProblem(await patch(t.admin, me.id, change), 409);
      expect(self.detail).toContain("不能停用自己的账号");
    }
  });

  it("shows a new key's secret only in the answer, lists it without, and revokes it", async () => {
    const created = await call(env.baseUrl, "POST", "/api/v1/api-keys", {
      token: t.admin,
      json: { name: "网格通", orgUnit: "C21" },
    });
    expect(created.status, created.text).toBe(201);
    const { key, id } = created.body as { key: string; id: number };
    const html = (await page("/admin/api-keys", t.admin)).text;
    expect(html).not.toContain(key);
    const row = rows(html, "key-id").get(String(id))!;
    expect(row).toContain("网格通");
    expect(row).toContain(`${key.slice(0, 10)}…`);
    expect(row).toContain("丙社区");
    expect(row).toContain("从未使用");
    expect(row).toContain("有效");
    // The district administrator sees it (C21 is in S2) and not a key of S1.
    const s1Key = await call(env.baseUrl, "POST", "/api/v1/api-keys", {
      token: t.admin,
      json: { name: "一街道平台", orgUnit: "S1" },
    });
    const s2Keys = rows((await page("/admin/api-keys", t["admin-s2"])).text, "key-id");
    expect([...s2Keys.keys()]).toEqual([String(id)]);
    const refused = expectProblem(
      await call(env.baseUrl, "DELETE", `/api/v1/api-keys/${s1Key.body.id}`, {
        token: t["admin-s2"],
      }),
      403,
    );
    expect(refused.detail).toBe(`接口密钥 ${s1Key.body.id} 不在您的管理范围内`);

    const revoked = await call(env.baseUrl, "DELETE", `/api/v1/api-keys/${id}`, {
      token: t["admin-s2"],
    });
    expect(revoked.status, revoked.text).toBe(204);
    const after = rows((await page("/admin/api-keys", t.admin)).text, "key-id").get(String(id))!;
    expect(after).toContain("已吊销");
    expect(after).toMatch(/已于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 吊销/);
    expectProblem(await call(env.baseUrl, "GET", "/api/v1/auth/me", { token: key }), 401);
  });
});
