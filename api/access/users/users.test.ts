import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_PASSWORD, seedSmallWorld } from "../../../test/accounts.ts";
import { call, expectProblem, expectShape } from "../../../test/http.ts";
import { openTestEnv, STORE_KINDS, type TestEnv } from "../../../test/stores.ts";
import { User, UserList } from "./schema.ts";

describe.each(STORE_KINDS)("users, API keys and audit on %s", (kind) => {
  let env: TestEnv;
  let t: Awaited<ReturnType<typeof seedSmallWorld>>;
  beforeAll(async () => {
    env = await openTestEnv(kind, { ADMIN_PASSWORD });
    t = await seedSmallWorld(env);
  });
  afterAll(async () => env?.close());

  it("creates a user without echoing the password, and refuses duplicates", async () => {
    const res = await call(env.baseUrl, "POST", "/api/v1/users", {
      token: t.admin,
      json: { username: "clerk-c21", password: "password-369", role: "clerk", orgUnit: "C21" },
    });
    expect(res.status, res.text).toBe(201);
    const user = expectShape(User, res.body);
    expect(user).toMatchObject({
      username: "clerk-c21",
      role: "clerk",
      orgUnit: "C21",
      disabled: false,
    });
    expect(res.text).not.toContain("password");
    const stored = await env.store.db
      .selectFrom("app_user")
      .select("password_hash")
      .where("username", "=", "clerk-c21")
      .executeTakeFirstOrThrow();
    expect(stored.password_hash).toMatch(/^\$2[aby]\$10\$/);
    const again = await call(env.baseUrl, "POST", "/api/v1/users", {
      token: t.admin,
      json: { username: "clerk-c21", password: "password-369", role: "clerk", orgUnit: "C21" },
    });
    expectProblem(again, 409);
  });

  it("keeps usernames unique whatever their case, and signs in by any case", async () => {
    const taken = expectProblem(
      await call(env.baseUrl, "POST", "/api/v1/users", {
        token: t.admin,
        json: { username: "Admin", password: "password-369", role: "admin" },
      }),
      409,
    );
    expect(taken.detail).toBe("用户名“Admin”已被使用（用户名不区分大小写）");
    const created = await call(env.baseUrl, "POST", "/api/v1/users", {
      token: t.admin,
      json: { username: "Wang.Li", password: "password-369", role: "clerk", orgUnit: "C11" },
    });
    expect(created.status, created.text).toBe(201);
    expectProblem(
      await call(env.baseUrl, "POST", "/api/v1/users", {
        token: t.admin,
        json: { username: "wang.li", password: "password-369", role: "clerk", orgUnit: "C12" },
      }),
      409,
    );
    for (const username of ["ADMIN", "admin", "aDmIn"]) {
      const res = await call(env.baseUrl, "POST", "/api/v1/auth/login", {
        json: { username, password: ADMIN_PASSWORD },
      });
      expect(res.status, res.text).toBe(200);
      expect(res.body.user.username).toBe("admin");
    }
    const wang = await call(env.baseUrl, "POST", "/api/v1/auth/login", {
      json: { username: "WANG.LI", password: "password-369" },
    });
    expect(wang.body.user).toMatchObject({ username: "Wang.Li", orgUnit: "C11" });
  });

  it("signs a user out everywhere when an administrator sets a new password", async () => {
    const created = await call(env.baseUrl, "POST", "/api/v1/users", {
      token: t.admin,
      json: { username: "reset-me", password: "password-369", role: "clerk", orgUnit: "C12" },
    });
    expect(created.status, created.text).toBe(201);
    const signIn = async (password: string) =>
      call(env.baseUrl, "POST", "/api/v1/auth/login", {
        json: { username: "reset-me", password },
      });
    const phone = (await signIn("password-369")).body.token as string;
    const desk = (await signIn("password-369")).body.token as string;
    expect((await call(env.baseUrl, "GET", "/api/v1/auth/me", { token: phone })).status).toBe(200);
    const reset = await call(env.baseUrl, "PATCH", `/api/v1/users/${created.body.id}`, {
      token: t.admin,
      json: { password: "new-password-369" },
    });
    expect(reset.status, reset.text).toBe(200);
    for (const token of [phone, desk]) {
      expectProblem(await call(env.baseUrl, "GET", "/api/v1/auth/me", { token }), 401);
    }
    expectProblem(await signIn("password-369"), 401);
    const fresh = await signIn("new-password-369");
    expect(fresh.status, fresh.text).toBe(200);
    expect(
      (await call(env.baseUrl, "GET", "/api/v1/auth/me", { token: fresh.body.token })).status,
    ).toBe(200);
  });

  it("validates users: role, unit, password", async () => {
    const p = expectProblem(
      await call(env.baseUrl, "POST", "/api/v1/users", {
        token: t.admin,
        json: { username: "x", password: "short", role: "boss" },
      }),
      422,
    );
    expect(p.errors!.map((e) => e.path)).toEqual(
      expect.arrayContaining(["body.username", "body.password", "body.role"]),
    );
    const unknownUnit = expectProblem(
      await call(env.baseUrl, "POST", "/api/v1/users", {
        token: t.admin,
        json: { username: "xyz", password: "password-369", role: "clerk", orgUnit: "NOPE" },
      }),
      422,
    );
    expect(unknownUnit.errors![0]).toMatchObject({ path: "body.orgUnit" });
  });

  it("keeps a scoped admin to its subtree and other roles out", async () => {
    expectProblem(
      await call(env.baseUrl, "POST", "/api/v1/users", {
        token: t["admin-s2"],
        json: { username: "spy", password: "password-369", role: "leader", orgUnit: "S1" },
      }),
      403,
    );
    const list = expectShape(
      UserList,
      (await call(env.baseUrl, "GET", "/api/v1/users", { token: t["admin-s2"] })).body,
    );
    expect(list.users.every((u) => u.orgUnit === "S2" || u.orgUnit === "C21")).toBe(true);
    for (const role of ["leader-d1", "assessor-d1", "clerk-s1"] as const) {
      expectProblem(await call(env.baseUrl, "GET", "/api/v1/users", { token: t[role] }), 403);
      expectProblem(
        await call(env.baseUrl, "POST", "/api/v1/api-keys", {
          token: t[role],
          json: { name: "k", orgUnit: "S1" },
        }),
        403,
      );
      expectProblem(await call(env.baseUrl, "GET", "/api/v1/audit", { token: t[role] }), 403);
    }
  });

  it("issues API keys shown once, hashed at rest, scoped to ingest in a subtree, revocable", async () => {
    const res = await call(env.baseUrl, "POST", "/api/v1/api-keys", {
      token: t.admin,
      json: { name: "一网统管", orgUnit: "S1" },
    });
    expect(res.status, res.text).toBe(201);
    const { key, id } = res.body as { key: string; id: number };
    expect(key).toMatch(/^k369_/);
    const rows = await env.store.db.selectFrom("api_key").selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(key);
    const listed = await call(env.baseUrl, "GET", "/api/v1/api-keys", { token: t.admin });
    expect(listed.text).not.toContain(key);
    expect(listed.body.keys[0]).toMatchObject({
      id,
      name: "一网统管",
      orgUnit: "S1",
      revokedAt: null,
    });
    const me = await call(env.baseUrl, "GET", "/api/v1/auth/me", { token: key });
    expect(me.body).toMatchObject({ kind: "api_key", role: "platform", orgUnit: "S1" });
    expect(me.body.actions).toContain("cases.ingest");
    expect(me.body.actions).not.toContain("indicators.read");
    expectProblem(
      await call(env.baseUrl, "PUT", "/api/v1/org-units", {
        token: key,
        json: { units: [{ code: "Z", name: "Z", level: "district" }] },
      }),
      403,
    );
    expectProblem(await call(env.baseUrl, "GET", "/api/v1/org-units?root=S2", { token: key }), 403);
    expect(
      (await call(env.baseUrl, "DELETE", `/api/v1/api-keys/${id}`, { token: t.admin })).status,
    ).toBe(204);
    expectProblem(await call(env.baseUrl, "GET", "/api/v1/auth/me", { token: key }), 401);
  });

  it("writes every write to the audit log with who, what and from where", async () => {
    await call(env.baseUrl, "PUT", "/api/v1/org-units", {
      token: t.admin,
      json: { units: [{ code: "C23", name: "庚社区", level: "community", parentCode: "S2" }] },
    });
    await call(env.baseUrl, "PUT", "/api/v1/org-units", {
      token: t["clerk-s1"],
      json: { units: [{ code: "C24", name: "辛", level: "community", parentCode: "S1" }] },
    });
    const res = await call(env.baseUrl, "GET", "/api/v1/audit?limit=50", { token: t.admin });
    expect(res.status, res.text).toBe(200);
    const entries = res.body.entries as {
      actor: string;
      action: string;
      status: number;
      ip: string;
      target: string;
      at: string;
      path: string;
    }[];
    const ok = entries.find(
      (e) => e.actor === "admin" && e.action === "orgUnits.write" && e.status === 200,
    );
    expect(ok).toBeDefined();
    expect(ok!.ip).toMatch(/127\.0\.0\.1/);
    expect(ok!.target).toContain("org-units");
    expect(
      entries.find((e) => e.actor === "clerk-s1" && e.action === "orgUnits.write")?.status,
    ).toBe(403);
    expect(entries.some((e) => e.action === "users.manage" && e.path === "/api/v1/users")).toBe(
      true,
    );
    expect(entries.some((e) => e.action === "apiKeys.manage")).toBe(true);
    expect(entries.some((e) => e.action === "auth.login")).toBe(true);
    const times = entries.map((e) => Date.parse(e.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const byActor = await call(env.baseUrl, "GET", "/api/v1/audit?actor=clerk-s1", {
      token: t.admin,
    });
    expect(byActor.body.entries.every((e: { actor: string }) => e.actor === "clerk-s1")).toBe(true);
    expectProblem(
      await call(env.baseUrl, "GET", "/api/v1/audit?since=yesterday", { token: t.admin }),
      422,
    );
    const scoped = await call(env.baseUrl, "GET", "/api/v1/audit?limit=500", {
      token: t["admin-s2"],
    });
    expect(scoped.status).toBe(200);
    const actors = new Set(scoped.body.entries.map((e: { actor: string }) => e.actor));
    expect(actors.has("admin")).toBe(false);
    expect(actors.has("clerk-s1")).toBe(false);
    expect(actors.has("admin-s2")).toBe(true);
  });
});
