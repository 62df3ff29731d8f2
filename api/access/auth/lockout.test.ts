import bcrypt from "bcryptjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_PASSWORD, login, seedSmallWorld } from "../../../test/accounts.ts";
import { type CallResult, call, expectProblem } from "../../../test/http.ts";
import { openTestEnv, STORE_KINDS, type TestEnv } from "../../../test/stores.ts";
import { MAX_FAILURES, REFUSED } from "./routes/login.ts";

// The test app believes X-Forwarded-For from its own loopback (TRUSTED_PROXIES=127.0.0.1), so
// each request can come "from" the address the test names.

/** Every password comparison the app makes, by hash. */
const checks: string[] = [];
const countingVerify = (password: string, hash: string) => {
  checks.push(hash);
  return bcrypt.compare(password, hash);
};

const signIn = (env: TestEnv, username: string, password: string, from: string) =>
  call(env.baseUrl, "POST", "/api/v1/auth/login", {
    json: { username, password },
    headers: { "x-forwarded-for": from },
  });

/** What a client can tell from an answer: status and body, less the per-request fields. */
function answer(res: CallResult) {
  const { requestId: _r, instance: _i, ...body } = res.body as Record<string, unknown>;
  return { status: res.status, retryAfter: res.headers.get("retry-after"), body };
}

describe.each(STORE_KINDS)("sign-in lockout on %s", (kind) => {
  let env: TestEnv;
  let t: Awaited<ReturnType<typeof seedSmallWorld>>;
  const hashOf = async (username: string) =>
    (
      await env.store.db
        .selectFrom("app_user")
        .select("password_hash")
        .where("username", "=", username)
        .executeTakeFirstOrThrow()
    ).password_hash;

  beforeAll(async () => {
    env = await openTestEnv(
      kind,
      { ADMIN_PASSWORD, TRUSTED_PROXIES: "127.0.0.1" },
      { verifyPassword: countingVerify },
    );
    t = await seedSmallWorld(env);
  });
  afterAll(async () => env?.close());

  it("checks at most 5 of 20 concurrent wrong passwords, then refuses the right one from that address only", async () => {
    const hash = await hashOf("leader-d1");
    checks.length = 0;
    const burst = await Promise.all(
      Array.from({ length: 20 }, (_, i) => signIn(env, "leader-d1", `wrong-${i}`, "203.0.113.66")),
    );
    for (const res of burst) expect(expectProblem(res, 401).detail).toBe(REFUSED);
    // Every attempt cost one comparison, but only MAX_FAILURES were against the real hash.
    expect(checks.length).toBe(20);
    expect(checks.filter((h) => h === hash).length).toBe(MAX_FAILURES);

    const locked = await signIn(env, "leader-d1", "password-369", "203.0.113.66");
    expect(expectProblem(locked, 401).detail).toBe(REFUSED);
    expect(checks.filter((h) => h === hash).length).toBe(MAX_FAILURES);

    // The same account from another address is not locked.
    const elsewhere = await signIn(env, "leader-d1", "password-369", "198.51.100.20");
    expect(elsewhere.status, elsewhere.text).toBe(200);
    // Nor is the first address for another account.
    expect((await signIn(env, "leader-s1", "password-369", "203.0.113.66")).status).toBe(200);
  });

  it("answers unknown users, wrong passwords, disabled and locked accounts alike, each after one bcrypt", async () => {
    const from = "203.0.113.77";
    for (let i = 0; i < MAX_FAILURES; i++) await signIn(env, "assessor-d1", `bad-${i}`, from);
    const users = await call(env.baseUrl, "GET", "/api/v1/users", { token: t.admin });
    const clerk = users.body.users.find((u: { username: string }) => u.username === "clerk-s1");
    const off = await call(env.baseUrl, "PATCH", `/api/v1/users/${clerk.id}`, {
      token: t.admin,
      json: { disabled: true },
    });
    expect(off.status, off.text).toBe(200);

    const answers: Record<string, ReturnType<typeof answer>> = {};
    for (const [name, username, password] of [
      ["unknown user", "nobody-here", "password-369"],
      ["wrong password", "leader-s1", "password-000"],
      ["locked account, right password", "assessor-d1", "password-369"],
      ["disabled account, right password", "clerk-s1", "password-369"],
    ] as const) {
      checks.length = 0;
      answers[name] = answer(await signIn(env, username, password, from));
      expect(checks.length, name).toBe(1);
    }
    const [first, ...rest] = Object.values(answers);
    expect(first).toMatchObject({ status: 401, retryAfter: null, body: { detail: REFUSED } });
    for (const other of rest) expect(other).toEqual(first);
  });

  it("an administrator's new password unlocks the account from every address", async () => {
    const from = "203.0.113.88";
    for (let i = 0; i < MAX_FAILURES; i++) await signIn(env, "admin-s2", `bad-${i}`, from);
    expectProblem(await signIn(env, "admin-s2", "password-369", from), 401);
    const users = await call(env.baseUrl, "GET", "/api/v1/users", { token: t.admin });
    const id = users.body.users.find((u: { username: string }) => u.username === "admin-s2").id;
    const reset = await call(env.baseUrl, "PATCH", `/api/v1/users/${id}`, {
      token: t.admin,
      json: { password: "password-370" },
    });
    expect(reset.status, reset.text).toBe(200);
    expect((await signIn(env, "admin-s2", "password-370", from)).status).toBe(200);
    await login(env, "admin-s2", "password-370");
  });
});
