import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assembleAssessmentWorkbook } from "../../reports/assemble/assessment-workbook.ts";
import { assembleQuarterlyReport } from "../../reports/assemble/quarterly-report.ts";
import { renderQuarterlyHtml } from "../../reports/html/quarterly-report.ts";
import { buildAssessmentWorkbook } from "../../reports/xlsx/assessment.ts";
import { ADMIN_PASSWORD, login, seedSmallWorld } from "../../test/accounts.ts";
import { call } from "../../test/http.ts";
import { openTestEnv, STORE_KINDS, type TestEnv } from "../../test/stores.ts";
import { readWorkbook } from "../../test/workbook.ts";
import { createReportSource } from "../reporting/source.ts";

// The rectification pages over real HTTP on both stores, on tasks opened through the API
// (督办 by D1's leader): C11's clerk sees its tasks with the overdue / due-soon badge and works
// them; S1's leader sees the submitted one in the 验收 queue (C11's clerk may not open it); D1's
// leader filters the 整改台账 and exports it (read back with exceljs); the overview's panel counts
// them; the next quarter's report and assessor workbook list them from the same ledger.

const OPENED = new Date("2026-08-01T02:00:00Z");
const NOW = new Date("2026-10-20T02:00:00Z"); // 2026Q4

describe.each(STORE_KINDS)("rectification pages on %s", (kind) => {
  let env: TestEnv;
  let clock = OPENED;
  let t: Awaited<ReturnType<typeof seedSmallWorld>>;
  let clerk: string;
  const ids: Record<string, number> = {};

  const html = async (token: string, path: string, status = 200) => {
    const res = await call(env.baseUrl, "GET", path, { token });
    expect(res.status, res.text.slice(0, 400)).toBe(status);
    return res.text;
  };
  const open = async (orgUnit: string, indicator: string, deadline: string) => {
    const res = await call(env.baseUrl, "POST", "/api/v1/rectifications", {
      token: t["leader-d1"],
      json: { orgUnit, period: "2026Q3", indicator, instruction: `请${orgUnit}限期整改`, deadline },
    });
    expect(res.status, res.text).toBe(201);
    return res.body.id as number;
  };

  beforeAll(async () => {
    env = await openTestEnv(kind, { ADMIN_PASSWORD }, { now: () => clock });
    t = await seedSmallWorld(env);
    const user = await call(env.baseUrl, "POST", "/api/v1/users", {
      token: t.admin,
      json: { username: "clerk-c11", role: "clerk", orgUnit: "C11", password: "password-369" },
    });
    expect(user.status, user.text).toBe(201);
    clerk = await login(env, "clerk-c11", "password-369");
    ids.late = await open("C11", "G1", "2026-08-10"); // overdue by 2026-10-20
    ids.soon = await open("C11", "S1", "2026-10-22"); // due within 3 days
    ids.other = await open("C21", "S3", "2026-11-30");
    clock = NOW;
    const work = await call(env.baseUrl, "POST", `/api/v1/rectifications/${ids.soon}/progress`, {
      token: clerk,
      json: { measures: "更换破损井盖 12 处", note: "已完工", submit: true },
    });
    expect(work.status, work.text).toBeLessThan(300);
  }, 120_000);
  afterAll(async () => {
    await env?.close();
  });

  it("shows the unit its tasks with badges, and a task's page with the right forms", async () => {
    const list = await html(clerk, "/dashboard/C11/tasks?period=2026Q3");
    expect(list).toMatch(/data-testid="task-alerts" data-overdue="1" data-due-soon="1"/);
    const cards = [...list.matchAll(/data-testid="task-card" data-id="(\d+)" data-state="(\w+)"/g)];
    expect(cards.map((m) => [Number(m[1]), m[2]])).toEqual([
      [ids.late, "overdue"],
      [ids.soon, "submitted"],
    ]);
    expect(list).not.toContain("C21");
    // Tasks span quarters: their pages have no quarter switcher (the ledger keeps its own).
    expect(list).not.toContain('data-testid="period-select"');
    // Times are the app's clock: opened 2026-08-01, progress on 2026-10-20.
    const api = await call(env.baseUrl, "GET", `/api/v1/rectifications/${ids.soon}`, {
      token: clerk,
    });
    expect(api.body.openedAt).toBe(OPENED.toISOString());
    expect(api.body.progress.map((p: { at: string }) => p.at)).toEqual([NOW.toISOString()]);
    const late = await html(clerk, `/dashboard/C11/tasks/${ids.late}?period=2026Q3`);
    expect(late).toContain('data-testid="task-work"');
    expect(late).toContain('accept="image/*,application/pdf"');
    expect(late).toContain("请C11限期整改");
    expect(late).toContain("已逾期 71 天");
    expect(late).not.toContain('data-testid="task-decide"');
    const soon = await html(clerk, `/dashboard/C11/tasks/${ids.soon}?period=2026Q3`);
    expect(soon).not.toContain('data-testid="task-work"');
    expect(soon).toContain("本单位的整改任务由上级单位或评估方验收");
    expect(soon).toContain("更换破损井盖 12 处");
    expect(soon).not.toContain('data-testid="period-select"');
    // another unit's task is not found from C11; the 验收 queue is not the clerk's
    await html(clerk, `/dashboard/C11/tasks/${ids.other}?period=2026Q3`, 404);
    await html(clerk, "/dashboard/C11/verify?period=2026Q3", 403);
  });

  it("queues the submitted task for S1's leader, with the decision form", async () => {
    const queue = await html(t["leader-s1"], "/dashboard/S1/verify?period=2026Q3");
    const tasks = [...queue.matchAll(/data-testid="verify-task" data-id="(\d+)"/g)];
    expect(tasks.map((m) => Number(m[1]))).toEqual([ids.soon]);
    expect(queue).toContain('data-decision="verify"');
    expect(queue).toContain('data-decision="extend"');
    expect(queue).not.toContain('data-testid="period-select"');
  });

  it("filters, pages and exports the 整改台账, and counts it on the overview", async () => {
    const leader = t["leader-d1"];
    const all = await html(leader, "/dashboard/D1/rectifications?period=2026Q3");
    expect(all).toMatch(/data-testid="ledger-matched" data-value="3"/);
    expect(all).toContain('data-testid="period-select"');
    expect(all).toMatch(/data-state="overdue">\s*已逾期 1\s*</); // counts grouped in SQL
    expect(all).toMatch(/data-state="submitted">\s*待验收 1\s*</);
    const rows = (page: string) =>
      [...page.matchAll(/data-testid="ledger-row" data-id="(\d+)"/g)].map((m) => Number(m[1]));
    // The indicator alone (SQL); 整改中 leaves the overdue open task out, as the badge does.
    const s3 = await html(leader, "/dashboard/D1/rectifications?period=2026Q3&indicator=S3");
    expect(rows(s3)).toEqual([ids.other]);
    expect(s3).toMatch(/data-testid="ledger-matched" data-value="1"/);
    const open = await html(leader, "/dashboard/D1/rectifications?period=2026Q3&status=open");
    expect(rows(open)).toEqual([ids.other]);
    const overdue = await html(leader, "/dashboard/D1/rectifications?period=2026Q3&status=overdue");
    expect(
      [...overdue.matchAll(/data-testid="ledger-row" data-id="(\d+)"/g)].map((m) => Number(m[1])),
    ).toEqual([ids.late]);
    const s2 = await html(
      leader,
      "/dashboard/D1/rectifications?period=2026Q3&street=S2&indicator=S3",
    );
    expect(s2).toMatch(/data-testid="ledger-matched" data-value="1"/);
    const res = await fetch(
      `${env.baseUrl}/dashboard/D1/rectifications/export?period=2026Q3&format=xlsx&street=S1`,
      { headers: { authorization: `Bearer ${leader}` } },
    );
    expect(res.status).toBe(200);
    const ws = (await readWorkbook(new Uint8Array(await res.arrayBuffer()))).worksheets[0]!;
    expect(ws.name).toBe("整改台账");
    expect(ws.rowCount).toBe(3);
    expect(ws.getRow(2).getCell(1).value).toBe(ids.late);
    expect(ws.getRow(2).getCell(11).value).toBe("已逾期");
    expect(ws.getRow(3).getCell(14).value).toBe("更换破损井盖 12 处");
    const overview = await html(leader, "/dashboard/D1?period=2026Q3&charts=0");
    expect(overview).toMatch(/data-testid="rect-open" data-value="2"/);
    expect(overview).toMatch(/data-testid="rect-overdue" data-value="1"/);
    expect(overview).toMatch(/data-testid="rect-submitted" data-value="1"/);
    const red = await html(leader, "/dashboard/D1/red-items?period=2026Q3");
    expect(red).toContain('data-testid="filter-task"');
  });

  it("lists the tasks in the next quarter's 整改情况 chapter and 整改台账 sheet", async () => {
    const source = createReportSource(env.deps.engine, { scopeUnitId: null, now: NOW });
    const req = { period: "2026Q4", orgUnit: "D1", now: NOW.toISOString() };
    const report = await assembleQuarterlyReport(source, { ...req, edition: "leadership" });
    expect(report.rectifications?.rows.map((r) => r.id)).toEqual([ids.late, ids.other, ids.soon]);
    expect(report.rectifications?.counts).toMatchObject({ total: 3, overdue: 1, submitted: 1 });
    expect(renderQuarterlyHtml(report)).toContain("八、整改情况");
    const model = await assembleAssessmentWorkbook(source, { ...req, depth: "children" });
    const back = await readWorkbook(
      new Uint8Array(await buildAssessmentWorkbook(model).xlsx.writeBuffer()),
    );
    const sheet = back.getWorksheet("整改台账")!;
    expect(sheet.rowCount).toBe(4);
    expect(sheet.getCell("B2").value).toBe("甲社区");
    expect(sheet.getCell("C2").value).toBe("一街道");
  }, 60_000);
});
