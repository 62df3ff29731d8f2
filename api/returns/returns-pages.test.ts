import type { Workbook } from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_PASSWORD, seedSmallWorld } from "../../test/accounts.ts";
import { call } from "../../test/http.ts";
import { openTestEnv, STORE_KINDS, type TestEnv } from "../../test/stores.ts";
import { loadExcel, SHEET } from "./workbook/layout.ts";

// The 季度填报 page over real HTTP on both stores (issue 21): S1's clerk finds it in the nav,
// lands on the quarter being filed, sees each community's state, files C11 online before the due
// day (a bad figure first, refused in Chinese), then uploads a workbook after it (a bad one, every
// bad cell listed in Chinese, nothing written; then a good one, stored as 迟报), and reads C11's
// history. Filing time comes from the app's clock (deps.now): 2026Q3's returns are due by
// 2026-10-10 (day 10, Asia/Shanghai), so 10-05 is on time and 10-20 late.

const ON_TIME = new Date("2026-10-05T02:00:00Z");
const LATE = new Date("2026-10-20T02:00:00Z");

describe.each(STORE_KINDS)("季度填报 page on %s", (kind) => {
  let env: TestEnv;
  let clock = ON_TIME;
  let t: Awaited<ReturnType<typeof seedSmallWorld>>;
  let cookie: string;

  const html = async (token: string, path: string, status = 200) => {
    const res = await call(env.baseUrl, "GET", path, { token });
    expect(res.status, res.text.slice(0, 400)).toBe(status);
    return res.text;
  };
  const states = (page: string) =>
    [...page.matchAll(/data-testid="return-row" data-code="(\w+)" data-state="(\w+)"/g)].map(
      (m) => `${m[1]}:${m[2]}`,
    );
  /** Posts the online form with the clerk's bearer token, or with `headers` (a cookie) instead. */
  const postForm = (
    path: string,
    fields: Record<string, string>,
    headers?: Record<string, string>,
  ) =>
    call(env.baseUrl, "POST", path, {
      ...(headers ? {} : { token: t["clerk-s1"] }),
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      body: new URLSearchParams(fields).toString(),
    });
  const stored = (code: string) =>
    call(env.baseUrl, "GET", `/api/v1/returns/${code}/2026Q3`, { token: t.admin });
  const bytesOf = async (wb: Workbook) =>
    new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  const uploadPage = (bytes: Uint8Array) => {
    const form = new FormData();
    form.set("file", new Blob([bytes as BlobPart]), "季度填报.xlsx");
    return call(env.baseUrl, "POST", "/dashboard/S1/returns/upload?period=2026Q3", {
      token: t["clerk-s1"],
      body: form,
    });
  };

  beforeAll(async () => {
    env = await openTestEnv(kind, { ADMIN_PASSWORD }, { now: () => clock });
    t = await seedSmallWorld(env);
    const res = await call(env.baseUrl, "POST", "/api/v1/auth/login", {
      json: { username: "clerk-s1", password: "password-369" },
    });
    cookie = (res.headers.get("set-cookie") ?? "").split(";")[0]!;
    expect(cookie).toMatch(/^s369_session=/);
  }, 120_000);
  afterAll(async () => env?.close());

  it("is in the clerk's nav and opens on the quarter being filed, with every community 未报送", async () => {
    const overview = await html(t["clerk-s1"], "/dashboard/S1?period=2026Q3");
    expect(overview).toContain('<a href="/dashboard/S1/returns">季度填报</a>');
    const res = await fetch(`${env.baseUrl}/dashboard/S1/returns`, {
      headers: { authorization: `Bearer ${t["clerk-s1"]}` },
      redirect: "manual",
    });
    expect(res.status).toBe(302);
    // 2026-10-05 is in 2026Q4: the quarter being filed is 2026Q3.
    expect(res.headers.get("location")).toBe("/dashboard/S1/returns?period=2026Q3");
    const page = await html(t["clerk-s1"], "/dashboard/S1/returns?period=2026Q3");
    expect(states(page)).toEqual(["C11:missing", "C12:missing"]);
    expect(page).toContain("报送截止：2026-10-10");
    expect(page).not.toContain("已过截止日");
    expect(page).toContain('href="/api/v1/returns/template.xlsx?period=2026Q3&amp;orgUnit=S1"');
    expect(page).toContain('href="/s/satisfaction/C11/assisted"');
    expect(page).toContain('href="/posters/satisfaction/S1"');
  });

  it("is the clerk's own to file: other roles and other streets are refused", async () => {
    await html(t["assessor-d1"], "/dashboard/S1/returns?period=2026Q3", 403);
    // A leader opens it to review its communities' returns (returns-review-pages.test.ts), not to file.
    const leader = await html(t["leader-d1"], "/dashboard/S1/returns?period=2026Q3");
    expect(leader).not.toContain('data-testid="upload-form"');
    await html(t["clerk-s1"], "/dashboard/S2/returns?period=2026Q3", 403);
    await html(t["clerk-s1"], "/dashboard/C21/returns?period=2026Q3", 403);
    const other = await postForm("/dashboard/C21/returns/form?period=2026Q3", { population: "1" });
    expect(other.status).toBe(403);
    expect((await stored("C21")).status).toBe(404);
  });

  it("files C11 online: a bad figure is named in Chinese and nothing is stored; then stored on time", async () => {
    const form = "/dashboard/C11/returns/form?period=2026Q3";
    const bad = await postForm(form, { population: "约3000", workersInPost: "12" });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain("常住人口：「约3000」不是数字");
    expect(bad.text).toContain('value="约3000"'); // what was typed is shown again
    expect((await stored("C11")).status).toBe(404);

    // A cookie session must post from this site.
    const forged = await postForm(
      form,
      { population: "1" },
      { cookie, origin: "https://evil.example" },
    );
    expect(forged.status).toBe(403);
    expect((await stored("C11")).status).toBe(404);

    const good = await postForm(
      form,
      { population: "8000", workersInPost: "12" },
      { cookie, origin: env.baseUrl },
    );
    expect(good.status, good.text.slice(0, 400)).toBe(200);
    expect(good.text).toContain("已保存甲社区的季度填报。");
    const c11 = (await stored("C11")).body;
    expect(c11).toMatchObject({
      population: 8000,
      workersInPost: 12,
      positions: null,
      late: false,
      updatedBy: "clerk-s1",
    });
    const page = await html(t["clerk-s1"], "/dashboard/S1/returns?period=2026Q3");
    expect(states(page)).toEqual(["C11:filed", "C12:missing"]);
  });

  it("uploads a workbook after the due day: bad cells listed in Chinese, then a good one stored as 迟报", async () => {
    clock = LATE;
    const template = await fetch(
      `${env.baseUrl}/api/v1/returns/template.xlsx?period=2026Q3&orgUnit=S1`,
      { headers: { authorization: `Bearer ${t["clerk-s1"]}` } },
    );
    expect(template.status).toBe(200);
    const { Workbook } = await loadExcel();
    const open = async () => {
      const wb = new Workbook();
      await wb.xlsx.load(await template.clone().arrayBuffer());
      return { wb, ws: wb.getWorksheet(SHEET)! };
    };
    const bad = await open();
    bad.ws.getCell("C6").value = "约3000"; // C12 population as text
    bad.ws.getCell("E5").value = -1; // C11 spent: negative
    bad.ws.getCell("F6").value = 7; // a valid figure that must not be written
    const refused = await uploadPage(await bytesOf(bad.wb));
    expect(refused.status).toBe(422);
    expect(refused.text).toContain("未写入：工作簿中有 2 处错误，整个文件均未写入");
    expect(refused.text).toContain("<li>季度填报!E5：-1 是负数，须不小于 0</li>");
    expect(refused.text).toContain("<li>季度填报!C6：「约3000」不是数字</li>");
    expect((await stored("C12")).status).toBe(404);

    const good = await open();
    good.ws.getCell("C6").value = 5000;
    good.ws.getCell("F6").value = 7;
    const written = await uploadPage(await bytesOf(good.wb));
    expect(written.status, written.text.slice(0, 400)).toBe(200);
    // C11's row is pre-filled with its stored figures: unchanged; C12 is new.
    expect(written.text).toContain("已写入：1 个社区已更新，1 个与已报数字相同，0 行留空未改动。");
    expect(written.text).toMatch(/乙社区[\s\S]*常住人口<\/dt><dd>5,000<\/dd>/);
    expect((await stored("C12")).body).toMatchObject({ population: 5000, late: true });
    const page = await html(t["clerk-s1"], "/dashboard/S1/returns?period=2026Q3");
    expect(states(page)).toEqual(["C11:filed", "C12:late"]);
    expect(page).toContain("已报送 <strong>2</strong>（其中迟报 1）");
    expect(page).toContain("已过截止日，现在报送的社区将记为迟报。");
  });

  it("shows C11's form pre-filled and the history of its return, newest first", async () => {
    const form = "/dashboard/C11/returns/form?period=2026Q3";
    const changed = await postForm(form, { population: "8100", workersInPost: "12" });
    expect(changed.status).toBe(200);
    const page = await html(t["clerk-s1"], "/dashboard/C11/returns?period=2026Q3");
    expect(page).toMatch(/id="f-population" name="population"[^>]*value="8100"/);
    const entries = page
      .split('data-testid="history-entry"')
      .slice(1)
      .map((e) => e.replace(/<[^>]+>/g, ""));
    expect(entries).toHaveLength(2);
    expect(entries[0]).toContain("clerk-s1 修改");
    expect(entries[0]).toContain("常住人口：8,000 → 8,100");
    expect(entries[1]).toContain("首次报送");
    expect(entries[1]).toContain("在岗社区工作者：— → 12");
    // the late refiling marks C11 late too
    expect((await stored("C11")).body).toMatchObject({ population: 8100, late: true });
  });

  it("audits every page write, refused or not", async () => {
    const rows = await env.deps.store.db
      .selectFrom("audit_log")
      .select(["actor", "action", "path", "status"])
      .where("path", "like", "/dashboard/%")
      .orderBy("id")
      .execute();
    expect(rows.map((r) => `${r.actor} ${r.path} ${r.status}`)).toEqual([
      "clerk-s1 /dashboard/C21/returns/form 403",
      "clerk-s1 /dashboard/C11/returns/form 422",
      "clerk-s1 /dashboard/C11/returns/form 403",
      "clerk-s1 /dashboard/C11/returns/form 200",
      "clerk-s1 /dashboard/S1/returns/upload 422",
      "clerk-s1 /dashboard/S1/returns/upload 200",
      "clerk-s1 /dashboard/C11/returns/form 200",
    ]);
    expect(new Set(rows.map((r) => r.action))).toEqual(new Set(["returns.write"]));
  });

  it("after the quarter is closed: the page says so, its buttons are off, a post is refused in Chinese", async () => {
    const close = await call(env.baseUrl, "POST", "/api/v1/periods/2026Q3/close", {
      token: t.admin,
    });
    expect(close.status, close.text).toBe(200);
    const page = await html(t["clerk-s1"], "/dashboard/C11/returns?period=2026Q3");
    expect(page).toContain('data-testid="returns-closed">本季度已于');
    expect(page).toMatch(/disabled=""[^>]*data-testid="form-submit"/);
    expect(page).toMatch(/disabled=""[^>]*data-testid="upload-submit"/);
    const refused = await postForm("/dashboard/C11/returns/form?period=2026Q3", {
      population: "9999",
    });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain("未写入：2026Q3 已于");
    expect(refused.text).toContain("不再接受该季度的数据");
    expect((await stored("C11")).body.population).toBe(8100);
  });
});
