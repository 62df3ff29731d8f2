import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, seedDemo } from "../../scripts/demo/generate.ts";
import { ADMIN_PASSWORD, login } from "../../test/accounts.ts";
import { call } from "../../test/http.ts";
import { openTestEnv, STORE_KINDS, type TestEnv } from "../../test/stores.ts";

// The dashboard's page routes over real HTTP on both stores, on a small demo data set: redirects
// for anonymous callers and missing parameters, the Chinese 403/404 pages, and the figures a page
// carries (data-value attributes) against GET /api/v1/indicators for the same unit and quarter.

const PERIOD = "2026Q3";

/** A page request that does not follow redirects. */
async function get(
  env: TestEnv,
  path: string,
  token?: string,
  headers: Record<string, string> = {},
) {
  const res = await fetch(env.baseUrl + path, {
    redirect: "manual",
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
  });
  return { status: res.status, location: res.headers.get("location"), text: await res.text(), res };
}

/** The attribute `name` of the element carrying `data-testid="id"`. */
function attr(html: string, id: string, name: string): string | undefined {
  const tag = new RegExp(`<[^>]*data-testid="${id}"[^>]*>`).exec(html)?.[0];
  return tag ? new RegExp(`${name}="([^"]*)"`).exec(tag)?.[1] : undefined;
}

const num = (s: string | undefined) => (s === undefined || s === "" ? null : Number(s));

