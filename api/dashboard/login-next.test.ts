import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_PASSWORD, login } from "../../test/accounts.ts";
import { openTestEnv, STORE_KINDS, type TestEnv } from "../../test/stores.ts";

// GET /login?next=…: a signed-in visitor is redirected to `next`, an anonymous one gets it in the
// form (data-next) the sign-in bundle follows. Either way only a same-site path survives.

const HOSTILE = [
  "https://evil.example/",
  "//evil.example",
  "/\\evil.example",
  "/\t/evil.example",
  "/\n/evil.example",
  "/%2F%2Fevil.example",
  "/%5Cevil.example",
  "/%09/evil.example",
  "/%0A/evil.example",
  "/%252F/evil.example",
  "/.//evil.example",
  "/%2e%2e//evil.example",
  "javascript:alert(1)",
];

async function get(env: TestEnv, path: string, token?: string) {
  const res = await fetch(env.baseUrl + path, {
    redirect: "manual",
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return { status: res.status, location: res.headers.get("location"), text: await res.text() };
}

describe.each(STORE_KINDS)("the sign-in page's next on %s", (kind) => {
  let env: TestEnv;
  let admin: string;
  beforeAll(async () => {
    env = await openTestEnv(kind, { ADMIN_PASSWORD });
    admin = await login(env, "admin", ADMIN_PASSWORD);
  });
  afterAll(async () => env?.close());

  it.each(HOSTILE.map((h) => [h]))("sends a signed-in visitor with next=%j to /", async (next) => {
    const res = await get(env, `/login?next=${encodeURIComponent(next)}`, admin);
    expect(res).toMatchObject({ status: 302, location: "/" });
  });

  it.each(HOSTILE.map((h) => [h]))("gives the anonymous form next=%j as /", async (next) => {
    const res = await get(env, `/login?next=${encodeURIComponent(next)}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('data-next="/"');
  });

  it("keeps a same-site path", async () => {
    const next = "/dashboard/D1/red-items?period=2026Q3";
    const res = await get(env, `/login?next=${encodeURIComponent(next)}`, admin);
    expect(res).toMatchObject({ status: 302, location: next });
  });
});
