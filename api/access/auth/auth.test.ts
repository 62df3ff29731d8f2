import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_PASSWORD, login, seedSmallWorld } from "../../../test/accounts.ts";
import { call, expectProblem, expectShape } from "../../../test/http.ts";
import { openTestEnv, STORE_KINDS, type TestEnv } from "../../../test/stores.ts";
import { MAX_FAILURES, REFUSED } from "./routes/login.ts";
import { LoginResult, Me } from "./schema.ts";

describe.each(STORE_KINDS)("auth on %s", (kind) => {
  let env: TestEnv;
  let t: Awaited<ReturnType<typeof seedSmallWorld>>;
  beforeAll(async () => {
    env = await openTestEnv(kind, { ADMIN_PASSWORD });
    t = await seedSmallWorld(env);
  });
  afterAll(async () => env?.close());

  it("signs in with a bearer token and an HttpOnly SameSite cookie", async () => {
    const res = await call(env.baseUrl, "POST", "/api/v1/auth/login", {
      json: { username: "leader-s1", password: "password-369" },
    });
    expect(res.status).toBe(200);
    const body = expectShape(LoginResult, res.body);
    expect(body.token).toMatch(/^s369_/);
    expect(body.user).toEqual({ username: "leader-s1", role: "leader", orgUnit: "S1" });
    expect(new Date(body.expiresAt).getTime()).toBeGreaterThan(Date.now());
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toContain("s369_session=");
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const viaCookie = await call(env.baseUrl, "GET", "/api/v1/auth/me", {
      headers: { cookie: cookie.split(";")[0]! },
    });
    expect(expectShape(Me, viaCookie.body)).toMatchObject({
      name: "leader-s1",
      role: "leader",
      orgUnit: "S1",
    });
  });

  it("refuses a wrong password and an unknown user alike", async () => {
    const wrong = expectProblem(
      await call(env.baseUrl, "POST", "/api/v1/auth/login", {
        json: { username: "leader-d1", password: "nope-nope" },
      }),
      401,
    );
    const unknown = expectProblem(
      await call(env.baseUrl, "POST", "/api/v1/auth/login", {
        json: { username: "ghost", password: "nope-nope" },
      }),
      401,
    );
    expect(wrong.detail).toBe(unknown.detail);
  });

  it("locks an account after repeated failures, even for the right password", async () => {
    for (let i = 0; i < MAX_FAILURES; i++) {
      await call(env.baseUrl, "POST", "/api/v1/auth/login", {
        json: { username: "assessor-d1", password: `bad-${i}` },
      });
    }
    const locked = await call(env.baseUrl, "POST", "/api/v1/auth/login", {
      json: { username: "assessor-d1", password: "password-369" },
    });
    // Refused like a wrong password: a lock must not tell a stranger that the account exists.
    expect(expectProblem(locked, 401).detail).toBe(REFUSED);
    // An admin resetting the password unlocks it.
    const users = await call(env.baseUrl, "GET", "/api/v1/users", { token: t.admin });
    const id = users.body.users.find((u: { username: string }) => u.username === "assessor-d1").id;
    const reset = await call(env.baseUrl, "PATCH", `/api/v1/users/${id}`, {
      token: t.admin,
      json: { password: "password-370" },
    });
    expect(reset.status, reset.text).toBe(200);
    await login(env, "assessor-d1", "password-370");
  });

  it("revokes a token on logout", async () => {
    const token = await login(env, "leader-d1", "password-369");
    expect((await call(env.baseUrl, "GET", "/api/v1/auth/me", { token })).status).toBe(200);
    expect((await call(env.baseUrl, "POST", "/api/v1/auth/logout", { token })).status).toBe(200);
    expectProblem(await call(env.baseUrl, "GET", "/api/v1/auth/me", { token }), 401);
    expectProblem(await call(env.baseUrl, "GET", "/api/v1/org-units", { token }), 401);
  });

  it("expires sessions", async () => {
    const token = await login(env, "leader-d1", "password-369");
    const me = await env.store.db
      .selectFrom("app_user")
      .select("id")
      .where("username", "=", "leader-d1")
      .executeTakeFirstOrThrow();
    await env.store.db
      .updateTable("session")
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where("user_id", "=", me.id)
      .execute();
    expectProblem(await call(env.baseUrl, "GET", "/api/v1/org-units", { token }), 401);
  });

  it("disabling a user revokes their sessions", async () => {
    const token = await login(env, "leader-s1", "password-369");
    const users = await call(env.baseUrl, "GET", "/api/v1/users", { token: t.admin });
    const id = users.body.users.find((u: { username: string }) => u.username === "leader-s1").id;
    await call(env.baseUrl, "PATCH", `/api/v1/users/${id}`, {
      token: t.admin,
      json: { disabled: true },
    });
    expectProblem(await call(env.baseUrl, "GET", "/api/v1/org-units", { token }), 401);
    expectProblem(
      await call(env.baseUrl, "POST", "/api/v1/auth/login", {
        json: { username: "leader-s1", password: "password-369" },
      }),
      401,
    );
  });
});
