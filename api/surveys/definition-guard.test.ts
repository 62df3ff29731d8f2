import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_PASSWORD, seedSmallWorld } from "../../test/accounts.ts";
import { call, expectProblem, expectShape } from "../../test/http.ts";
import { openTestEnv, STORE_KINDS, type TestEnv } from "../../test/stores.ts";
import { SurveyVersion } from "./schema.ts";

// POST /api/v1/surveys: shared definitions are the whole tree's administrator's, and carry no
// markup or script.

const rating = { type: "rating", name: "overall", rateMin: 1, rateMax: 5 };

describe.each(STORE_KINDS)("survey definitions on %s", (kind) => {
  let env: TestEnv;
  let tokens: Awaited<ReturnType<typeof seedSmallWorld>>;
  beforeAll(async () => {
    env = await openTestEnv(kind, { ADMIN_PASSWORD, SURVEY_RATE_LIMIT: "0" });
    tokens = await seedSmallWorld(env);
  });
  afterAll(async () => env?.close());

  const versions = async (id: string) =>
    (await call(env.baseUrl, "GET", "/api/v1/surveys")).body.surveys.find(
      (s: { id: string }) => s.id === id,
    )?.versions ?? 0;

  it("lets only an administrator of the whole tree change the shared satisfaction survey", async () => {
    const current = await call(env.baseUrl, "GET", "/api/v1/surveys/satisfaction");
    const json = { id: "satisfaction", title: "改过的问卷", definition: current.body.definition };
    // admin-s2 is an administrator of street S2 only.
    const denied = expectProblem(
      await call(env.baseUrl, "POST", "/api/v1/surveys", { token: tokens["admin-s2"], json }),
      403,
    );
    expect(denied.detail).toMatch(/[\u4e00-\u9fff]/);
    expect(await versions("satisfaction")).toBe(1);
    const ok = await call(env.baseUrl, "POST", "/api/v1/surveys", { token: tokens.admin, json });
    expect(ok.status, ok.text).toBe(201);
    expect(expectShape(SurveyVersion, ok.body)).toMatchObject({ id: "satisfaction", version: 2 });
  });

  it("refuses markup and script with 422 naming the field, and stores nothing", async () => {
    const cases: [unknown, string][] = [
      [
        { elements: [rating, { type: "html", name: "h", html: "<b>公告</b>" }] },
        "body.definition.elements.1.html",
      ],
      [{ elements: [rating], completedHtml: "<p>谢谢</p>" }, "body.definition.completedHtml"],
      [{ elements: [rating], loadingHtml: "加载中" }, "body.definition.loadingHtml"],
      [
        { elements: [{ ...rating, title: "<img src=x onerror=alert(1)>" }] },
        "body.definition.elements.0.title",
      ],
      [
        {
          elements: [
            rating,
            { type: "radiogroup", name: "c", choices: ["好", "<script>alert(1)</script>"] },
          ],
        },
        "body.definition.elements.1.choices.1",
      ],
      [
        { elements: [rating, { type: "image", name: "i", imageLink: "javascript:alert(1)" }] },
        "body.definition.elements.1.imageLink",
      ],
      [
        { elements: [rating], navigateToUrl: "https://evil.example" },
        "body.definition.navigateToUrl",
      ],
      [
        { elements: [rating, { type: "text", name: "t", visibleIf: "steal({overall})" }] },
        "body.definition.elements.1.visibleIf",
      ],
    ];
    for (const [definition, path] of cases) {
      const res = await call(env.baseUrl, "POST", "/api/v1/surveys", {
        token: tokens.admin,
        json: { id: "unsafe", title: "测试", definition },
      });
      const p = expectProblem(res, 422);
      expect(p.detail).toMatch(/[\u4e00-\u9fff]/);
      const hit = p.errors?.find((e) => e.path === path);
      expect(hit, `${path}: ${res.text}`).toBeDefined();
      expect(hit!.message).toMatch(/[\u4e00-\u9fff]/);
    }
    const title = expectProblem(
      await call(env.baseUrl, "POST", "/api/v1/surveys", {
        token: tokens.admin,
        json: { id: "unsafe", title: "<b>测试</b>", definition: { elements: [rating] } },
      }),
      422,
    );
    expect(title.errors?.map((e) => e.path)).toEqual(["body.title"]);
    expect(await versions("unsafe")).toBe(0);
  });
});
