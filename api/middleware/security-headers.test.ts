import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, seedDemo } from "../../scripts/demo/generate.ts";
import { ADMIN_PASSWORD, login } from "../../test/accounts.ts";
import { stopReports, waitForReport } from "../../test/fixtures/reports.ts";
import { call } from "../../test/http.ts";
import { openTestEnv, STORE_KINDS, type TestEnv } from "../../test/stores.ts";

// Every page route sends the Content-Security-Policy, and every inline script of its HTML carries
// that response's nonce (a fresh one per response); no page has an inline event handler.

const PERIOD = "2026Q3";

async function get(env: TestEnv, path: string, token?: string) {
  const res = await fetch(env.baseUrl + path, {
    redirect: "manual",
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/** The nonce the policy allows, checked against the page's inline scripts. */
function expectPolicyFits(path: string, page: { headers: Headers; text: string }): string | null {
  const csp = page.headers.get("content-security-policy") ?? "";
  const directives = new Map(
    csp.split(";").map((d) => {
      const [name = "", ...values] = d.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );
  expect(directives.get("script-src")?.slice(0, 1), `${path}: ${csp}`).toEqual(["'self'"]);
  const nonce = /^'nonce-([A-Za-z0-9+/=]{16,})'$/.exec(
    directives.get("script-src")?.[1] ?? "",
  )?.[1];
  expect(nonce, `${path}: ${csp}`).toBeDefined();
  expect(directives.get("script-src"), path).toHaveLength(2);
  expect(directives.get("object-src"), path).toEqual(["'none'"]);
  expect(directives.get("base-uri"), path).toEqual(["'self'"]);
  expect(directives.get("frame-ancestors"), path).toEqual(["'none'"]);
  expect(directives.get("default-src"), path).toEqual(["'self'"]);
  // Inline scripts (not data blocks, not files) carry exactly this nonce.
  for (const tag of page.text.match(/<script\b[^>]*>/g) ?? []) {
    if (/\bsrc=/.test(tag) || /type="application\/json"/.test(tag)) continue;
    expect(tag, path).toBe(`<script nonce="${nonce}">`);
  }
  expect(page.text, path).not.toMatch(/<[^>]+\son[a-z]+=/i);
  expect(page.text, path).not.toMatch(/javascript:/i);
  return nonce ?? null;
}

describe.each(STORE_KINDS)("Content-Security-Policy of the pages on %s", (kind) => {
  let env: TestEnv;
  let token: string;
  let street: string;
  let community: string;
  beforeAll(async () => {
    env = await openTestEnv(kind, { ADMIN_PASSWORD, SURVEY_RATE_LIMIT: "0" });
    await seedDemo(env.store, { streets: 1, communitiesPerStreet: 2, quarters: [PERIOD] });
    token = await login(env, "leader", DEMO_PASSWORD);
    const units = await env.store.db.selectFrom("org_unit").select(["code", "level"]).execute();
    street = units.find((u) => u.level === "street")!.code;
    community = units.find((u) => u.level === "community")!.code;
  }, 180_000);
  afterAll(async () => {
    if (env) await stopReports(env);
    await env?.close();
  });

  it("is sent by every page route, with a nonce on each inline script", async () => {
    const report = await call(env.baseUrl, "POST", "/api/v1/reports", {
      token,
      json: { period: PERIOD, orgUnit: street, edition: "leadership" },
    });
    expect(report.status, report.text).toBe(202);
    await waitForReport(env, token, report.body.id);
    const pages: [string, number, string?][] = [
      ["/login", 200],
      ["/login?next=%2Fdashboard", 200],
      ["/", 302],
      [`/dashboard/${street}?period=${PERIOD}`, 200, token],
      [`/dashboard/${street}/red-items?period=${PERIOD}`, 200, token],
      [`/dashboard/${street}/data-quality?period=${PERIOD}`, 200, token],
      [`/dashboard/NOPE?period=${PERIOD}`, 404, token],
      [`/s/satisfaction/${community}`, 200],
      [`/s/satisfaction/${community}?large=1`, 200],
      [`/s/satisfaction/${community}/assisted`, 200],
      ["/s/satisfaction/NOPE", 404],
      [`/posters/satisfaction/${street}`, 200],
      ["/api/v1/docs", 200],
      [`/api/v1/reports/${report.body.id}/html`, 200, token],
    ];
    for (const [path, status, auth] of pages) {
      const first = await get(env, path, auth);
      expect(first.status, path).toBe(status);
      const nonce = expectPolicyFits(path, first);
      // A fresh nonce per response: one seen in a page cannot be reused for the next.
      const again = await get(env, path, auth);
      expect(expectPolicyFits(path, again), path).not.toBe(nonce);
    }
  });
});
