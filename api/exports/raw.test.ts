import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedSmallWorld } from "../../test/accounts.ts";
import { getBytes } from "../../test/fixtures/exports.ts";
import { call, expectProblem } from "../../test/http.ts";
import { openTestEnv, STORE_KINDS, type TestEnv } from "../../test/stores.ts";
import { CASE_TABLE, RETURN_TABLE } from "./tables.ts";

const HOUR = 3600_000;
const Q2 = Date.parse("2026-05-10T09:00:00+08:00");
const Q1 = Date.parse("2026-03-20T09:00:00+08:00");
const Q3 = Date.parse("2026-08-01T09:00:00+08:00");
const BOM = [0xef, 0xbb, 0xbf];

/** The CSV's records (CRLF lines, no quoted newlines in these fixtures). */
const lines = (text: string) =>
  text
    .replace(/^\uFEFF/, "")
    .split("\r\n")
    .filter((l) => l !== "");

describe.each(STORE_KINDS)("raw exports on %s", (kind) => {
  let env: TestEnv;
  let dataDir: string;
  let t: Awaited<ReturnType<typeof seedSmallWorld>>;
  const ids = new Map<string, number>();
  let seq = 0;

  async function addCases(code: string, n: number, at: number, resolveHours?: number, extra = {}) {
    const rows = Array.from({ length: n }, () => ({
      source: "12345",
      external_id: `x-${++seq}`,
      org_unit_id: ids.get(code)!,
      kind: "appeal" as const,
      channel: "hotline" as const,
      category: "环境卫生",
      reported_at: new Date(at),
      responded_at: new Date(at + 0.5 * HOUR),
      resolved_at: resolveHours === undefined ? null : new Date(at + resolveHours * HOUR),
      deadline_at: new Date(at + 72 * HOUR),
      first_pass: true,
      complaint: false,
      online: false,
      callback: "satisfied" as const,
      ...extra,
    }));
    await env.store.db.insertInto("case_record").values(rows).execute();
  }

  async function addResponse(code: string, at: number, comment: string | null) {
    await env.store.db
      .insertInto("survey_response")
      .values({
        id: randomUUID(),
        survey_id: "satisfaction",
        survey_version: 1,
        org_unit_id: ids.get(code)!,
        submitted_at: new Date(at),
        mode: "self",
        answers: JSON.stringify({ overall: 5, timeliness: 4, attitude: 3 }),
        score: 75,
        overall: 5,
        age_band: "60-79",
        comment,
        client_hash: "h",
        entered_by: null,
      })
      .execute();
  }

  const text = async (path: string, token: string) => {
    const res = await getBytes(env, path, token);
    return { ...res, text: new TextDecoder().decode(res.bytes) };
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "exports-"));
    env = await openTestEnv(kind, { ADMIN_PASSWORD: "admin-pass-369", DATA_DIR: dataDir });
    t = await seedSmallWorld(env);
    for (const u of await env.store.db.selectFrom("org_unit").select(["id", "code"]).execute()) {
      ids.set(u.code, u.id);
    }
    await addCases("C11", 4, Q2, 5);
    await addCases("G111", 3, Q2);
    await addCases("C12", 2, Q1, 30 * 24); // reported in Q1, resolved in Q2: counts in Q2
    await addCases("C12", 2, Q1, 2); // reported and resolved in Q1: not in Q2
    await addCases("C21", 5, Q2, 10, { category: '=HYPERLINK("http://x")', kind: "service" });
    await addCases("C21", 1, Q3, 1);
    await addResponse("C11", Q2, "楼道灯坏了，已修好");
    await addResponse("C21", Q2, null);
    await addResponse("C21", Q1, null);
    for (const [code, period, spent] of [
      ["C11", "2026Q1", 1000],
      ["C11", "2026Q2", 2000],
      ["C21", "2026Q2", 3000],
      ["C21", "2026Q3", 4000],
    ] as const) {
      const res = await call(env.baseUrl, "PUT", `/api/v1/returns/${code}/${period}`, {
        token: t.admin,
        json: { population: 8000, budgetAllocatedYear: 100000, budgetSpent: spent },
      });
      expect(res.status, res.text).toBe(200);
    }
  });
  afterAll(async () => {
    await env?.deps.jobs.settled();
    await env?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("cases.csv: UTF-8 BOM, the import template's Chinese headers, every case of the quarter in scope", async () => {
    const res = await text("/api/v1/exports/cases.csv?period=2026Q2", t["leader-d1"]);
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toContain("cases-D1-2026Q2.csv");
    expect([...res.bytes.slice(0, 3)]).toEqual(BOM);
    const [head, ...rows] = lines(res.text);
    expect(head).toBe(CASE_TABLE.columns.map((c) => c.header).join(","));
    expect(head).toContain("工单编号");
    expect(rows).toHaveLength(4 + 3 + 2 + 5);
    const c11 = rows.find((r) => r.includes(",C11,"))!;
    expect(c11).toMatch(/^12345,x-\d+,C11,甲社区,诉求,热线,环境卫生,2026-05-10 09:00:00\+08:00,/);
    expect(c11).toContain(",5,是,否,否,满意,"); // 5 handling hours, first pass, callback
    // A text field that a spreadsheet would run as a formula is kept as text.
    expect(rows.find((r) => r.includes(",C21,"))).toContain(`"'=HYPERLINK(""http://x"")"`);
  });

  it("cases.csv imports back as it is: the source id re-imports, 来源名称 and the other read-only columns are ignored", async () => {
    const res = await text("/api/v1/exports/cases.csv?period=2026Q2", t.admin);
    expect(res.status, res.text).toBe(200);
    const fd = new FormData();
    fd.append("file", new Blob([new Uint8Array(res.bytes)], { type: "text/csv" }), "cases.csv");
    const back = await call(env.baseUrl, "POST", "/api/v1/cases/import", {
      token: t.admin,
      body: fd,
    });
    expect(back.status, back.text).toBe(200);
    // Every case is matched by source id and number and found identical (the formula-guarded
    // category `'=HYPERLINK(…)` reads back as `=HYPERLINK(…)`): nothing changes.
    expect(back.body).toMatchObject({ received: 14, inserted: 0, updated: 0, unchanged: 14 });
    expect(back.body.rejected).toEqual([]);
    expect(back.body.ignoredColumns).toEqual(
      expect.arrayContaining([
        "单位名称",
        "办理时长(小时)",
        "入库时间",
        "核减",
        "核减申请编号",
        "来源名称",
      ]),
    );
  });

  it("scope: a street leader gets only the street; other streets are 403; clerks may not export", async () => {
    const own = await text("/api/v1/exports/cases.csv?period=2026Q2", t["leader-s1"]);
    const rows = lines(own.text).slice(1);
    expect(rows).toHaveLength(4 + 3 + 2);
    for (const r of rows) expect(r.split(",")[2]).toMatch(/^(C11|C12|G111)$/);
    const c11 = await text("/api/v1/exports/cases.csv?period=2026Q2&orgUnit=C11", t["leader-s1"]);
    expect(lines(c11.text).slice(1)).toHaveLength(4 + 3);
    expectProblem(
      await call(env.baseUrl, "GET", "/api/v1/exports/cases.csv?period=2026Q2&orgUnit=S2", {
        token: t["leader-s1"],
      }),
      403,
    );
    for (const path of ["cases.csv", "cases.xlsx", "survey-responses.csv", "returns.xlsx"]) {
      expectProblem(
        await call(env.baseUrl, "GET", `/api/v1/exports/${path}?period=2026Q2`, {
          token: t["clerk-s1"],
        }),
        403,
      );
    }
    expectProblem(
      await call(env.baseUrl, "GET", "/api/v1/exports/cases.csv?period=2026Q7", { token: t.admin }),
      400,
    );
  });

  it("cases.csv?encoding=gb18030 decodes as GB18030, without a BOM", async () => {
    const res = await getBytes(
      env,
      "/api/v1/exports/cases.csv?period=2026Q2&encoding=gb18030",
      t.admin,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=gb18030");
    expect([...res.bytes.slice(0, 3)]).not.toEqual(BOM);
    const decoded = iconv.decode(Buffer.from(res.bytes), "gb18030");
    const [head, ...rows] = lines(decoded);
    expect(head).toBe(CASE_TABLE.columns.map((c) => c.header).join(","));
    expect(rows).toHaveLength(14);
    expect(decoded).toContain("甲社区");
    expect(new TextDecoder().decode(res.bytes)).not.toContain("甲社区");
  });

  it("cases.xlsx streams a workbook that reads back: headers, rows, Excel dates", async () => {
    const res = await getBytes(env, "/api/v1/exports/cases.xlsx?period=2026Q2", t["assessor-d1"]);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("spreadsheetml");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(res.bytes) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("工单")!;
    expect(ws.getRow(1).values).toEqual([undefined, ...CASE_TABLE.columns.map((c) => c.header)]);
    expect(ws.actualRowCount).toBe(1 + 14);
    const row = [...Array(ws.rowCount).keys()]
      .map((i) => ws.getRow(i + 1))
      .find((r) => r.getCell(3).value === "C11")!;
    // Beijing wall-clock time, as the import template reads Excel dates.
    expect((row.getCell(8).value as Date).toISOString()).toBe("2026-05-10T09:00:00.000Z");
    expect(row.getCell(12).value).toBeCloseTo(5, 9);
    expect(row.getCell(13).value).toBe("是");
  });

  it("survey-responses: the quarter's responses; comments only for roles that may read them", async () => {
    const leader = await text("/api/v1/exports/survey-responses.csv?period=2026Q2", t["leader-d1"]);
    const [head, ...rows] = lines(leader.text);
    expect(head).toContain("意见建议");
    expect(rows).toHaveLength(2);
    expect(leader.text).toContain("楼道灯坏了");
    const assessor = await text(
      "/api/v1/exports/survey-responses.csv?period=2026Q2",
      t["assessor-d1"],
    );
    expect(lines(assessor.text)[0]).not.toContain("意见建议");
    expect(assessor.text).not.toContain("楼道灯坏了");
    const xlsx = await getBytes(
      env,
      "/api/v1/exports/survey-responses.xlsx?period=2026Q2",
      t["assessor-d1"],
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx.bytes) as unknown as ArrayBuffer);
    expect(wb.getWorksheet("问卷答卷")!.actualRowCount).toBe(3);
  });

  it("returns: quarters 1..Q of the year in scope (R1 is year-to-date)", async () => {
    const csv = await text("/api/v1/exports/returns.csv?period=2026Q2", t["assessor-d1"]);
    const [head, ...rows] = lines(csv.text);
    expect(head).toBe(RETURN_TABLE.columns.map((c) => c.header).join(","));
    expect(rows.map((r) => r.split(",").slice(0, 4).join(","))).toEqual([
      "C11,甲社区,2026,1",
      "C11,甲社区,2026,2",
      "C21,丙社区,2026,2",
    ]);
    const s1 = await text("/api/v1/exports/returns.csv?period=2026Q2", t["leader-s1"]);
    expect(lines(s1.text)).toHaveLength(3);
    const xlsx = await getBytes(env, "/api/v1/exports/returns.xlsx?period=2026Q2", t.admin);
    expect(xlsx.status).toBe(200);
  });

  it("async=1 runs a job whose file only its creator can download", async () => {
    const direct = await getBytes(env, "/api/v1/exports/cases.csv?period=2026Q2", t["leader-d1"]);
    const accepted = await call(
      env.baseUrl,
      "GET",
      "/api/v1/exports/cases.csv?period=2026Q2&async=1",
      {
        token: t["leader-d1"],
      },
    );
    expect(accepted.status, accepted.text).toBe(202);
    const { jobId, statusUrl } = accepted.body;
    await env.deps.jobs.settled();
    const job = await call(env.baseUrl, "GET", statusUrl, { token: t["leader-d1"] });
    expect(job.body).toMatchObject({ status: "done", progress: 1, kind: "exports.cases.csv" });
    expect(job.body.result).toMatchObject({
      rows: 14,
      downloadUrl: `/api/v1/exports/files/${jobId}`,
    });
    const file = await getBytes(env, job.body.result.downloadUrl, t["leader-d1"]);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(Buffer.from(file.bytes).equals(Buffer.from(direct.bytes))).toBe(true);
    expectProblem(
      await call(env.baseUrl, "GET", job.body.result.downloadUrl, { token: t.admin }),
      404,
    );
    expectProblem(
      await call(env.baseUrl, "GET", `/api/v1/exports/files/${randomUUID()}`, {
        token: t["leader-d1"],
      }),
      404,
    );

    const x = await call(env.baseUrl, "GET", "/api/v1/exports/cases.xlsx?period=2026Q2&async=1", {
      token: t["leader-d1"],
    });
    expect(x.status).toBe(202);
    await env.deps.jobs.settled();
    const xJob = await call(env.baseUrl, "GET", x.body.statusUrl, { token: t["leader-d1"] });
    const xFile = await getBytes(env, xJob.body.result.downloadUrl, t["leader-d1"]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xFile.bytes) as unknown as ArrayBuffer);
    expect(wb.getWorksheet("工单")!.actualRowCount).toBe(15);
  });

  it("records every export in the audit log as exports.read", async () => {
    await getBytes(env, "/api/v1/exports/returns.csv?period=2026Q2", t["leader-s1"]);
    const audit = await call(env.baseUrl, "GET", "/api/v1/audit?actor=leader-s1&limit=50", {
      token: t.admin,
    });
    expect(audit.status, audit.text).toBe(200);
    const entries = audit.body.entries as { action: string; target: string; status: number }[];
    const exports = entries.filter((e) => e.action === "exports.read");
    expect(exports.map((e) => e.target)).toEqual(
      expect.arrayContaining([
        "returns.csv: S1 2026Q2",
        "cases.csv: S1 2026Q2",
        "cases.csv: C11 2026Q2",
      ]),
    );
  });
});
