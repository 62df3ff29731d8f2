import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_PASSWORD, seedSmallWorld } from "../../test/accounts.ts";
import { call } from "../../test/http.ts";
import { openTestEnv, STORE_KINDS, type TestEnv } from "../../test/stores.ts";
import { findUnitByCode } from "../org-tree/queries.ts";
import { insertReport } from "../reporting/queries/reports.ts";

// The setup pages under 系统管理 over real HTTP on both stores: the org tree (browse, a unit's
// yearly facts, written through the API the page's form calls), scheme versions with their
// changes, survey definitions with a read-only preview, the report schedule and report jobs; an
// administrator of S2 sees only S2's subtree, others get 403.

const NOW = new Date("2026-10-20T02:00:00Z"); // Tuesday 10:00 in Shanghai, 2026Q4

/** The text content of every element carrying `attr="value"` … (rough, enough for these pages). */
const count = (html: string, needle: string) => html.split(needle).length - 1;

describe.each(STORE_KINDS)("setup pages on %s", (kind) => {
  let env: TestEnv;
  let t: Awaited<ReturnType<typeof seedSmallWorld>>;

  const page = async (token: string | undefined, path: string, status = 200) => {
    const res = await call(env.baseUrl, "GET", path, token ? { token } : {});
    expect(res.status, res.text.slice(0, 400)).toBe(status);
    return res.text;
  };

  beforeAll(async () => {
    env = await openTestEnv(kind, { ADMIN_PASSWORD }, { now: () => NOW });
    t = await seedSmallWorld(env);
  }, 120_000);
  afterAll(async () => {
    await env?.close();
  });

  it("lets only administrators in, and sends a visitor to sign in", async () => {
    const anon = await fetch(`${env.baseUrl}/admin/schemes?id=x`, { redirect: "manual" });
    expect(anon.status).toBe(302);
    expect(anon.headers.get("location")).toBe(
      `/login?next=${encodeURIComponent("/admin/schemes?id=x")}`,
    );
    for (const path of ["/admin/org-units", "/admin/schemes", "/admin/surveys", "/admin/reports"]) {
      const html = await page(t["leader-d1"], path, 403);
      expect(html).toContain("只对系统管理员开放");
      await page(t["clerk-s1"], path, 403);
      const own = await page(t.admin, path);
      expect(own).toContain('href="/admin"');
      expect(own).toContain("系统管理");
    }
  });

  it("browses the tree from its roots down to a unit with its yearly facts", async () => {
    const roots = await page(t.admin, "/admin/org-units");
    expect(roots).toMatch(
      /<tr data-code="D1">[\s\S]*?测试区[\s\S]*?<td class="num" data-label="下级单位">2<\/td>/,
    );
    const s1 = await page(t.admin, "/admin/org-units?unit=S1");
    expect(s1).toContain('data-testid="unit" data-code="S1"');
    expect(s1).toContain('data-testid="no-years"');
    expect(s1).toContain('data-testid="facts-form"');
    // C11's 2026 facts (8,000 people) in its row; C12 has none.
    expect(s1).toMatch(/<tr data-code="C11">[\s\S]*?data-value="8000">8,000/);
    expect(s1).toMatch(/<tr data-code="C12">[\s\S]*?data-value="">—/);
    expect(count(s1, 'data-testid="child-link"')).toBe(2);
    const crumbs = [...s1.matchAll(/data-testid="unit-crumb">([^<]+)</g)].map((m) => m[1]);
    expect(crumbs).toEqual(["全部单位", "测试区"]);
    const c11 = await page(t.admin, "/admin/org-units?unit=C11");
    expect(c11).toMatch(/<tr data-year="2026"><td>2026<\/td><td class="num" data-value="8000">/);
    expect(c11).toContain('name="population" min="0" step="1" value="8000"');
    const none = await page(t.admin, "/admin/org-units?unit=NOPE", 404);
    expect(none).toContain("没有编码为 NOPE 的单位");
  });

  it("keeps a district's administrator inside its subtree and records the facts it edits", async () => {
    const own = await page(t["admin-s2"], "/admin/org-units");
    expect(own).toContain('data-testid="unit" data-code="S2"');
    expect(own).toContain("管理范围：二街道");
    expect(own).toContain('data-testid="edit-note"');
    expect(own).not.toContain('data-testid="facts-form"');
    expect(own).not.toContain("全部单位");
    await page(t["admin-s2"], "/admin/org-units?unit=S1", 403);
    await page(t["admin-s2"], "/admin/org-units?unit=D1", 403);
    const c21 = await page(t["admin-s2"], "/admin/org-units?unit=C21");
    expect(c21).toContain('data-testid="facts-form"');
    // What the page's form sends: the unit's own fields repeated, one year's facts.
    const put = await call(env.baseUrl, "PUT", "/api/v1/org-units", {
      token: t["admin-s2"],
      json: {
        units: [
          {
            code: "C21",
            name: "丙社区",
            level: "community",
            parentCode: "S2",
            urban: null,
            years: [{ year: 2025, population: 6120, households: 2300 }],
          },
        ],
      },
    });
    expect(put.status, put.text).toBe(200);
    expect(put.body).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
    const after = await page(t["admin-s2"], "/admin/org-units?unit=C21");
    expect(after).toMatch(
      /<tr data-year="2025"><td>2025<\/td><td class="num" data-value="6120">6,120/,
    );
    const audit = await call(env.baseUrl, "GET", "/api/v1/audit?actor=admin-s2", {
      token: t.admin,
    });
    expect(audit.status, audit.text).toBe(200);
    const entry = audit.body.entries.find(
      (e: { method: string; path: string }) => e.method === "PUT" && e.path === "/api/v1/org-units",
    );
    expect(entry).toMatchObject({ status: 200, target: "org-units: 1 unit(s)" });
    expect(entry.detail.codes).toEqual(["C21"]);
  });

  it("lists scheme versions with what each changed, and offers the next only to a city admin", async () => {
    const first = await page(t.admin, "/admin/schemes");
    expect(first).toContain('data-testid="scheme-version" data-id="369-default" data-version="1"');
    expect(first).toContain("首个版本");
    const list = await call(env.baseUrl, "GET", "/api/v1/schemes?id=369-default", {
      token: t.admin,
    });
    const v1 = list.body.schemes[0].definition;
    const g1 = v1.indicators.G1.weight as number;
    expect(first).toContain(`name="ind:G1:weight" value="${g1}" data-before="${g1}"`);
    expect(first).toContain('name="validFromYear" value="2027"');
    const definition = structuredClone(v1);
    definition.indicators.G1.weight = g1 + 2;
    definition.dimensions.service.weight = 25;
    const created = await call(env.baseUrl, "POST", "/api/v1/schemes", {
      token: t.admin,
      json: { id: "369-default", name: "2027 年方案", validFromYear: 2027, definition },
    });
    expect(created.status, created.text).toBe(201);
    const second = await page(t.admin, "/admin/schemes");
    const v2 = second.slice(second.indexOf('data-version="2"'), second.indexOf('data-version="1"'));
    expect(v2).toContain("自 2027 年起生效");
    expect(v2).toContain(
      `<li data-code="service" data-field="weight">服务效能（维度） 权重：${v1.dimensions.service.weight} → <span class="after">25</span></li>`,
    );
    expect(v2).toMatch(
      new RegExp(
        `data-code="G1" data-field="weight">G1 [^<]+ 权重：${g1} → <span class="after">${g1 + 2}<`,
      ),
    );
    expect(count(v2, "<li data-code=")).toBe(2);
    expect(second).toContain("从第 2 版新建 369-default");
    const scoped = await page(t["admin-s2"], "/admin/schemes");
    expect(scoped).toContain('data-testid="form-note"');
    expect(scoped).not.toContain('data-testid="scheme-form"');
    expect(count(scoped, 'data-testid="scheme-version"')).toBe(2);
  });

  it("previews a survey version's questions read-only", async () => {
    const html = await page(t.admin, "/admin/surveys");
    expect(html).toContain('data-testid="survey-preview" data-id="satisfaction" data-version="1"');
    const names = [...html.matchAll(/data-testid="question" data-name="([^"]+)"/g)].map(
      (m) => m[1],
    );
    expect(names).toEqual([
      "overall",
      "timeliness",
      "effectiveness",
      "transparency",
      "attitude",
      "ageBand",
      "comment",
    ]);
    expect(html).toContain("<li>80 岁及以上</li>");
    await page(t.admin, "/admin/surveys?id=nope", 404);
    await page(t.admin, "/admin/surveys?id=satisfaction&version=9", 404);
  });

  it("shows the report schedule, a cron trial and the report jobs in scope", async () => {
    const db = env.store.db;
    for (const code of ["S1", "S2"]) {
      const unit = await findUnitByCode(db, code);
      await insertReport(db, {
        id: crypto.randomUUID(),
        orgUnitId: unit!.id,
        year: 2026,
        quarter: 3,
        edition: "leadership",
        schemeId: "369-default",
        scopeUnitId: null,
        createdBy: "schedule",
      });
    }
    const html = await page(t.admin, "/admin/reports");
    expect(html).toContain('<code data-testid="schedule-cron">0 2 5 1,4,7,10 *</code>');
    const next = [...html.matchAll(/<li data-at="([^"]+)">/g)].map((m) => m[1]);
    // 02:00 Shanghai on 5 January, April, July 2027 = 18:00 UTC the day before.
    expect(next).toEqual([
      "2027-01-04T18:00:00.000Z",
      "2027-04-04T18:00:00.000Z",
      "2027-07-04T18:00:00.000Z",
    ]);
    expect(html).toContain("排队中 2 ·");
    expect(count(html, 'data-testid="job"')).toBe(2);
    const scoped = await page(t["admin-s2"], "/admin/reports");
    expect(count(scoped, 'data-testid="job"')).toBe(1);
    expect(scoped).toContain("二街道 <span");
    expect(scoped).not.toContain("一街道 <span");
    const trial = await page(t.admin, `/admin/reports?cron=${encodeURIComponent("0 9 * * 1")}`);
    const runs = trial.slice(trial.indexOf('data-testid="cron-trial-result"'));
    // Mondays 09:00 Shanghai after Tuesday 20 October 2026, 10:00.
    expect([...runs.matchAll(/<li data-at="([^"]+)">/g)].map((m) => m[1])).toEqual([
      "2026-10-26T01:00:00.000Z",
      "2026-11-02T01:00:00.000Z",
      "2026-11-09T01:00:00.000Z",
      "2026-11-16T01:00:00.000Z",
      "2026-11-23T01:00:00.000Z",
    ]);
    const bad = await page(t.admin, "/admin/reports?cron=every+day");
    expect(bad).toContain("不是有效的 cron 表达式");
  });
});
