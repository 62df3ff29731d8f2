/**
 * The resident's own form on both stores (issue 22): an empty or overall-less response is
 * refused (the JSON endpoint and the plain form POST, one rule, Chinese words), the plain form
 * works without any script (POST → 303 → thank-you page, stored once however often it is
 * posted), and a POST another site makes a browser send, or with a forged token, stores nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_PASSWORD, seedSmallWorld } from "../../test/accounts.ts";
import { call, expectProblem } from "../../test/http.ts";
import { openTestEnv, STORE_KINDS, type TestEnv } from "../../test/stores.ts";
import { checkFormToken, formToken, sameOrigin } from "./form-token.ts";

describe("form tokens and the same-origin rule", () => {
  const stamp = { surveyId: "satisfaction", version: 1, unit: "C11", id: crypto.randomUUID() };
  it("accepts the token it made for the same form only, for a week", async () => {
    const now = Date.UTC(2026, 11, 6);
    const t = await formToken("salt", stamp, now);
    expect(await checkFormToken("salt", stamp, t, now + 1000)).toBe("ok");
    expect(await checkFormToken("salt", { ...stamp, unit: "C12" }, t, now)).toBe("forged");
    expect(await checkFormToken("other", stamp, t, now)).toBe("forged");
    expect(await checkFormToken("salt", stamp, `${now + 1}.${t.split(".")[1]}`, now)).toBe(
      "forged",
    );
    expect(await checkFormToken("salt", stamp, "nonsense", now)).toBe("forged");
    expect(await checkFormToken("salt", stamp, t, now + 8 * 86_400_000)).toBe("expired");
  });
  it("refuses what the browser says another site sent", () => {
    const own = "http://127.0.0.1:3000";
    expect(sameOrigin({ origin: own }, own)).toBe(true);
    expect(sameOrigin({ origin: "https://evil.example" }, own)).toBe(false);
    expect(sameOrigin({ origin: "null", site: "same-origin" }, own)).toBe(true);
    expect(sameOrigin({ origin: "null", site: "cross-site" }, own)).toBe(false);
    expect(sameOrigin({ site: "same-site" }, own)).toBe(false);
    expect(sameOrigin({}, own)).toBe(true);
  });
});

describe.each(STORE_KINDS)("the public form on %s", (kind) => {
  let env: TestEnv;

  beforeAll(async () => {
    env = await openTestEnv(kind, { ADMIN_PASSWORD, SURVEY_RATE_LIMIT: "0" });
    await seedSmallWorld(env);
  });
  afterAll(async () => {
    await env?.close();
  });

  const stored = (code: string) =>
    env.store.db
      .selectFrom("survey_response as r")
      .innerJoin("org_unit as u", "u.id", "r.org_unit_id")
      .select(["r.id", "r.answers", "r.mode", "r.overall"])
      .where("u.code", "=", code)
      .orderBy("r.received_at")
      .execute();

  /** The form as the server hands it out: its hidden fields and its HTML. */
  async function openForm(code: string) {
    const res = await fetch(`${env.baseUrl}/s/satisfaction/${code}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const hidden = (name: string) =>
      new RegExp(`name="${name}" value="([^"]+)"`).exec(html)?.[1] ?? "";
    return { html, id: hidden("_id"), token: hidden("_token"), version: hidden("_v") };
  }

  async function post(
    code: string,
    fields: [string, string][],
    headers: Record<string, string> = {},
  ) {
    return fetch(`${env.baseUrl}/s/satisfaction/${code}`, {
      method: "POST",
      redirect: "manual",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        origin: env.baseUrl,
        ...headers,
      },
      body: new URLSearchParams(fields).toString(),
    });
  }

  it("refuses a JSON response without the overall item, in Chinese, and takes one with it", async () => {
    for (const answers of [{}, { timeliness: 4, ageBand: "80+" }, { overall: null }]) {
      const res = await call(env.baseUrl, "POST", "/api/v1/survey-responses", {
        json: { surveyId: "satisfaction", orgUnit: "C11", answers },
      });
      const p = expectProblem(res, 422);
      expect(p.detail).toBe("请先回答“总体满意度”这一题（必答），再提交问卷。");
      expect(p.errors).toEqual([{ path: "answers.overall", message: "必答题：请选择一项" }]);
    }
    expect(await stored("C11")).toHaveLength(0);
    const ok = await call(env.baseUrl, "POST", "/api/v1/survey-responses", {
      json: { surveyId: "satisfaction", orgUnit: "C11", answers: { overall: 2 } },
    });
    expect(ok.status, ok.text).toBe(201);
    expect((await stored("C11")).map((r) => r.overall)).toEqual([2]);
  });

  it("serves the questions as plain HTML radios that post to the page itself, gzipped", async () => {
    const gz = await fetch(`${env.baseUrl}/s/satisfaction/C12`, {
      headers: { "accept-encoding": "gzip" },
    });
    expect(gz.headers.get("content-encoding")).toBe("gzip");
    const { html, id, token, version } = await openForm("C12");
    expect(html).toContain(
      '<form id="survey-form" method="post" action="/s/satisfaction/C12" novalidate',
    );
    expect(html.match(/<fieldset/g)).toHaveLength(7);
    expect(html.match(/type="radio" name="overall"/g)).toHaveLength(5);
    expect(html.match(/type="radio" name="ageBand"/g)).toHaveLength(4);
    expect(html).toContain('<textarea name="comment"');
    expect(html).toContain("（必答）");
    // Its own small script, not the SurveyJS bundle.
    expect(html).toMatch(/<script type="module" src="\/assets\/web\/surveyform-[\w-]+\.js">/);
    expect(html).not.toMatch(/\/assets\/web\/survey-[\w-]+\.js/);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(token).toMatch(/^\d+\.[0-9a-f]{64}$/);
    expect(version).toBe("1");
  });

  it("refuses an empty form with an error summary naming the overall question, storing nothing", async () => {
    const f = await openForm("C12");
    const res = await post("C12", [
      ["_id", f.id],
      ["_token", f.token],
      ["_v", f.version],
    ]);
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toContain("text/html");
    const html = await res.text();
    expect(html).toContain("<title>提交未成功 · ");
    expect(html).toMatch(
      /<div id="error-summary" class="error-summary" role="alert" tabindex="-1">/,
    );
    expect(html).toContain(
      '<a href="#q-overall">总体而言，您对本社区的服务满意吗？：必答题：请选择一项</a>',
    );
    expect(html).toContain('<p class="q-error" id="q-overall-error">必答题：请选择一项</p>');
    expect(html).toContain('<section id="thanks" class="card thanks" hidden=""');
    // Answers given are kept for the second try.
    const partial = await post("C12", [
      ["_id", f.id],
      ["_token", f.token],
      ["_v", f.version],
      ["timeliness", "2"],
      ["comment", "路灯坏了"],
    ]);
    expect(partial.status).toBe(422);
    const again = await partial.text();
    expect(again).toMatch(/type="radio" name="timeliness" value="2" checked/);
    expect(again).toContain(">路灯坏了</textarea>");
    expect(await stored("C12")).toHaveLength(0);
  });

  it("stores a plain POST once, however often it is sent, and shows the thank-you page", async () => {
    const f = await openForm("C12");
    const fields: [string, string][] = [
      ["_id", f.id],
      ["_token", f.token],
      ["_v", f.version],
      ["overall", "4"],
      ["attitude", "5"],
      ["ageBand", "80+"],
      ["comment", "请回电13812345678"],
    ];
    for (let i = 0; i < 2; i++) {
      const res = await post("C12", fields);
      expect(res.status).toBe(303);
      expect(res.headers.get("location")).toBe("/s/satisfaction/C12/thanks");
    }
    const rows = await stored("C12");
    expect(rows.map((r) => r.id)).toEqual([f.id]);
    expect(rows[0]!.mode).toBe("self");
    expect(rows[0]!.answers).toEqual({
      overall: 4,
      attitude: 5,
      ageBand: "80+",
      comment: "请回电138****5678",
    });
    const thanks = await fetch(`${env.baseUrl}/s/satisfaction/C12/thanks`);
    expect(thanks.status).toBe(200);
    expect(await thanks.text()).toContain("感谢您的参与！");
  });

  it("refuses an answer that is no option of its question", async () => {
    const f = await openForm("C21");
    const res = await post("C21", [
      ["_id", f.id],
      ["_token", f.token],
      ["_v", f.version],
      ["overall", "9"],
    ]);
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("所选答案无效，请重新选择");
    expect(await stored("C21")).toHaveLength(0);
  });

  it("stores nothing another site sends, or sent with a forged or reused token", async () => {
    const f = await openForm("C21");
    const base: [string, string][] = [
      ["_id", f.id],
      ["_token", f.token],
      ["_v", f.version],
      ["overall", "1"],
    ];
    const refused = [
      await post("C21", base, { origin: "https://evil.example" }),
      await post("C21", base, { origin: "null", "sec-fetch-site": "cross-site" }),
      await post("C21", [["_id", crypto.randomUUID()], ...base.slice(1)]),
      await post("G111", base),
      await post("C21", [
        ["_id", f.id],
        ["_token", `${Date.now()}.${"0".repeat(64)}`],
        ["overall", "1"],
      ]),
    ];
    for (const res of refused) {
      expect(res.status).toBe(403);
      expect(await res.text()).toContain("只能在本站的问卷页面上填写提交");
    }
    expect(await stored("C21")).toHaveLength(0);
    expect(await stored("G111")).toHaveLength(0);
    // The browser's own POST under no-referrer: Origin null, Sec-Fetch-Site same-origin.
    const own = await post("C21", base, { origin: "null", "sec-fetch-site": "same-origin" });
    expect(own.status).toBe(303);
    expect(await stored("C21")).toHaveLength(1);
  });

  it("asks to send again a form left open for over a week, keeping its answers", async () => {
    const id = crypto.randomUUID();
    const stamp = { surveyId: "satisfaction", version: 1, unit: "G111", id };
    const old = await formToken(env.deps.surveys.salt, stamp, Date.now() - 8 * 86_400_000);
    const res = await post("G111", [
      ["_id", id],
      ["_token", old],
      ["_v", "1"],
      ["overall", "3"],
    ]);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("页面打开时间过长，请核对答案后再次提交。");
    expect(html).toMatch(/name="overall" value="3" checked/);
    const fresh = /name="_token" value="([^"]+)"/.exec(html)![1]!;
    const again = await post("G111", [
      ["_id", id],
      ["_token", fresh],
      ["_v", "1"],
      ["overall", "3"],
    ]);
    expect(again.status).toBe(303);
    expect((await stored("G111")).map((r) => r.id)).toEqual([id]);
  });
});
