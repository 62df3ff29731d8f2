/**
 * The scoring page (评估打分) and the assessment part of the outputs on both stores (issue 20): an
 * assessor's stored draft shows on the page with its scores, comments and reasons; a street
 * leader sees the page read-only and cannot score its own street; the overview's total card
 * answers GET /indicators' total; the assessor workbook's 评估打分 sheet lists what is stored
 * (read back with exceljs), through the report source's assessments; the overview ranks the
 * children by total (a tie, 暂定, the 未参评 unit last with its reason) over the indicator world.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultSchemeDefinition } from "../../metrics/index.ts";
import { DIM_COLUMNS, SHEETS } from "../../reports/xlsx/assessment-formulas.ts";
import { ADMIN_PASSWORD, seedSmallWorld } from "../../test/accounts.ts";
import { getBytes } from "../../test/fixtures/exports.ts";
import { seedIndicatorWorld } from "../../test/fixtures/indicator-world.ts";
import { call } from "../../test/http.ts";
import { openTestEnv, STORE_KINDS, type TestEnv } from "../../test/stores.ts";
import { cellValue, readWorkbook } from "../../test/workbook.ts";

const PERIOD = "2026Q2";

async function page(env: TestEnv, path: string, token: string) {
  const res = await fetch(env.baseUrl + path, {
    redirect: "manual",
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: res.status, text: await res.text() };
}

const testid = (html: string, id: string) =>
  new RegExp(`data-testid="${id}"[^>]*>([^<]*)<`).exec(html)?.[1]?.trim();

describe.each(STORE_KINDS)("scoring page and assessment outputs on %s", (kind) => {
  let env: TestEnv;
  let t: Awaited<ReturnType<typeof seedSmallWorld>>;

  beforeAll(async () => {
    env = await openTestEnv(kind, { ADMIN_PASSWORD });
    t = await seedSmallWorld(env);
    await seedIndicatorWorld(env, t.admin);
    // C14 under S1 with no data at all: no index, no total (未参评).
    const c14 = await call(env.baseUrl, "PUT", "/api/v1/org-units", {
      token: t.admin,
      json: { units: [{ code: "C14", name: "己社区", level: "community", parentCode: "S1" }] },
    });
    expect(c14.status, c14.text).toBe(200);
    const definition = {
      ...defaultSchemeDefinition(),
      assessorItems: [{ code: "A1", name: "台账规范", weight: 1 }],
      adjustmentItems: [{ code: "D1", name: "重大问题", kind: "penalty", maxPoints: 10 }],
      assessorWeight: 0.2,
    };
    const scheme = await call(env.baseUrl, "POST", "/api/v1/schemes", {
      token: t.admin,
      json: { id: "369-default", validFromYear: 2026, name: "评估方案", definition },
    });
    expect(scheme.status, scheme.text).toBe(201);
    const put = await call(env.baseUrl, "PUT", `/api/v1/assessments/C11/${PERIOD}`, {
      token: t["assessor-d1"],
      json: {
        items: [{ code: "A1", score: 66, comment: "台账<缺>两个月" }],
        adjustments: [{ code: "D1", points: 3, reason: "瞒报安全事故" }],
      },
    });
    expect(put.status, put.text).toBe(200);
  });
  afterAll(async () => {
    await env?.close();
  });

  it("shows the stored draft to the assessor, read-only to a leader, and in the workbook", async () => {
    const mine = await page(env, `/dashboard/C11/assessment?period=${PERIOD}`, t["assessor-d1"]);
    expect(mine.status).toBe(200);
    expect(testid(mine.text, "assessment-state")).toBe("草稿");
    expect(mine.text).toContain('value="66"');
    expect(mine.text).toContain("台账&lt;缺&gt;两个月");
    expect(mine.text).toContain("瞒报安全事故");
    expect(mine.text).toContain('data-testid="assessment-sign"');
    expect(mine.text).toContain(`data-api="/api/v1/assessments/C11/${PERIOD}"`);

    // The street's leader reads its community's page without the buttons, and never scores
    // its own street (the API refuses too).
    const leader = await page(env, `/dashboard/C11/assessment?period=${PERIOD}`, t["leader-s1"]);
    expect(leader.status).toBe(200);
    expect(leader.text).not.toContain('data-testid="assessment-save"');
    expect(leader.text).toContain("本页仅供查看");
    const own = await call(env.baseUrl, "PUT", `/api/v1/assessments/S1/${PERIOD}`, {
      token: t["leader-s1"],
      json: { items: [{ code: "A1", score: 100, comment: "" }], adjustments: [] },
    });
    expect(own.status).toBe(403);

    // The overview's total card: GET /indicators' total, assessor score and adjustment.
    const api = await call(env.baseUrl, "GET", `/api/v1/indicators?period=${PERIOD}&orgUnit=C11`, {
      token: t["assessor-d1"],
    });
    expect(api.status, api.text).toBe(200);
    const u = api.body.units[0];
    expect([u.assessorScore, u.adjustment, u.provisional]).toEqual([66, -3, true]);
    const overview = await page(env, `/dashboard/C11?period=${PERIOD}&charts=0`, t["assessor-d1"]);
    const attr = (id: string) =>
      new RegExp(`data-testid="${id}"[^>]*data-value="([^"]*)"`).exec(overview.text)?.[1];
    expect(attr("total-assessor")).toBe("66");
    expect(attr("total-adjustment")).toBe("-3");
    expect(attr("overall-total")).toBe(u.total === null ? "" : String(u.total));
    expect(overview.text).toContain('data-testid="total-provisional"');

    // The workbook: the stored draft on 评估打分, the API's figures beside it.
    const xlsx = await getBytes(
      env,
      `/api/v1/exports/assessment.xlsx?period=${PERIOD}&orgUnit=S1`,
      t["assessor-d1"],
    );
    expect(xlsx.status).toBe(200);
    const wb = await readWorkbook(xlsx.bytes);
    const rows = (wb.getWorksheet(SHEETS.scoring)!.getSheetValues() as unknown[][])
      .filter(Boolean)
      .map((r) => r.slice(1, 10));
    expect(rows).toContainEqual([
      "C11",
      "甲社区",
      "评估项",
      "A1",
      "台账规范",
      1,
      66,
      "台账<缺>两个月",
      "草稿",
    ]);
    expect(rows).toContainEqual([
      "C11",
      "甲社区",
      "减分项",
      "D1",
      "重大问题",
      10,
      3,
      "瞒报安全事故",
      "草稿",
    ]);
    const dims = wb.getWorksheet(SHEETS.dimensions)!;
    const c11 = [2, 3, 4].find((r) => cellValue(dims.getCell(`A${r}`)) === "C11")!;
    expect(cellValue(dims.getCell(`${DIM_COLUMNS.assessorScore}${c11}`))).toBe(66);
    expect(cellValue(dims.getCell(`${DIM_COLUMNS.adjustment}${c11}`))).toBe(-3);
    expect(cellValue(dims.getCell(`${DIM_COLUMNS.provisional}${c11}`))).toBe("是");
  });

  it("ranks the overview's children by total: a tie, 暂定, the 未参评 unit last", async () => {
    // 2026Q3, w = 0.2 (indicator world: C11 index 53.47…, C12 and C13 index 100).
    // C12, C13: A1 80 → 0.8·100 + 0.2·80 = 96 each, rank 1 and 1; C12 signed off, C13 暂定.
    // C11: no A1, D1 3 points → 53.47… − 3 = 50.47…, 暂定 (w > 0, no assessor score), rank 3.
    // C14: no data → 未参评 (未报送季度填报), after the ranked ones.
    const q3 = "2026Q3";
    const put = (code: string, items: unknown[], adjustments: unknown[]) =>
      call(env.baseUrl, "PUT", `/api/v1/assessments/${code}/${q3}`, {
        token: t["assessor-d1"],
        json: { items, adjustments },
      });
    for (const code of ["C12", "C13"])
      expect((await put(code, [{ code: "A1", score: 80, comment: "" }], [])).status).toBe(200);
    const c11 = await put("C11", [], [{ code: "D1", points: 3, reason: "台账缺失" }]);
    expect(c11.status, c11.text).toBe(200);
    const sign = await call(env.baseUrl, "POST", `/api/v1/assessments/C12/${q3}/sign-off`, {
      token: t["assessor-d1"],
    });
    expect(sign.status, sign.text).toBe(200);

    const html = (await page(env, `/dashboard/S1?period=${q3}&charts=0`, t["leader-s1"])).text;
    const rows = [...html.matchAll(/<tr data-testid="child-row"([^>]*)>([\s\S]*?)<\/tr>/g)].map(
      ([, attrs, body]) => ({
        code: /data-code="([^"]*)"/.exec(attrs!)?.[1],
        rank: /data-rank="([^"]*)"/.exec(attrs!)?.[1],
        total: Number(/data-total="([^"]*)"/.exec(attrs!)?.[1] || Number.NaN),
        grade: /data-grade="([^"]*)"/.exec(attrs!)?.[1],
        provisional: body!.includes(">暂定<"),
        unrated: /未参评<span[^>]*>（未报送季度填报）/.test(body!),
      }),
    );
    expect(rows.map((r) => [r.code, r.rank, r.grade, r.provisional, r.unrated])).toEqual([
      ["C12", "1", "excellent", false, false],
      ["C13", "1", "excellent", true, false],
      ["C11", "3", "fail", true, false],
      ["C14", "", "", false, true],
    ]);
    expect(rows[0]!.total).toBeCloseTo(96, 9);
    expect(rows[1]!.total).toBeCloseTo(96, 9);
    expect(rows[2]!.total).toBeCloseTo(50.47261904761905, 9);
    // The table shows 综合得分 with its grade, then the index; the ranking says so too.
    expect(html).toMatch(/综合得分[\s\S]*等级[\s\S]*综合指数[\s\S]*治理/);
    expect(html).toContain("（按综合得分，颜色为等级，点击进入）");
    expect(html).toContain("未参评：己社区（未报送季度填报）");
    expect(html).toContain("综合得分等级");
  });
});
