import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_PASSWORD, login, seedSmallWorld } from "../../test/accounts.ts";
import { APPEAL_PERIOD, hx, IN_WINDOW, seedAppealWorld } from "../../test/fixtures/appeal-world.ts";
import { getBytes, stopReports, waitForReport } from "../../test/fixtures/reports.ts";
import { call } from "../../test/http.ts";
import { openPdf } from "../../test/pdf.ts";
import { openTestEnv, STORE_KINDS, type TestEnv } from "../../test/stores.ts";
import { cellValue, readWorkbook } from "../../test/workbook.ts";

// Exempt cases in what leaves the system: the raw case export flags them (核减, 核减申请编号),
// the assessor workbook counts them per unit (指标明细!核减件数) and the assessor edition of the
// quarterly report lists the appeals (核减情况). Read back with exceljs and pdf.js.

describe.each(STORE_KINDS)("appeals in exports and reports on %s", (kind) => {
  let env: TestEnv;
  let t: Awaited<ReturnType<typeof seedSmallWorld>>;
  let approved: number;

  beforeAll(async () => {
    env = await openTestEnv(kind, { ADMIN_PASSWORD, REPORT_CRON: "off" }, { now: () => IN_WINDOW });
    t = await seedSmallWorld(env);
    const user = await call(env.baseUrl, "POST", "/api/v1/users", {
      token: t.admin,
      json: { username: "clerk-c11", role: "clerk", orgUnit: "C11", password: "password-369" },
    });
    expect(user.status, user.text).toBe(201);
    const clerk = await login(env, "clerk-c11", "password-369");
    await seedAppealWorld(env, t.admin);
    const file = (cases: ReturnType<typeof hx>, reason: string) =>
      call(env.baseUrl, "POST", "/api/v1/appeals", {
        token: clerk,
        json: { orgUnit: "C11", period: APPEAL_PERIOD, cases, reason, note: "说明" },
      });
    const a = await file(hx("e3", "a2", "s2"), "not_our_duty");
    const b = await file(hx("a3"), "force_majeure");
    approved = a.body.id;
    for (const [id, decision] of [
      [a.body.id, "approved"],
      [b.body.id, "rejected"],
    ]) {
      const res = await call(env.baseUrl, "POST", `/api/v1/appeals/${id}/decision`, {
        token: t["assessor-d1"],
        json: { decision, note: "" },
      });
      expect(res.status, res.text).toBe(200);
    }
  });
  afterAll(async () => {
    await stopReports(env);
    await env?.close();
  });

  it("cases.xlsx keeps exempt cases, flagged 核减 是 with the appeal's number", async () => {
    const res = await getBytes(
      env,
      `/api/v1/exports/cases.xlsx?period=${APPEAL_PERIOD}&orgUnit=S1`,
      t["leader-d1"],
    );
    expect(res.status).toBe(200);
    const ws = (await readWorkbook(res.bytes)).getWorksheet("工单")!;
    const head = (ws.getRow(1).values as unknown[]).slice(1);
    const flag = head.indexOf("核减") + 1;
    const id = head.indexOf("核减申请编号") + 1;
    expect(flag).toBeGreaterThan(0);
    expect(id).toBe(flag + 1);
    const rows = new Map<string, [unknown, unknown]>();
    for (let r = 2; r <= ws.actualRowCount; r++) {
      const row = ws.getRow(r);
      rows.set(String(cellValue(row.getCell(2))), [
        cellValue(row.getCell(flag)),
        cellValue(row.getCell(id)),
      ]);
    }
    expect(rows.size).toBe(12);
    for (const c of ["e3", "a2", "s2"]) expect(rows.get(c)).toEqual(["是", approved]);
    for (const c of ["e1", "a3", "x1"]) expect(rows.get(c)).toEqual(["否", null]);
  });

  it("指标明细 counts each unit's exempt cases over its subtree", async () => {
    const res = await getBytes(
      env,
      `/api/v1/exports/assessment.xlsx?period=${APPEAL_PERIOD}&orgUnit=S1`,
      t["assessor-d1"],
    );
    expect(res.status).toBe(200);
    const ws = (await readWorkbook(res.bytes)).getWorksheet("指标明细")!;
    const head = (ws.getRow(1).values as unknown[]).slice(1);
    const col = head.indexOf("核减件数") + 1;
    expect(col).toBeGreaterThan(0);
    const byUnit = new Map<string, Set<unknown>>();
    for (let r = 2; r <= ws.actualRowCount; r++) {
      const row = ws.getRow(r);
      const code = String(cellValue(row.getCell(1)));
      if (!byUnit.has(code)) byUnit.set(code, new Set());
      byUnit.get(code)!.add(cellValue(row.getCell(col)));
    }
    // e3, a2, s2 are C11's: 3 for C11 and its street, 0 for C12; the same on all 17 rows
    expect(Object.fromEntries([...byUnit].map(([k, v]) => [k, [...v]]))).toEqual({
      S1: [3],
      C11: [3],
      C12: [0],
    });
  });

  it("the assessor edition has a 核减情况 table: unit, cases, reason, decision, decider", async () => {
    const res = await call(env.baseUrl, "POST", "/api/v1/reports", {
      token: t["assessor-d1"],
      json: { period: APPEAL_PERIOD, orgUnit: "S1", edition: "assessor" },
    });
    expect(res.status, res.text).toBe(202);
    const { report } = await waitForReport(env, t["assessor-d1"], res.body.id, 120_000);
    expect(report.status).toBe("done");
    const html = await call(env.baseUrl, "GET", `/api/v1/reports/${report.id}/html`, {
      token: t["assessor-d1"],
    });
    expect(html.text).toContain("核减情况");
    expect(html.text).toContain("本季度共收到核减申请 2 份，其中 1 份经审核同意，核减案件 3 件");
    const pdf = await getBytes(env, `/api/v1/reports/${report.id}/pdf`, t["assessor-d1"]);
    const doc = await openPdf(pdf.bytes);
    try {
      let lines: string[] = [];
      for (let p = 1; p <= doc.pages; p++) lines = lines.concat(await doc.lines(p));
      const text = lines.join("\n");
      expect(text).toContain("核减情况");
      const row = (reason: string) => lines.find((l) => l.includes(reason));
      expect(row("非职责范围")).toMatch(/甲社区 3 非职责范围 已核减 assessor-d1/);
      expect(row("不可抗力")).toMatch(/甲社区 1 不可抗力 未通过 assessor-d1/);
    } finally {
      await doc.close();
    }
  });
});
