import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INDICATOR_CODES } from "../../metrics/index.ts";
import {
  DETAIL_COLUMNS as C,
  DIM_COLUMNS,
  detailRow,
  PARAMS,
  paramRow,
  SHEETS,
  unitRow,
} from "../../reports/xlsx/assessment-formulas.ts";
import { goalpostFormula, overrideLastRow } from "../../reports/xlsx/assessment-total-formulas.ts";
import { getBytes, PERIOD, seedExportWorld } from "../../test/fixtures/exports.ts";
import { call, expectProblem } from "../../test/http.ts";
import { openTestEnv, STORE_KINDS, type TestEnv } from "../../test/stores.ts";
import {
  type ApiUnit,
  cellFormula,
  cellValue,
  expectMatchesApi,
  readUnits,
  readWorkbook,
} from "../../test/workbook.ts";

describe.each(STORE_KINDS)("GET /exports/assessment.xlsx on %s", (kind) => {
  let env: TestEnv;
  let w: Awaited<ReturnType<typeof seedExportWorld>>;

  const indicators = async (token: string, orgUnit: string): Promise<ApiUnit[]> => {
    const res = await call(
      env.baseUrl,
      "GET",
      `/api/v1/indicators?period=${PERIOD}&orgUnit=${orgUnit}&children=true`,
      { token },
    );
    expect(res.status, res.text).toBe(200);
    return res.body.units;
  };
  const workbook = async (token: string, query: string) => {
    const res = await getBytes(env, `/api/v1/exports/assessment.xlsx?${query}`, token);
    expect(res.status, new TextDecoder().decode(res.bytes).slice(0, 300)).toBe(200);
    expect(res.headers.get("content-type")).toContain("spreadsheetml");
    return readWorkbook(res.bytes);
  };

  beforeAll(async () => {
    env = await openTestEnv(kind, { ADMIN_PASSWORD: "admin-pass-369" });
    w = await seedExportWorld(env);
  });
  afterAll(async () => {
    await env?.close();
  });

  it("has the six Chinese sheets, and cached results equal GET /indicators", async () => {
    const wb = await workbook(w.tokens.assessor, `period=${PERIOD}`);
    expect(wb.worksheets.map((s) => s.name)).toEqual(Object.values(SHEETS));
    const api = await indicators(w.tokens.assessor, w.root);
    expect(api.length).toBeGreaterThan(2);
    expectMatchesApi(readUnits(wb), api, 1e-9);
    const readme = wb.getWorksheet(SHEETS.readme)!;
    const text = JSON.stringify(readme.getSheetValues());
    expect(text).toContain(PERIOD);
    expect(text).toContain("369-default");
    expect(text).toContain("SUMPRODUCT");
  });

  it("writes every rate, score, status and weight as a formula referring to 参数", async () => {
    const wb = await workbook(w.tokens.assessor, `period=${PERIOD}`);
    const detail = wb.getWorksheet(SHEETS.detail)!;
    INDICATOR_CODES.forEach((code, i) => {
      const row = detailRow(1, i);
      const f = (col: string) => cellFormula(detail.getCell(`${col}${row}`)) ?? "";
      expect(f(C.value), code).toMatch(/^IF\(I\d+=0,"",H\d+\/I\d+/);
      if (code === "R1") expect(f(C.value)).toContain(`/K${row}*J${row}`);
      expect(f(C.score), code).toMatch(/MAX\(0,MIN\(1,/);
      // The unit's goalposts: the most specific override on 参数, else the indicator's own.
      const own = (col: string) => `'参数'!$${col}$${paramRow(i)}`;
      const last = overrideLastRow(0);
      expect(f(C.target)).toBe(goalpostFormula(row, "target", own(PARAMS.targetCol), last));
      expect(f(C.floor)).toBe(goalpostFormula(row, "floor", own(PARAMS.floorCol), last));
      expect(f(C.weight)).toBe(`'参数'!$${PARAMS.weightCol}$${paramRow(i)}`);
      expect(f(C.status)).toContain("参数");
    });
    const units = readUnits(wb);
    // The requested unit is a root: alone among its siblings, its rank is a formula too.
    expect(units.every((u) => u.rankFormula?.includes("SUMPRODUCT"))).toBe(true);
    const params = wb.getWorksheet(SHEETS.params)!;
    expect(cellValue(params.getCell(`${PARAMS.weightCol}${paramRow(0)}`))).toBe(25);
    expect(cellValue(params.getCell("B24"))).toBe(30);
    expect(cellValue(params.getCell(PARAMS.quarterCell.replaceAll("$", "")))).toBe(2);
  });

  it("leaves zero denominators blank, not 0, and lists the quarter's data-quality findings", async () => {
    const wb = await workbook(w.tokens.assessor, `period=${PERIOD}&orgUnit=${w.street}`);
    const api = await indicators(w.tokens.assessor, w.street);
    const units = readUnits(wb);
    expectMatchesApi(units, api, 1e-9);
    const empty = units.find((u) => u.code === w.empty)!;
    for (const [code, ind] of empty.indicators) {
      expect(ind.value, code).toBeNull();
      expect(ind.score, code).toBeNull();
      expect(ind.valueFormula, code).not.toBeNull();
    }
    expect(empty.index).toBeNull();
    expect(empty.rank).toBeNull();
    const dq = await call(
      env.baseUrl,
      "GET",
      `/api/v1/data-quality?period=${PERIOD}&orgUnit=${w.street}`,
      { token: w.tokens.assessor },
    );
    expect(dq.status, dq.text).toBe(200);
    const sheet = wb.getWorksheet(SHEETS.quality)!;
    const listed = dq.body.findings.length as number;
    expect(listed).toBeGreaterThan(0);
    for (let i = 0; i < listed; i++) {
      expect(cellValue(sheet.getCell(`F${i + 2}`))).toBe(dq.body.findings[i].message);
    }
    expect(JSON.stringify(sheet.getSheetValues())).toContain("无数据社区");
  });

  it("depth=all lists every descendant, each as GET /indicators ranks it among its siblings", async () => {
    const wb = await workbook(w.tokens.assessor, `period=${PERIOD}&depth=all`);
    const units = readUnits(wb);
    const top = await indicators(w.tokens.assessor, w.root);
    const streetUnits = await indicators(w.tokens.assessor, w.street);
    expect(units.length).toBeGreaterThan(top.length + streetUnits.length - 1);
    const byCode = new Map(units.map((u) => [u.code, u]));
    const pick = (api: ApiUnit[]) => api.map((u) => byCode.get(u.code)!);
    expectMatchesApi(pick(top), top, 1e-9);
    expectMatchesApi(pick(streetUnits.slice(1)), streetUnits.slice(1), 1e-9);
  });

  it("a street leader's workbook is their street; a unit ranked among absent siblings keeps a value", async () => {
    const wb = await workbook(w.tokens.streetLeader, `period=${PERIOD}`);
    const units = readUnits(wb);
    expect(units[0]!.code).toBe(w.street);
    expect(units[0]!.rankFormula).toBeNull();
    expectMatchesApi(units, await indicators(w.tokens.streetLeader, w.street), 1e-9);
    const out = await call(
      env.baseUrl,
      "GET",
      `/api/v1/exports/assessment.xlsx?period=${PERIOD}&orgUnit=${w.root}`,
      {
        token: w.tokens.streetLeader,
      },
    );
    expectProblem(out, 403);
  });

  it("refuses clerks (403), bad periods (400) and unknown units (404), and audits every export", async () => {
    const path = `/api/v1/exports/assessment.xlsx?period=${PERIOD}`;
    expectProblem(await call(env.baseUrl, "GET", path, { token: w.tokens.clerk }), 403);
    expectProblem(await call(env.baseUrl, "GET", path), 401);
    expectProblem(
      await call(env.baseUrl, "GET", "/api/v1/exports/assessment.xlsx?period=2026Q9", {
        token: w.tokens.assessor,
      }),
      400,
    );
    expectProblem(
      await call(env.baseUrl, "GET", `${path}&orgUnit=999999`, { token: w.tokens.assessor }),
      404,
    );
    await workbook(w.tokens.leader, `period=${PERIOD}`);
    const audit = await call(env.baseUrl, "GET", "/api/v1/audit?actor=leader&limit=20", {
      token: w.tokens.admin,
    });
    expect(audit.status, audit.text).toBe(200);
    const entries = (audit.body.entries ?? audit.body) as { action: string; target: string }[];
    expect(
      entries.some((e) => e.action === "exports.read" && e.target.startsWith("assessment.xlsx")),
    ).toBe(true);
  });

  it("names units with their street where names repeat (two 馨苑社区 in different streets)", async () => {
    // One community in each of two streets, renamed 馨苑社区.
    const { rows } = await sql<{ code: string; parent: string; street: string }>`
      select distinct on (s.id) c.code, s.code as parent, s.name as street
      from org_unit c join org_unit s on s.id = c.parent_id
      where c.level = 'community' and s.level = 'street'
      order by s.id, c.code limit 2`.execute(env.store.db);
    expect(rows).toHaveLength(2);
    const put = await call(env.baseUrl, "PUT", "/api/v1/org-units", {
      token: w.tokens.admin,
      json: {
        units: rows.map((r) => ({
          code: r.code,
          name: "馨苑社区",
          level: "community",
          parentCode: r.parent,
        })),
      },
    });
    expect(put.status, put.text).toBe(200);
    const wb = await workbook(w.tokens.admin, `period=${PERIOD}&depth=all`);
    const dims = wb.getWorksheet(SHEETS.dimensions)!;
    const names = new Map<string, unknown>();
    for (let k = 0; cellValue(dims.getCell(`${DIM_COLUMNS.code}${unitRow(k)}`)) !== null; k++) {
      const row = unitRow(k);
      names.set(
        String(cellValue(dims.getCell(`${DIM_COLUMNS.code}${row}`))),
        cellValue(dims.getCell(`${DIM_COLUMNS.name}${row}`)),
      );
    }
    for (const r of rows) expect(names.get(r.code)).toBe(`${r.street} › 馨苑社区`);
    // A name that does not repeat (the root's, a street's) stays as it is.
    expect(String(names.get(w.root))).not.toContain("›");
    expect(String(names.get(rows[0]!.parent))).not.toContain("›");
  });
});
