import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_PASSWORD, login } from "../test/accounts.ts";
import { call, expectProblem } from "../test/http.ts";
import { openTestEnv, STORE_KINDS, type TestEnv } from "../test/stores.ts";

describe.each(STORE_KINDS)("problem+json for every error on %s", (kind) => {
  let env: TestEnv;
  let admin: string;
  beforeAll(async () => {
    env = await openTestEnv(kind, { ADMIN_PASSWORD });
    admin = await login(env, "admin", ADMIN_PASSWORD);
  });
  afterAll(async () => env?.close());

  it("400 for malformed JSON", async () => {
    const res = await call(env.baseUrl, "PUT", "/api/v1/org-units", {
      token: admin,
      body: '{"units": [',
      headers: { "content-type": "application/json" },
    });
    expect(expectProblem(res, 400).detail).toMatch(/JSON/i);
  });

  it("401 for anonymous and bad tokens, with a request id", async () => {
    const res = await call(env.baseUrl, "GET", "/api/v1/users");
    const p = expectProblem(res, 401);
    expect(res.headers.get("www-authenticate")).toBe("Bearer");
    expect(res.headers.get("x-request-id")).toBeTruthy();
    expect((p as { requestId?: string }).requestId).toBe(res.headers.get("x-request-id"));
    expectProblem(await call(env.baseUrl, "GET", "/api/v1/users", { token: "s369_forged" }), 401);
    expectProblem(await call(env.baseUrl, "GET", "/api/v1/users", { token: "k369_forged" }), 401);
  });

  it("404 for unknown API paths, never an HTML page", async () => {
    const res = await call(env.baseUrl, "GET", "/api/v1/nothing-here", { token: admin });
    expectProblem(res, 404);
    expect(res.text).not.toContain("<html");
  });

  it("405 with Allow for a wrong method", async () => {
    const res = await call(env.baseUrl, "DELETE", "/api/v1/org-units", { token: admin });
    expectProblem(res, 405);
    expect(res.headers.get("allow")).toContain("GET");
    expect(res.headers.get("allow")).toContain("PUT");
  });

  it("413 for a body over the limit", async () => {
    const big = `{"units":[${'{"code":"A","name":"x","level":"district"},'.repeat(800_000)}]}`;
    const res = await call(env.baseUrl, "PUT", "/api/v1/org-units", {
      token: admin,
      body: big,
      headers: { "content-type": "application/json" },
    });
    expectProblem(res, 413);
  });

  it("415 for a wrong content type", async () => {
    const res = await call(env.baseUrl, "PUT", "/api/v1/org-units", {
      token: admin,
      body: "units=1",
      headers: { "content-type": "text/plain" },
    });
    expect(expectProblem(res, 415).detail).toContain("application/json");
  });

  it("422 with each field for a body that does not validate", async () => {
    const res = await call(env.baseUrl, "PUT", "/api/v1/org-units", {
      token: admin,
      json: { units: "no" },
    });
    expect(expectProblem(res, 422).errors).toEqual([
      { path: "body.units", message: expect.any(String) },
    ]);
    const empty = await call(env.baseUrl, "POST", "/api/v1/auth/login", { json: {} });
    expect(
      expectProblem(empty, 422)
        .errors!.map((e) => e.path)
        .sort(),
    ).toEqual(["body.password", "body.username"]);
  });

  it("answers health", async () => {
    const res = await call(env.baseUrl, "GET", "/healthz");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: "ok" });
  });
});
