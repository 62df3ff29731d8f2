import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_PASSWORD, seedSmallWorld } from "../../test/accounts.ts";
import { call } from "../../test/http.ts";
import { openTestEnv, STORE_KINDS, type TestEnv } from "../../test/stores.ts";

// The street's review on the 季度填报 page, over real HTTP on both stores (issue 21): S1's leader
// finds the page in the nav, sees C11's filed return with its figures and the 通过 / 退回 form but
// no upload, is refused a return without a reason (422, Chinese), sends it back with one; S1's
// clerk then sees 已退回 and the reason on the street's and the community's page, and filing
// again makes it 待审核. A leader cannot upload; a clerk cannot review. Every post is audited.

const ON_TIME = new Date("2026-10-05T02:00:00Z");
const PAGE = "/dashboard/S1/returns?period=2026Q3";

describe.each(STORE_KINDS)("reviewing on the 季度填报 page on %s", (kind) => {
  let env: TestEnv;
  let t: Awaited<ReturnType<typeof seedSmallWorld>>;

  const get = async (token: string, path: string, status = 200) => {
    const res = await call(env.baseUrl, "GET", path, { token });
    expect(res.status, res.text.slice(0, 400)).toBe(status);
    return res.text;
  };
  const post = (token: string, path: string, fields: Record<string, string>) =>
    call(env.baseUrl, "POST", path, {
      token,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields).toString(),
    });
  const review = (token: string, fields: Record<string, string>) =>
    post(token, "/dashboard/S1/returns/review?period=2026Q3", fields);
  const reviewState = async () =>
    (await call(env.baseUrl, "GET", "/api/v1/returns/C11/2026Q3", { token: t.admin })).body
      .reviewState;

  beforeAll(async () => {
    env = await openTestEnv(kind, { ADMIN_PASSWORD }, { now: () => ON_TIME });
    t = await seedSmallWorld(env);
    const filed = await call(env.baseUrl, "PUT", "/api/v1/returns/C11/2026Q3", {
      token: t["clerk-s1"],
      json: { population: 8000, volunteers: 120 },
    });
    expect(filed.status, filed.text).toBe(200);
  }, 120_000);
  afterAll(async () => env?.close());

  it("shows the street leader its communities' filed returns to review, and no upload", async () => {
    const overview = await get(t["leader-s1"], "/dashboard/S1?period=2026Q3");
    expect(overview).toContain('<a href="/dashboard/S1/returns">季度填报</a>');
    const page = await get(t["leader-s1"], PAGE);
    expect(page).toContain('data-testid="review-item" data-code="C11"');
    expect(page).not.toContain('data-testid="review-item" data-code="C12"');
    expect(page).toContain("注册志愿者");
    expect(page).toContain("待审核");
    expect(page).not.toContain('data-testid="upload-form"');
    expect(page).not.toContain('data-testid="template-download"');
    // The clerk files and does not review.
    const clerk = await get(t["clerk-s1"], PAGE);
    expect(clerk).toContain('data-testid="upload-form"');
    expect(clerk).not.toContain('data-testid="review-form"');
  });

  it("refuses sending back without a reason (422, Chinese) and writes nothing", async () => {
    const res = await review(t["leader-s1"], { unit: "C11", decision: "returned", reason: " " });
    expect(res.status).toBe(422);
    expect(res.text).toContain("未写入：退回时须填写退回原因");
    expect(await reviewState()).toBe("pending");
  });

  it("sends the return back with the reason; the clerk sees 已退回 and why", async () => {
    const res = await review(t["leader-s1"], {
      unit: "C11",
      decision: "returned",
      reason: "志愿者人数与台账不符，请核对",
    });
    expect(res.status, res.text.slice(0, 400)).toBe(200);
    expect(res.text).toContain("已退回甲社区的季度填报，原因：志愿者人数与台账不符，请核对");
    expect(await reviewState()).toBe("returned");
    for (const path of [PAGE, "/dashboard/C11/returns?period=2026Q3"]) {
      const page = await get(t["clerk-s1"], path);
      expect(page).toContain('data-review="returned"');
      expect(page).toContain("已退回");
      expect(page).toContain("退回原因：志愿者人数与台账不符，请核对");
      expect(page).toContain("leader-s1");
    }
    const street = await get(t["clerk-s1"], PAGE);
    expect(street).toMatch(/data-testid="count-returned">\s*已退回 <strong>1<\/strong>/);
  });

  it("makes the return 待审核 again when the clerk files it again, and lets the leader approve it", async () => {
    const again = await post(t["clerk-s1"], "/dashboard/C11/returns/form?period=2026Q3", {
      population: "8000",
      volunteers: "95",
    });
    expect(again.status, again.text.slice(0, 400)).toBe(200);
    expect(await reviewState()).toBe("pending");
    expect(await get(t["clerk-s1"], PAGE)).not.toContain("退回原因");
    const ok = await review(t["leader-s1"], { unit: "C11", decision: "approved" });
    expect(ok.status).toBe(200);
    expect(ok.text).toContain("已通过甲社区的季度填报。");
    expect(await get(t["clerk-s1"], PAGE)).toContain('data-review="approved"');
  });

  it("refuses a leader's upload or form and a clerk's review (403), in Chinese", async () => {
    const form = await post(t["leader-s1"], "/dashboard/C11/returns/form?period=2026Q3", {
      population: "1",
    });
    expect(form.status).toBe(403);
    expect(form.text).toContain("不能报送");
    const clerk = await review(t["clerk-s1"], { unit: "C11", decision: "returned", reason: "x" });
    expect(clerk.status).toBe(403);
    expect(clerk.text).toContain("只有街道（或上级）的领导可以审核");
    const other = await post(t["admin-s2"], "/dashboard/S2/returns/review?period=2026Q3", {
      unit: "C11",
      decision: "approved",
    });
    expect(other.status).toBe(403);
    expect(await reviewState()).toBe("approved");
  });

  it("audits the page's reviews as returns.review, refused ones included", async () => {
    const { rows } = await sql<{ action: string; status: number; target: string | null }>`
      select action, status, target from audit_log
      where path like '/dashboard/%/returns/review' order by id`.execute(env.store.db);
    expect(rows.map((r) => `${r.action} ${r.status}`)).toEqual([
      "returns.review 422",
      "returns.review 200",
      "returns.review 200",
      "returns.review 403",
      "returns.review 403",
    ]);
    expect(rows[1]!.target).toBe("returns review: C11 2026Q3");
  });
});
