import type { Workbook, Worksheet } from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedSmallWorld } from "../../test/accounts.ts";
import { call, expectProblem, expectShape } from "../../test/http.ts";
import { openTestEnv, STORE_KINDS, type TestEnv } from "../../test/stores.ts";
import { ReturnHistory, StoredReturn, UploadResult } from "./schema.ts";
import { HEADERS, INFO_SHEET, loadExcel, SHEET } from "./workbook/layout.ts";

async function download(env: TestEnv, token: string, query: string) {
  const res = await fetch(`${env.baseUrl}/api/v1/returns/template.xlsx${query}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
}

async function open(bytes: Uint8Array): Promise<{ wb: Workbook; ws: Worksheet }> {
  const { Workbook } = await loadExcel();
  const wb = new Workbook();
  await wb.xlsx.load(bytes.buffer as ArrayBuffer);
  return { wb, ws: wb.getWorksheet(SHEET)! };
}

async function bytesOf(wb: Workbook): Promise<Uint8Array> {
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

describe.each(STORE_KINDS)("return template and upload on %s", (kind) => {
  let env: TestEnv;
  let t: Awaited<ReturnType<typeof seedSmallWorld>>;
  let template: Uint8Array;

  const upload = (token: string, bytes: Uint8Array | Blob, fields: Record<string, string> = {}) => {
    const form = new FormData();
    form.set("file", bytes instanceof Blob ? bytes : new Blob([bytes as BlobPart]), "returns.xlsx");
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    return call(env.baseUrl, "POST", "/api/v1/returns/upload", { token, body: form });
  };
  const stored = async (path: string) =>
    call(env.baseUrl, "GET", `/api/v1/returns/${path}`, { token: t.admin });

  beforeAll(async () => {
    env = await openTestEnv(kind, { ADMIN_PASSWORD: "admin-pass-369" });
    t = await seedSmallWorld(env);
    const res = await call(env.baseUrl, "PUT", "/api/v1/returns/C11/2026Q3", {
      token: t.admin,
      json: { population: 8000, budgetAllocatedYear: 1_000_000, workersInPost: 12 },
    });
    expect(res.status, res.text).toBe(200);
  });
  afterAll(async () => env?.close());

  it("downloads a pre-filled, protected, validated template for the caller's communities", async () => {
    const { res, bytes } = await download(env, t["clerk-s1"], "?period=2026Q3");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("spreadsheetml");
    expect(res.headers.get("content-disposition")).toContain("returns-S1-2026Q3.xlsx");
    template = bytes;
    const { wb, ws } = await open(bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual([SHEET, INFO_SHEET]);
    expect(ws.getCell("B1").value).toBe("2026Q3");
    expect(ws.getRow(4).values).toEqual([undefined, ...HEADERS]);
    expect(HEADERS.slice(2, 5)).toEqual(["常住人口", "年度预算(元)", "本季度支出(元)"]);
    expect([ws.getCell("A5").value, ws.getCell("B5").value]).toEqual(["C11", "甲社区"]);
    expect([ws.getCell("A6").value, ws.getCell("B6").value]).toEqual(["C12", "乙社区"]);
    expect(ws.getCell("A7").value).toBeNull();
    // Pre-filled: population, budget for the year, (spent blank), workers in post.
    expect([3, 4, 5, 6].map((c) => ws.getRow(5).getCell(c).value)).toEqual([
      8000,
      1_000_000,
      null,
      12,
    ]);
    expect(ws.getCell("C6").value).toBeNull();
    const validation = ws.getCell("O6").dataValidation;
    expect(validation).toMatchObject({ type: "decimal", operator: "greaterThanOrEqual" });
    expect(validation.formulae).toEqual([0]);
    expect(ws.getCell("C5").dataValidation).toMatchObject({ type: "decimal" });
    const protection = (ws as unknown as { sheetProtection: { sheet: boolean } }).sheetProtection;
    expect(protection.sheet).toBe(true);
    expect(ws.getCell("C5").protection?.locked).toBe(false);
    expect(ws.getCell("A5").protection?.locked ?? true).toBe(true);
    expect(ws.getCell("B1").protection?.locked ?? true).toBe(true);
    const info = wb.getWorksheet(INFO_SHEET)!;
    expect(JSON.stringify(info.getSheetValues())).toContain("协商事项解决数");
  });

  it("refuses templates outside role, scope or with no community", async () => {
    expect((await download(env, t["leader-d1"], "?period=2026Q3")).res.status).toBe(403);
    expect((await download(env, t["clerk-s1"], "?period=2026Q3&orgUnit=S2")).res.status).toBe(403);
    expect((await download(env, t.admin, "?period=2026Q3&orgUnit=NOPE")).res.status).toBe(404);
    expect((await download(env, t.admin, "?period=2026Q3&orgUnit=G111")).res.status).toBe(422);
    expect((await download(env, t.admin, "?period=2026-3")).res.status).toBe(422);
    const d1 = await open((await download(env, t.admin, "?period=2026Q3&orgUnit=D1")).bytes);
    expect([5, 6, 7].map((r) => d1.ws.getCell(`A${r}`).value)).toEqual(["C11", "C12", "C21"]);
  });

  it("round-trips a filled template: changes stored with the uploader, identical rows unchanged", async () => {
    const { wb, ws } = await open(template);
    ws.getCell("E5").value = 250_000; // C11 budget spent
    ws.getCell("C6").value = 5000; // C12 population
    ws.getCell("F6").value = "7"; // workers in post: a number typed as text still counts
    const res = await upload(t["clerk-s1"], await bytesOf(wb), { period: "2026Q3" });
    expect(res.status, res.text).toBe(200);
    expect(expectShape(UploadResult, res.body)).toEqual({
      period: "2026Q3",
      updated: 2,
      unchanged: 0,
      skipped: 0,
    });
    const c11 = expectShape(StoredReturn, (await stored("C11/2026Q3")).body);
    expect(c11).toMatchObject({ population: 8000, budgetSpent: 250_000, updatedBy: "clerk-s1" });
    const c12 = expectShape(StoredReturn, (await stored("C12/2026Q3")).body);
    expect(c12).toMatchObject({ population: 5000, workersInPost: 7, positions: null });
    const history = expectShape(ReturnHistory, (await stored("C11/2026Q3/history")).body);
    expect(history.entries[0]).toMatchObject({
      changedBy: "clerk-s1",
      changedFields: ["budgetSpent"],
    });

    const again = await upload(t["clerk-s1"], await bytesOf(wb));
    expect(again.body).toEqual({ period: "2026Q3", updated: 0, unchanged: 2, skipped: 0 });
    expect((await stored("C11/2026Q3/history")).body.entries).toHaveLength(2);
  });

  it("lists every error of a bad upload with its cell and writes nothing", async () => {
    const before = (await stored("C11/2026Q3")).text;
    const { wb, ws } = await open(template);
    ws.getCell("C5").value = -3; // negative
    ws.getCell("H6").value = "十二"; // text
    ws.getCell("A7").value = "NOPE"; // unknown code
    ws.getCell("C7").value = 1;
    ws.getCell("D6").value = 10; // a valid change that must not be written
    const p = expectProblem(await upload(t["clerk-s1"], await bytesOf(wb)), 422);
    expect(p.errors!.map((e) => e.path).sort()).toEqual([
      "季度填报!A7",
      "季度填报!C5",
      "季度填报!H6",
    ]);
    expect(p.errors!.find((e) => e.path === "季度填报!A7")!.message).toContain("NOPE");
    expect((await stored("C11/2026Q3")).text).toBe(before);
    expect((await stored("C12/2026Q3")).body.budgetAllocatedYear).toBeNull();
  });

  it("refuses units outside scope, a wrong period, wrong columns and non-workbooks", async () => {
    const variant = async (edit: (ws: Worksheet) => void) => {
      const { wb, ws } = await open(template);
      edit(ws);
      return bytesOf(wb);
    };
    const outside = await variant((ws) => {
      ws.getCell("A7").value = "C21";
      ws.getCell("C7").value = 9;
    });
    const scope = expectProblem(await upload(t["clerk-s1"], outside), 422);
    expect(scope.errors).toEqual([
      { path: "季度填报!A7", message: expect.stringContaining("不在您的管辖范围内") },
    ]);
    expect((await upload(t.admin, outside)).status).toBe(200);

    const period = await variant((ws) => {
      ws.getCell("B1").value = "2026Q5";
    });
    const bad = expectProblem(await upload(t["clerk-s1"], period), 422);
    expect(bad.errors!.map((e) => e.path)).toEqual(["季度填报!B1"]);
    const mismatch = expectProblem(
      await upload(t["clerk-s1"], template, { period: "2026Q2" }),
      422,
    );
    expect(mismatch.errors!.map((e) => e.path)).toEqual(["季度填报!B1"]);

    const columns = await variant((ws) => {
      ws.getCell("D4").value = "预算";
      ws.getCell("P4").value = "备注";
    });
    const cols = expectProblem(await upload(t["clerk-s1"], columns), 422);
    expect(cols.errors!.map((e) => e.path)).toEqual(["季度填报!D4", "季度填报!P4"]);

    const { wb } = await open(template);
    wb.getWorksheet(SHEET)!.name = "Sheet1";
    const sheet = expectProblem(await upload(t["clerk-s1"], await bytesOf(wb)), 422);
    expect(sheet.errors![0]!.path).toBe(SHEET);

    const junk = expectProblem(
      await upload(t["clerk-s1"], new TextEncoder().encode("a,b\n1,2")),
      422,
    );
    expect(junk.errors![0]!.path).toBe("file");
    const noFile = new FormData();
    noFile.set("period", "2026Q3");
    expectProblem(
      await call(env.baseUrl, "POST", "/api/v1/returns/upload", { token: t.admin, body: noFile }),
      422,
    );
  });

  it("enforces role, content type and the size limit", async () => {
    expectProblem(await upload(t["leader-d1"], template), 403);
    expectProblem(
      await call(env.baseUrl, "POST", "/api/v1/returns/upload", { token: t.admin, json: {} }),
      415,
    );
    const big = new Blob([new Uint8Array(11 * 1024 * 1024)]);
    expectProblem(await upload(t.admin, big), 413);
  });
});
