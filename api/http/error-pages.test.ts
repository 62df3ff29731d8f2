import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, seedDemo } from "../../scripts/demo/generate.ts";
import { ADMIN_PASSWORD, login } from "../../test/accounts.ts";
import { openTestEnv, STORE_KINDS, type TestEnv } from "../../test/stores.ts";
import { createApp } from "../app.ts";
import { Forbidden } from "../errors.ts";

// What a person meets outside the happy path, over real HTTP on both stores: each role's
// navigation with its own work first (and the API reference only for administrators and
// assessors), the Chinese 404/403/500 pages a browser gets for page routes while API clients keep
// problem+json, and the site icon.

const PERIOD = "2026Q3";
const HTML = { accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" };
const CJK = /[\u4e00-\u9fff]/;

/** The labels of the main navigation, in order. */
function navLabels(html: string): string[] {
  const nav = /<nav aria-label="主导航">([\s\S]*?)<\/nav>/.exec(html)?.[1] ?? "";
  return [...nav.matchAll(/<a [^>]*>([^<]+)<\/a>/g)].map((m) => m[1]!);
}

describe.each(STORE_KINDS)("navigation and error pages on %s", (kind) => {
  let env: TestEnv;
  const tokens: Record<string, string> = {};

  async function get(path: string, who?: string, headers: Record<string, string> = {}) {
    const res = await fetch(env.baseUrl + path, {
      redirect: "manual",
      headers: { ...(who ? { authorization: `Bearer ${tokens[who]}` } : {}), ...headers },
    });
    return { status: res.status, res, text: await res.text() };
  }

  beforeAll(async () => {
    env = await openTestEnv(kind, { ADMIN_PASSWORD });
    await seedDemo(env.store, { streets: 2, communitiesPerStreet: 1, quarters: [PERIOD] });
    for (const u of ["leader", "assessor", "clerk"]) tokens[u] = await login(env, u, DEMO_PASSWORD);
    tokens.admin = await login(env, "admin", ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await env?.close();
  });

  it("shows each role its own work first; the API reference only to admins and assessors", async () => {
    const expected: Record<string, string[]> = {
      clerk: ["季度填报", "整改任务", "核减申请", "数据质量", "驾驶舱", "红色指标", "整改台账"],
      assessor: [
        "评估工作台",
        "评估打分",
        "问卷核查",
        "核减申请",
        "整改验收",
        "数据质量",
        "驾驶舱",
        "红色指标",
        "整改台账",
        "接口文档",
      ],
      admin: [
        "系统管理",
        "季度关账",
        "驾驶舱",
        "数据质量",
        "红色指标",
        "核减申请",
        "整改任务",
        "整改验收",
        "整改台账",
        "评估打分",
        "问卷核查",
        "季度填报",
        "评估工作台",
        "接口文档",
      ],
      leader: [
        "驾驶舱",
        "红色指标",
        "整改验收",
        "整改台账",
        "核减申请",
        "季度填报",
        "数据质量",
        "整改任务",
      ],
    };
    for (const [who, labels] of Object.entries(expected)) {
      const home = await get("/dashboard", who);
      expect(home.status, who).toBe(302);
      const location = home.res.headers.get("location")!;
      const page = await get(location, who);
      expect(page.status, `${who} ${location}`).toBe(200);
      expect(navLabels(page.text), who).toEqual(labels);
      expect(page.text.includes('href="/api/v1/docs"'), who).toBe(labels.includes("接口文档"));
      // The overview is the current page wherever it is in the list.
      expect(page.text).toMatch(/<a href="[^"]*" aria-current="page">驾驶舱<\/a>/);
    }
  });

  it("answers a browser's unknown path with the Chinese 404 page, with the role's navigation", async () => {
    const page = await get("/no/such/page?x=1", "clerk", HTML);
    expect(page.status).toBe(404);
    expect(page.res.headers.get("content-type")).toContain("text/html");
    expect(page.text).toContain("<!DOCTYPE html>");
    expect(page.text).toContain('data-testid="error-404"');
    expect(page.text).toContain("页面不存在");
    expect(page.text).toContain("没有这个页面：/no/such/page");
    expect(navLabels(page.text)[0]).toBe("季度填报");
    expect(page.text).toContain('<a href="/dashboard">返回首页</a>');
    // Signed out: no navigation, a way to sign in that comes back here.
    const anonymous = await get("/no/such/page", undefined, HTML);
    expect(anonymous.status).toBe(404);
    expect(navLabels(anonymous.text)).toEqual([]);
    expect(anonymous.text).toContain(`href="/login?next=${encodeURIComponent("/no/such/page")}"`);
  });

  it("keeps problem+json for /api paths and for clients that do not ask for HTML", async () => {
    for (const [path, headers] of [
      ["/api/v1/no-such-thing", HTML],
      ["/no/such/page", { accept: "application/json" }],
      ["/no/such/page", {}],
    ] as const) {
      const res = await get(path, "clerk", headers);
      expect(res.status, path).toBe(404);
      expect(res.res.headers.get("content-type"), path).toContain("application/problem+json");
      const body = JSON.parse(res.text);
      expect(body).toMatchObject({ status: 404, instance: path });
      expect(body.detail, path).toMatch(CJK);
    }
  });

  it("answers a page route that refuses or fails with the Chinese 403 or 500 page", async () => {
    // The real app on the same store, with two page routes that fail the ways a page can.
    const app = createApp(env.deps);
    app.get("/test-pages/refuses", () => {
      throw new Forbidden("该单位不在您的管辖范围内");
    });
    app.get("/test-pages/breaks", () => {
      throw new Error("the store went away");
    });
    const auth = { authorization: `Bearer ${tokens.assessor}` };
    const refused = await app.request("/test-pages/refuses", { headers: { ...HTML, ...auth } });
    expect(refused.status).toBe(403);
    const refusedText = await refused.text();
    expect(refusedText).toContain('data-testid="error-403"');
    expect(refusedText).toContain("无权访问");
    expect(refusedText).toContain("该单位不在您的管辖范围内");
    expect(navLabels(refusedText)[0]).toBe("评估工作台");

    const broken = await app.request("/test-pages/breaks", { headers: { ...HTML, ...auth } });
    expect(broken.status).toBe(500);
    const brokenText = await broken.text();
    expect(brokenText).toContain('data-testid="error-500"');
    expect(brokenText).toContain("系统出错");
    expect(brokenText).toContain(`请求编号 ${broken.headers.get("x-request-id")}`);
    expect(brokenText).not.toContain("the store went away");

    // The same failures asked for as JSON stay problem+json.
    const json = await app.request("/test-pages/breaks", {
      headers: { accept: "application/json", ...auth },
    });
    expect(json.status).toBe(500);
    expect(json.headers.get("content-type")).toContain("application/problem+json");
    expect(((await json.json()) as { detail: string }).detail).toMatch(CJK);
  });

  it("answers a browser's wrong method on a page route with a Chinese page and Allow", async () => {
    const res = await fetch(`${env.baseUrl}/login`, {
      method: "DELETE",
      headers: { ...HTML, authorization: `Bearer ${tokens.leader}` },
    });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toContain("GET");
    const text = await res.text();
    expect(text).toContain('data-testid="error-405"');
    expect(text).toContain("不支持的请求方式");
  });

  it("serves the site icon as ICO and SVG, linked from the pages", async () => {
    const ico = await get("/favicon.ico");
    expect(ico.status).toBe(200);
    expect(ico.res.headers.get("content-type")).toBe("image/x-icon");
    const bytes = new Uint8Array(await (await fetch(`${env.baseUrl}/favicon.ico`)).arrayBuffer());
    // ICONDIR: reserved 0, type 1 (icon), one image; the image is a PNG.
    expect([...bytes.slice(0, 6)]).toEqual([0, 0, 1, 0, 1, 0]);
    expect([...bytes.slice(22, 26)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    const svg = await get("/favicon.svg");
    expect(svg.status).toBe(200);
    expect(svg.res.headers.get("content-type")).toContain("image/svg+xml");
    expect(svg.text).toContain("<svg");
    expect(svg.text).toContain(">369</text>");
    for (const path of ["/login", "/no/such/page"]) {
      const page = await get(path, undefined, HTML);
      expect(page.text, path).toContain(
        '<link rel="icon" href="/favicon.svg" type="image/svg+xml"',
      );
      expect(page.text, path).toContain('<link rel="icon" href="/favicon.ico"');
    }
  });
});