describe.each(STORE_KINDS)("dashboard pages on %s", (kind) => {
  let env: TestEnv;
  const tokens: Record<string, string> = {};
  let root: string;
  let street: string;
  let otherStreet: string;

  beforeAll(async () => {
    env = await openTestEnv(kind, { ADMIN_PASSWORD });
    await seedDemo(env.store, {
      streets: 2,
      communitiesPerStreet: 2,
      quarters: ["2026Q2", PERIOD],
    });
    for (const u of ["leader", "street-leader", "clerk"])
      tokens[u] = await login(env, u, DEMO_PASSWORD);
    tokens.admin = await login(env, "admin", ADMIN_PASSWORD);
    const report = await call(
      env.baseUrl,
      "GET",
      `/api/v1/indicators?period=${PERIOD}&children=true`,
      {
        token: tokens.leader,
      },
    );
    expect(report.status, report.text).toBe(200);
    root = report.body.units[0].code;
    street = report.body.units[1].code;
    otherStreet = report.body.units[2].code;
  });
  afterAll(async () => {
    await env?.close();
  });

  it("sends anonymous visitors to the sign-in page, with where they were going", async () => {
    expect(await get(env, "/")).toMatchObject({ status: 302, location: "/login" });
    const page = await get(env, `/dashboard/${root}?period=${PERIOD}`);
    expect(page.status).toBe(302);
    expect(page.location).toBe(
      `/login?next=${encodeURIComponent(`/dashboard/${root}?period=${PERIOD}`)}`,
    );
    const signIn = await get(env, "/login?next=/dashboard");
    expect(signIn.status).toBe(200);
    expect(signIn.text).toContain("<!DOCTYPE html>");
    expect(signIn.text).toContain('id="login-form"');
    expect(signIn.text).toContain('data-next="/dashboard"');
    // `next` never leaves the site.
    expect(await get(env, "/login?next=//evil.example/x")).toMatchObject({ status: 200 });
    expect((await get(env, "/login?next=//evil.example/x")).text).toContain('data-next="/"');
  });

  it("opens the caller's own unit at the latest quarter with data", async () => {
    expect(await get(env, "/", tokens.leader)).toMatchObject({
      status: 302,
      location: "/dashboard",
    });
    expect(await get(env, "/dashboard", tokens.leader)).toMatchObject({
      status: 302,
      location: `/dashboard/${root}?period=${PERIOD}`,
    });
    expect(await get(env, "/dashboard", tokens["street-leader"])).toMatchObject({
      location: `/dashboard/${street}?period=${PERIOD}`,
    });
    expect(await get(env, `/dashboard/${street}?period=junk`, tokens.leader)).toMatchObject({
      status: 302,
      location: `/dashboard/${street}?period=${PERIOD}`,
    });
    expect(await get(env, "/login", tokens.leader)).toMatchObject({ status: 302, location: "/" });
  });

  it("shows the API's index, grade, dimensions and child ranking for the unit and quarter", async () => {
    const page = await get(env, `/dashboard/${root}?period=${PERIOD}`, tokens.leader);
    expect(page.status).toBe(200);
    expect(page.res.headers.get("content-type")).toContain("text/html");
    const api = await call(
      env.baseUrl,
      "GET",
      `/api/v1/indicators?period=${PERIOD}&orgUnit=${root}&children=true`,
      {
        token: tokens.leader,
      },
    );
    const [own, ...kids] = api.body.units;
    expect(num(attr(page.text, "overall-index", "data-value"))).toBe(own.index);
    const grades: Record<string, string> = {
      优秀: "excellent",
      良好: "good",
      合格: "pass",
      不合格: "fail",
    };
    expect(attr(page.text, "overall-grade", "data-value")).toBe(own.grade ? grades[own.grade] : "");
    for (const d of ["governance", "service", "resources", "participation"]) {
      expect(num(attr(page.text, `dimension-${d}`, "data-value"))).toBe(own.dimensions[d].score);
    }
    for (const i of own.indicators) {
      expect(num(attr(page.text, `indicator-${i.code}`, "data-value")), i.code).toBe(i.value);
      expect(attr(page.text, `indicator-${i.code}`, "data-status")).toBe(i.status ?? "");
    }
    const rows = [
      ...page.text.matchAll(
        /<tr data-testid="child-row" data-code="([^"]+)" data-rank="([^"]*)" data-index="([^"]*)"/g,
      ),
    ];
    expect(rows.map((r) => r[1]).sort()).toEqual(kids.map((k: { code: string }) => k.code).sort());
    for (const r of rows) {
      const kid = kids.find((k: { code: string }) => k.code === r[1]);
      expect(num(r[2])).toBe(kid.rank);
      expect(num(r[3])).toBe(kid.index);
    }
    // Listed in rank order, unranked last.
    const ranks = rows.map((r) => num(r[2]) ?? Number.POSITIVE_INFINITY);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(page.text).toContain('id="dashboard-data"');
    expect(page.text).toContain("2026年第三季度");
  });

  it("renders without chart data when charts are turned off", async () => {
    const page = await get(env, `/dashboard/${root}?period=${PERIOD}&charts=0`, tokens.leader);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('id="dashboard-data"');
    expect(page.text).toContain("图表已关闭");
  });

  it("refuses a unit outside the caller's subtree with a Chinese 403 page, and an unknown one with 404", async () => {
    const own = await get(env, `/dashboard/${street}?period=${PERIOD}`, tokens["street-leader"]);
    expect(own.status).toBe(200);
    const other = await get(
      env,
      `/dashboard/${otherStreet}?period=${PERIOD}`,
      tokens["street-leader"],
    );
    expect(other.status).toBe(403);
    expect(other.text).toContain("无权访问");
    expect(other.text).toContain(`/dashboard/${street}?period=${PERIOD}`);
    const up = await get(
      env,
      `/dashboard/${root}/red-items?period=${PERIOD}`,
      tokens["street-leader"],
    );
    expect(up.status).toBe(403);
    const missing = await get(env, `/dashboard/NOPE?period=${PERIOD}`, tokens.leader);
    expect(missing.status).toBe(404);
    expect(missing.text).toContain("未找到该单位");
  });

  it("lists red items sorted by score and the data-quality findings the API reports", async () => {
    const red = await get(env, `/dashboard/${root}/red-items?period=${PERIOD}`, tokens.leader);
    expect(red.status).toBe(200);
    const scores = [...red.text.matchAll(/data-testid="red-row"[^>]*data-score="([^"]+)"/g)].map(
      (m) => Number(m[1]),
    );
    expect(scores.every((s) => s < 60)).toBe(true);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    const overview = await get(env, `/dashboard/${root}?period=${PERIOD}`, tokens.leader);
    expect(num(attr(overview.text, "red-count", "data-value"))).toBe(scores.length);

    const dq = await get(env, `/dashboard/${root}/data-quality?period=${PERIOD}`, tokens.leader);
    expect(dq.status).toBe(200);
    const api = await call(
      env.baseUrl,
      "GET",
      `/api/v1/data-quality?period=${PERIOD}&orgUnit=${root}`,
      {
        token: tokens.leader,
      },
    );
    const rows = dq.text.match(/data-testid="finding-row"/g) ?? [];
    expect(rows.length).toBe(api.body.findings.length);
  });

  it("gives a clerk the overview without survey statistics their role may not read", async () => {
    const page = await get(env, `/dashboard/${street}?period=${PERIOD}`, tokens.clerk);
    expect(page.status).toBe(200);
    expect(page.text).toContain('data-testid="survey-slot"');
    expect(page.text).not.toContain("最新留言");
  });

  it("signs out through the page form: session revoked, back to the sign-in page", async () => {
    const res = await fetch(`${env.baseUrl}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "leader", password: DEMO_PASSWORD }),
    });
    const cookie = res.headers.get("set-cookie")!.split(";")[0]!;
    expect((await get(env, "/dashboard", undefined, { cookie })).status).toBe(302);
    const out = await fetch(`${env.baseUrl}/logout`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie, origin: env.baseUrl },
    });
    expect(out.status).toBe(303);
    expect(out.headers.get("location")).toBe("/login");
    const after = await get(env, `/dashboard/${root}?period=${PERIOD}`, undefined, { cookie });
    expect(after.location).toMatch(/^\/login\?next=/);
  });

  it("serves only flat bundle names", async () => {
    expect((await get(env, "/dashboard/assets/manifest.json")).status).toBe(404);
    expect((await get(env, "/dashboard/assets/..%2Fpackage.json")).status).toBe(404);
    expect((await get(env, "/dashboard/assets/nothing-here.js")).status).toBe(404);
  });
});
