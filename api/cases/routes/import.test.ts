import { request } from "node:http";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_PASSWORD, seedSmallWorld } from "../../../test/accounts.ts";
import { call, expectProblem, expectShape } from "../../../test/http.ts";
import { openTestEnv, STORE_KINDS, type TestEnv } from "../../../test/stores.ts";
import { Job } from "../../jobs/routes.ts";
import { ImportAccepted, ImportSummary } from "../schema.ts";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const form = (bytes: Uint8Array | string, name: string, type = "text/csv") => {
  const fd = new FormData();
  fd.append(
    "file",
    new Blob([typeof bytes === "string" ? bytes : new Uint8Array(bytes)], { type }),
    name,
  );
  return fd;
};

async function xlsx(rows: unknown[][], fill?: (wb: ExcelJS.Workbook) => void) {
  const wb = new ExcelJS.Workbook();
  if (fill) fill(wb);
  else {
    const ws = wb.addWorksheet("Sheet1");
    for (const r of rows) ws.addRow(r);
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe.each(STORE_KINDS)("case files on %s", (kind) => {
  let env: TestEnv;
  let t: Awaited<ReturnType<typeof seedSmallWorld>>;
  const upload = (token: string, body: FormData) =>
    call(env.baseUrl, "POST", "/api/v1/cases/import", { token, body });
  const count = async (source: string) =>
    Number(
      (
        await sql<{
          n: number;
        }>`select count(*) as n from case_record where source = ${source}`.execute(env.store.db)
      ).rows[0]!.n,
    );
  const imported = async (token: string, body: FormData) => {
    const res = await upload(token, body);
    expect(res.status, res.text).toBe(200);
    return expectShape(ImportSummary, res.body);
  };

  beforeAll(async () => {
    env = await openTestEnv(kind, { ADMIN_PASSWORD, IMPORT_MAX_MB: "2" });
    t = await seedSmallWorld(env);
  });
  afterAll(async () => {
    await env?.deps.jobs.settled();
    await env?.close();
  });

  it("imports a UTF-8 CSV with a BOM and English headers, numbering rejected data rows", async () => {
    const csv =
      "\uFEFFsource,externalId,orgUnit,kind,channel,reportedAt,firstPass,category,note\n" +
      "csv,E1,C11,appeal,hotline,2026-07-01T08:00:00+08:00,true,环境,x\n" +
      "\n" +
      'csv,E2,C12,event,grid_patrol,2026-07-02T08:00:00+08:00,false,"a, quoted",y\n' +
      "csv,E3,C21,event,app,2026-07-02T08:00:00+08:00,,,\n" +
      "csv,E4,C11,event,app,2026-07-02 08:00,,,\n";
    const res = await imported(t["clerk-s1"], form(csv, "cases.csv"));
    expect(res).toMatchObject({
      received: 4,
      inserted: 2,
      rowNumbering: "dataRow",
      ignoredColumns: ["note"],
    });
    expect(res.rejected.map((r) => [r.index, r.externalId, r.errors[0]!.path])).toEqual([
      [4, "E3", "orgUnit"],
      [5, "E4", "reportedAt"],
    ]);
    const again = await imported(t["clerk-s1"], form(csv, "cases.csv"));
    expect(again).toMatchObject({ inserted: 0, unchanged: 2 });
  });

  it("imports a GB18030 CSV with Chinese headers and values", async () => {
    const text =
      "来源,工单编号,所属单位,类型,渠道,类别,上报时间,响应时间,办结时间,办理时限,一次办结,投诉,网上办理,回访结果\r\n" +
      "热线平台,G-1,C11,诉求,热线,噪音扰民,2026-07-01 08:00:00+08:00,2026-07-01 08:10:00+08:00,2026-07-02 08:00:00+08:00,2026-07-05 00:00:00+08:00,是,否,否,基本满意\r\n" +
      "热线平台,G-2,G111,服务,网上,低保申请,2026-07-01T09:00:00+08:00,,,,否,是,是,不满意\r\n" +
      "热线平台,G-3,C11,未知,热线,,2026-07-01T09:00:00+08:00,,,,也许,,,\r\n";
    const res = await imported(t["clerk-s1"], form(iconv.encode(text, "gb18030"), "工单.csv"));
    expect(res).toMatchObject({ received: 3, inserted: 2 });
    expect(res.rejected[0]!.index).toBe(3);
    expect(res.rejected[0]!.errors.map((e) => e.path)).toEqual(["kind", "firstPass"]);
    const row = await sql<{
      category: string;
      callback: string;
      first_pass: boolean;
    }>`select category, callback, first_pass from case_record where external_id = 'G-1'`.execute(
      env.store.db,
    );
    expect(row.rows[0]).toEqual({
      category: "噪音扰民",
      callback: "basically_satisfied",
      first_pass: true,
    });
  });

  it("imports XLSX with date cells read as Beijing time, and the downloaded template", async () => {
    const bytes = await xlsx([
      ["某街道工单台账（2026 年第三季度）"],
      [],
      ["来源", "工单编号", "单位编码", "类型", "渠道", "上报时间", "一次办结", "投诉"],
      ["xlsx", 1001, "C11", "事件", "AI摄像头", new Date(Date.UTC(2026, 6, 1, 8, 0)), true, "否"],
      ["xlsx", "X-2", "C11", "event", "iot_sensor", "2026-07-01T09:00:00Z", false, null],
    ]);
    const res = await imported(t["clerk-s1"], form(bytes, "cases.xlsx", XLSX_TYPE));
    expect(res).toMatchObject({ received: 2, inserted: 2, rejected: [] });
    const at = await sql<{
      reported_at: Date;
    }>`select reported_at from case_record where source = 'xlsx' and external_id = '1001'`.execute(
      env.store.db,
    );
    expect(at.rows[0]!.reported_at.toISOString()).toBe("2026-07-01T00:00:00.000Z");

    const tpl = await fetch(`${env.baseUrl}/api/v1/cases/template.xlsx`, {
      headers: { authorization: `Bearer ${t["clerk-s1"]}` },
    });
    expect(tpl.status).toBe(200);
    expect(tpl.headers.get("content-type")).toBe(XLSX_TYPE);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await tpl.arrayBuffer());
    expect(wb.worksheets.map((w) => w.name)).toEqual(["工单", "填写说明"]);
    const sheet = wb.getWorksheet("工单")!;
    expect(sheet.getRow(1).getCell(1).value).toBe("来源*");
    const dv = (sheet as unknown as { dataValidations: { model: Record<string, unknown> } })
      .dataValidations.model;
    expect(JSON.stringify(dv)).toContain("事件,诉求,服务");
    sheet.addRow(["tpl", "T-1", "C12", "诉求", "微信", "求助", "2026-07-03 10:00:00+08:00"]);
    sheet.addRow(["tpl", "T-2", "C12", "服务", "窗口", null, new Date(Date.UTC(2026, 6, 3, 10))]);
    const filled = new Uint8Array(await wb.xlsx.writeBuffer());
    expect(await imported(t["clerk-s1"], form(filled, "t.xlsx", XLSX_TYPE))).toMatchObject({
      received: 2,
      inserted: 2,
    });
  });

  it("refuses wrong columns, empty, headerless and non-spreadsheet files, writing nothing", async () => {
    const wrong = expectProblem(
      await upload(t.admin, form("source,externalId,unit,kind\nw,1,C11,event\n", "w.csv")),
      422,
    );
    const messages = wrong.errors!.map((e) => e.message);
    expect(messages).toContain("缺少列：单位编码（orgUnit）");
    expect(messages).toContain("缺少列：上报时间（reportedAt）");
    expect(messages).toContain("无法识别的列：unit");
    expect(await count("w")).toBe(0);

    expect(expectProblem(await upload(t.admin, form("", "e.csv")), 422).detail).toContain(
      "文件是空的",
    );
    expect(expectProblem(await upload(t.admin, form("\n\n", "blank.csv")), 422).detail).toContain(
      "文件中没有任何行",
    );
    const headerless = expectProblem(
      await upload(
        t.admin,
        form(
          "h,1,C11,event,app,2026-07-01T00:00:00Z\nh,2,C11,event,app,2026-07-01T00:00:00Z\n",
          "h.csv",
        ),
      ),
      422,
    );
    expect(headerless.errors![0]!.message).toContain("没有表头行");
    expect(await count("h")).toBe(0);
    const onlyHeader = await upload(
      t.admin,
      form("source,externalId,orgUnit,kind,channel,reportedAt\n", "x.csv"),
    );
    expect(expectProblem(onlyHeader, 422).detail).toContain("没有数据行");
    const binary = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0, 1, 2, 3]);
    expect(expectProblem(await upload(t.admin, form(binary, "x.pdf")), 422).detail).toContain(
      "既不是 CSV 也不是 XLSX",
    );
    const noFile = new FormData();
    noFile.append("other", "x");
    expectProblem(await upload(t.admin, noFile), 422);
    expectProblem(
      await call(env.baseUrl, "POST", "/api/v1/cases/import", { token: t.admin, json: {} }),
      415,
    );
    expectProblem(await upload(t["leader-d1"], form("a", "a.csv")), 403);
  });

  it("refuses uploads over the size limit, declared or streamed", async () => {
    const declared = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const url = new URL(`${env.baseUrl}/api/v1/cases/import`);
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: "POST",
          headers: {
            authorization: `Bearer ${t.admin}`,
            "content-type": "multipart/form-data; boundary=x",
            "content-length": String(2 * 1024 ** 3),
          },
        },
        (res) => {
          let body = "";
          res.on("data", (c) => {
            body += c;
          });
          res.on("end", () => {
            resolve({ status: res.statusCode ?? 0, body });
            req.destroy();
          });
        },
      );
      req.on("error", reject);
      req.write("--x\r\n");
    });
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body).detail).toContain("2 MiB");

    const line = "big,1,C11,event,app,2026-07-01T00:00:00Z\n";
    const big = `source,externalId,orgUnit,kind,channel,reportedAt\n${line.repeat(Math.ceil((3 * 1024 * 1024) / line.length))}`;
    expectProblem(await upload(t.admin, form(big, "big.csv")), 413);
    expect(await count("big")).toBe(0);
  });

  it("imports a file of over 10,000 rows as a job with progress and the summary", async () => {
    const header = "来源,工单编号,单位编码,类型,渠道,上报时间\n";
    const rows = Array.from(
      { length: 10_050 },
      (_, i) => `job,J${i},${i === 5 ? "C21" : "C11"},诉求,热线,2026-07-01T08:00:00+08:00\n`,
    );
    const res = await upload(t["clerk-s1"], form(header + rows.join(""), "big.csv"));
    expect(res.status, res.text).toBe(202);
    const { jobId } = expectShape(ImportAccepted, res.body);
    expect(res.headers.get("location")).toBe(`/api/v1/jobs/${jobId}`);

    const seen: number[] = [];
    let job = expectShape(
      Job,
      (await call(env.baseUrl, "GET", `/api/v1/jobs/${jobId}`, { token: t["clerk-s1"] })).body,
    );
    for (let i = 0; i < 600 && job.status === "running"; i++) {
      seen.push(job.progress);
      await new Promise((r) => setTimeout(r, 50));
      const r = await call(env.baseUrl, "GET", `/api/v1/jobs/${jobId}`, { token: t["clerk-s1"] });
      job = expectShape(Job, r.body);
    }
    expect(job).toMatchObject({ status: "done", progress: 1, kind: "cases.import" });
    expect(seen.every((p, i) => i === 0 || p >= seen[i - 1]!)).toBe(true);
    const summary = expectShape(ImportSummary, job.result);
    expect(summary).toMatchObject({ received: 10_050, inserted: 10_049, rejectedOmitted: 0 });
    expect(summary.rejected).toEqual([
      {
        index: 6,
        externalId: "J5",
        errors: [{ path: "orgUnit", message: "单位 C21 不在您的管辖范围内" }],
      },
    ]);
    expect(await count("job")).toBe(10_049);

    // Jobs are visible to their creator and to administrators whose scope covers them.
    const get = (token: string) => call(env.baseUrl, "GET", `/api/v1/jobs/${jobId}`, { token });
    expect((await get(t.admin)).status).toBe(200);
    expectProblem(await get(t["leader-d1"]), 404);
    expectProblem(await get(t["admin-s2"]), 404);
    expectProblem(await get(t["clerk-s1"].replace(/.$/, "x")), 401);
    expectProblem(
      await call(env.baseUrl, "GET", "/api/v1/jobs/not-a-uuid", { token: t.admin }),
      404,
    );
  });
});
