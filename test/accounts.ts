import { expect } from "vitest";
import { call } from "./http.ts";
import type { TestEnv } from "./stores.ts";

export const ADMIN_PASSWORD = "admin-pass-369";

/** Signs in and returns the bearer token. */
export async function login(env: TestEnv, username: string, password: string): Promise<string> {
  const res = await call(env.baseUrl, "POST", "/api/v1/auth/login", {
    json: { username, password },
  });
  expect(res.status, res.text).toBe(200);
  return res.body.token as string;
}

/**
 * A small tree used across route tests:
 * D1 (district) → S1, S2 (streets) → C11, C12 under S1 and C21 under S2 (communities) → G111 (grid).
 */
export const SMALL_TREE = [
  { code: "D1", name: "测试区", level: "district" },
  { code: "S1", name: "一街道", level: "street", parentCode: "D1" },
  { code: "S2", name: "二街道", level: "street", parentCode: "D1" },
  {
    code: "C11",
    name: "甲社区",
    level: "community",
    parentCode: "S1",
    years: [{ year: 2026, population: 8000, households: 3000 }],
  },
  { code: "C12", name: "乙社区", level: "community", parentCode: "S1" },
  { code: "C21", name: "丙社区", level: "community", parentCode: "S2" },
  { code: "G111", name: "一网格", level: "grid", parentCode: "C11" },
] as const;

/** Creates the small tree and one user per role; returns their tokens. */
export async function seedSmallWorld(env: TestEnv) {
  const admin = await login(env, "admin", ADMIN_PASSWORD);
  const put = await call(env.baseUrl, "PUT", "/api/v1/org-units", {
    token: admin,
    json: { units: SMALL_TREE },
  });
  expect(put.status, put.text).toBe(200);
  const users = [
    { username: "leader-d1", role: "leader", orgUnit: "D1" },
    { username: "leader-s1", role: "leader", orgUnit: "S1" },
    { username: "assessor-d1", role: "assessor", orgUnit: "D1" },
    { username: "clerk-s1", role: "clerk", orgUnit: "S1" },
    { username: "admin-s2", role: "admin", orgUnit: "S2" },
  ];
  for (const u of users) {
    const res = await call(env.baseUrl, "POST", "/api/v1/users", {
      token: admin,
      json: { ...u, password: "password-369" },
    });
    expect(res.status, res.text).toBe(201);
  }
  const tokens: Record<string, string> = { admin };
  for (const u of users) tokens[u.username] = await login(env, u.username, "password-369");
  return tokens as Record<
    "admin" | "leader-d1" | "leader-s1" | "assessor-d1" | "clerk-s1" | "admin-s2",
    string
  >;
}
