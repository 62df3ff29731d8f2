/**
 * Test support (not used by the app): a tiny demo district (2 streets × 3 communities, two
 * quarters of cases, returns and survey responses) plus one community with no data at all, so
 * that every indicator has a value somewhere and zero denominators exist too.
 */
import { expect } from "vitest";
import { DEMO_PASSWORD, seedDemo } from "../../../scripts/demo/generate.ts";
import { ADMIN_PASSWORD, login } from "../../../test/accounts.ts";
import { call } from "../../../test/http.ts";
import type { TestEnv } from "../../../test/stores.ts";

export const PERIOD = "2026Q2";

export async function seedExportWorld(env: TestEnv) {
  await seedDemo(env.store, {
    seed: 11,
    streets: 2,
    communitiesPerStreet: 3,
    casesPerYear: 4000,
    quarters: ["2026Q1", "2026Q2"],
  });
  const admin = await login(env, "admin", ADMIN_PASSWORD);
  const tree = await call(env.baseUrl, "GET", "/api/v1/org-units?depth=1", { token: admin });
  expect(tree.status, tree.text).toBe(200);
  const text = JSON.stringify(tree.body);
  const root = /"code":"(\d+)"/.exec(text)![1]!;
  const street = [...text.matchAll(/"code":"(\d+)"/g)].map((m) => m[1]!).find((c) => c !== root)!;
  const empty = `${street}999`;
  const put = await call(env.baseUrl, "PUT", "/api/v1/org-units", {
    token: admin,
    json: { units: [{ code: empty, name: "无数据社区", level: "community", parentCode: street }] },
  });
  expect(put.status, put.text).toBe(200);
  const tokens = {
    admin,
    assessor: await login(env, "assessor", DEMO_PASSWORD),
    leader: await login(env, "leader", DEMO_PASSWORD),
    streetLeader: await login(env, "street-leader", DEMO_PASSWORD),
    clerk: await login(env, "clerk", DEMO_PASSWORD),
  };
  return { tokens, root, street, empty };
}

/** GET with a bearer token, returning the body's bytes. */
export async function getBytes(env: TestEnv, path: string, token: string) {
  const res = await fetch(`${env.baseUrl}${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return {
    status: res.status,
    headers: res.headers,
    bytes: new Uint8Array(await res.arrayBuffer()),
  };
}
