import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SHEETS } from "../../reports/xlsx/assessment-formulas.ts";
import { DEMO_PASSWORD, seedDemo } from "../../scripts/demo/generate.ts";
import { ADMIN_PASSWORD, login } from "../../test/accounts.ts";
import { getBytes } from "../../test/fixtures/exports.ts";
import { call, expectProblem, expectShape } from "../../test/http.ts";
import { openTestEnv, STORE_KINDS, type TestEnv } from "../../test/stores.ts";
import { readWorkbook } from "../../test/workbook.ts";
import { OrgTree, PutOrgUnitsResult } from "./schema.ts";

// Rural trees (issue 23, CONTRACT.md PUT /org-units): county (县) → township (乡镇) → village (村),
// imported through the API on both stores, ranked among their siblings exactly as districts,
// streets and communities are, and named 县/乡镇/村 on the dashboard and in the assessor workbook.

const PERIOD = "2026Q3";
const RURAL = { district: "county", street: "township", community: "village" } as const;

interface ApiUnit {
  code: string;
  level: string;
  index: number | null;
  rank: number | null;
  grade: string | null;
}

describe.each(STORE_KINDS)("rural org levels on %s", (kind) => {
  let env: TestEnv;
  let admin: string;
  const put = (units: unknown[]) =>
    call(env.baseUrl, "PUT", "/api/v1/org-units", { token: admin, json: { units } });
  const indicators = async (orgUnit: string): Promise<ApiUnit[]> => {
    const res = await call(
      env.baseUrl,
      "GET",
      `/api/v1/indicators?period=${PERIOD}&orgUnit=${orgUnit}&children=true`,
      { token: admin },
    );
    expect(res.status, res.text).toBe(200);
    return res.body.units;
  };
  const page = async (path: string) => {
    const res = await fetch(env.baseUrl + path, { headers: { authorization: `Bearer ${admin}` } });
    expect(res.status).toBe(200);
    return res.text();
  };

  beforeAll(async () => {
    env = await openTestEnv(kind, { ADMIN_PASSWORD });
    await seedDemo(env.store, {
      streets: 2,
      communitiesPerStreet: 2,
      quarters: ["2026Q2", PERIOD],
    });
    admin = await login(env, "admin", ADMIN_PASSWORD);
  });
  afterAll(async () => env?.close());

  it("imports a county → township → village tree and keeps the tiers in order", async () => {
    const res = await put([
      { code: "X1", name: "测试县", level: "county" },
      { code: "X1T1", name: "一乡", level: "township", parentCode: "X1" },
      { code: "X1T2", name: "二镇", level: "township", parentCode: "X1" },
      { code: "X1V11", name: "甲村", level: "village", parentCode: "X1T1" },
      { code: "X1V12", name: "乙村", level: "village", parentCode: "X1T1" },
      { code: "X1V21", name: "丙村", level: "village", parentCode: "X1T2" },
      { code: "X1G111", name: "一网格", level: "grid", parentCode: "X1V11" },
    ]);
    expect(res.status, res.text).toBe(200);
    expect(expectShape(PutOrgUnitsResult, res.body)).toEqual({
      inserted: 7,
      updated: 0,
      unchanged: 0,
    });
    const tree = await call(env.baseUrl, "GET", "/api/v1/org-units?root=X1", { token: admin });
    const x1 = expectShape(OrgTree, tree.body).units[0]!;
    expect(x1.level).toBe("county");
    expect(x1.children.map((t) => [t.code, t.level])).toEqual([
      ["X1T1", "township"],
      ["X1T2", "township"],
    ]);
    expect(x1.children[0]!.children.map((v) => [v.code, v.level])).toEqual([
      ["X1V11", "village"],
      ["X1V12", "village"],
    ]);
    expect(x1.children[0]!.children[0]!.children[0]!.level).toBe("grid");

    // A village cannot stand at the top, nor under a community (same tier); a township cannot sit
    // under a street. Nothing of a refused request is written.
    for (const [units, path] of [
      [[{ code: "X9", name: "孤村", level: "village" }], "units.0.parentCode"],
      [[{ code: "X9", name: "错村", level: "village", parentCode: "X1V11" }], "units.0.level"],
      [
        [
          { code: "X8", name: "新乡", level: "township", parentCode: "X1" },
          { code: "X9", name: "错乡", level: "township", parentCode: "X8" },
        ],
        "units.1.level",
      ],
    ] as const) {
      const bad = await put([...units]);
      const problem = expectProblem(bad, 422);
      expect(JSON.stringify(problem), JSON.stringify(problem)).toContain(path);
    }
    const after = await call(env.baseUrl, "GET", "/api/v1/org-units?root=X1", { token: admin });
    expect(JSON.stringify(after.body)).not.toContain("X8");
  });

  it("ranks townships and villages among their siblings as it ranked streets and communities", async () => {
    const roots = await call(env.baseUrl, "GET", "/api/v1/org-units?depth=0", { token: admin });
    expect(roots.status, roots.text).toBe(200);
    const root = (roots.body.units as { code: string }[]).find((u) => u.code !== "X1")!.code;
    const rootRes = await indicators(root);
    const streets = rootRes.slice(1).map((u) => u.code);
    const before = new Map<string, ApiUnit>();
    for (const code of [root, ...streets])
      for (const u of await indicators(code)) before.set(u.code, u);
    expect(before.get(root)!.level).toBe("district");
    const ranked = [...before.values()].filter((u) => u.rank !== null);
    expect(ranked.length).toBeGreaterThanOrEqual(6); // 2 streets and 4 communities

    // The same tree, its levels renamed to their rural tiers, through the same import.
    const tree = await call(env.baseUrl, "GET", `/api/v1/org-units?root=${root}&depth=2`, {
      token: admin,
    });
    const units: unknown[] = [];
    interface Node {
      code: string;
      name: string;
      level: string;
      parentCode: string | null;
      children: Node[];
    }
    const walk = (n: Node) => {
      const level = RURAL[n.level as keyof typeof RURAL] ?? n.level;
      units.push({ code: n.code, name: n.name, level, parentCode: n.parentCode });
      for (const c of n.children) walk(c);
    };
    walk(tree.body.units[0]);
    const res = await put(units);
    expect(res.status, res.text).toBe(200);
    expect(res.body.updated).toBe(7);

    const after = new Map<string, ApiUnit>();
    for (const code of [root, ...streets])
      for (const u of await indicators(code)) after.set(u.code, u);
    expect(after.size).toBe(before.size);
    for (const [code, b] of before) {
      const a = after.get(code)!;
      expect(a.level, code).toBe(RURAL[b.level as keyof typeof RURAL]);
      expect({ index: a.index, rank: a.rank, grade: a.grade }, code).toEqual({
        index: b.index,
        rank: b.rank,
        grade: b.grade,
      });
    }

    // The dashboard names the tiers 县 / 乡镇 / 村.
    const county = await page(`/dashboard/${root}?period=${PERIOD}`);
    expect(county).toContain("下级乡镇排名");
    expect(county).toMatch(/季度报表：4 个村中/);
    expect(county).not.toContain("下级街道");
    const township = await page(`/dashboard/${streets[0]}?period=${PERIOD}`);
    expect(township).toMatch(/在 2 个同级乡镇中排第 [12] 名/);
    expect(township).toContain("下级村排名");
    const village = [...after.values()].find((u) => u.level === "village")!;
    const villagePage = await page(`/dashboard/${village.code}?period=${PERIOD}`);
    expect(villagePage).toMatch(/在 2 个同级村中排第 [12] 名/);

    // …and so does the assessor workbook, one row per unit on the dimensions sheet.
    const assessor = await login(env, "assessor", DEMO_PASSWORD);
    const xlsx = await getBytes(
      env,
      `/api/v1/exports/assessment.xlsx?period=${PERIOD}&orgUnit=${root}&depth=all`,
      assessor,
    );
    expect(xlsx.status).toBe(200);
    const dims = (await readWorkbook(xlsx.bytes)).getWorksheet(SHEETS.dimensions)!;
    const levelOf = new Map<string, string>();
    dims.eachRow((row) => {
      const code = row.getCell("A").value;
      if (typeof code === "string" && after.has(code))
        levelOf.set(code, String(row.getCell("C").value));
    });
    expect(levelOf.get(root)).toBe("县");
    for (const s of streets) expect(levelOf.get(s)).toBe("乡镇");
    expect(levelOf.get(village.code)).toBe("村");
  });
});
