import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_PASSWORD, seedSmallWorld } from "../../test/accounts.ts";
import { call, expectProblem } from "../../test/http.ts";
import { openTestEnv, STORE_KINDS, type TestEnv } from "../../test/stores.ts";
import type { DB } from "../db/database.ts";
import { loadExcel, SHEET } from "../returns/workbook/layout.ts";

/**
 * Spreadsheet cells are input too: in XLSX, `_x0000_` is the escape of U+0000, which exceljs
 * decodes, so a file can carry a NUL into any text field; and a figure cell can hold 2^31.
 */
const NUL_CELL = "_x0000_";

async function xlsx(rows: (string | number)[][], sheet = "Sheet1"): Promise<Blob> {
  const { Workbook } = await loadExcel();
  const wb = new Workbook();
  const ws = wb.addWorksheet(sheet);
  for (const row of rows) ws.addRow(row);
  return new Blob([(await wb.xlsx.writeBuffer()) as ArrayBuffer]);
}

describe.each(STORE_KINDS)("hostile spreadsheet cells on %s", (kind) => {
  let env: TestEnv;
  let t: Awaited<ReturnType<typeof seedSmallWorld>>;
  const count = async (table: keyof DB) =>
    Number(
      (
        await env.store.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const upload = (path: string, file: Blob, name: string, fields: Record<string, string> = {}) => {
    const form = new FormData();
    form.set("file", file, name);
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    return call(env.baseUrl, "POST", path, { token: t.admin, body: form });
  };
  /** The return template for S1's communities (C11, C12), filled by `fill`. */
  const returnsBook = async (fill: (ws: import("exceljs").Worksheet) => void) => {
    const res = await fetch(
      `${env.baseUrl}/api/v1/returns/template.xlsx?period=2026Q3&orgUnit=S1`,
      {
        headers: { authorization: `Bearer ${t.admin}` },
      },
    );
    expect(res.status).toBe(200);
    const { Workbook } = await loadExcel();
    const wb = new Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    fill(wb.getWorksheet(SHEET)!);
    return new Blob([(await wb.xlsx.writeBuffer()) as ArrayBuffer]);
  };

  beforeAll(async () => {
    env = await openTestEnv(kind, { ADMIN_PASSWORD });
    t = await seedSmallWorld(env);
  });
  afterAll(async () => env?.close());

  it("returns upload: a NUL in a unit code and a population of 2^31 are refused naming the cell", async () => {
    const nulCode = await returnsBook((ws) => {
      ws.getCell("A5").value = `C1${NUL_CELL}1`;
      ws.getCell("C5").value = 100;
    });
    const bad = expectProblem(await upload("/api/v1/returns/upload", nulCode, "r.xlsx"), 422);
    expect(bad.errors).toContainEqual({
      path: `${SHEET}!A5`,
      message: expect.stringMatching(/空字符/),
    });

    const huge = await returnsBook((ws) => {
      ws.getCell("C5").value = 2 ** 31;
    });
    const big = expectProblem(await upload("/api/v1/returns/upload", huge, "r.xlsx"), 422);
    expect(big.errors).toEqual([
      { path: `${SHEET}!C5`, message: `${SHEET}!C5：${2 ** 31} 不能大于 2147483647` },
    ]);
    expect(await count("unit_return")).toBe(0);
  });

  it("survey import: a NUL in a comment rejects its row naming the answer; the other row is stored", async () => {
    const book = await xlsx([
      ["orgUnit", "submittedAt", "overall", "comment"],
      ["C11", "2026-07-01T10:00:00+08:00", 5, `很好${NUL_CELL}`],
      ["C11", "2026-07-01T11:00:00+08:00", 4, "不错"],
    ]);
    const res = await upload("/api/v1/survey-responses/import", book, "s.xlsx");
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ received: 2, inserted: 1 });
    expect(res.body.rejected).toEqual([
      {
        index: 0,
        row: 2,
        errors: [{ path: "responses.0.answers.comment", message: expect.stringMatching(/空字符/) }],
      },
    ]);
    expect(await count("survey_response")).toBe(1);
  });

  it("survey import: a NUL in the file name is refused naming the field", async () => {
    const book = await xlsx([
      ["orgUnit", "overall"],
      ["C11", 5],
    ]);
    const name = expectProblem(
      await upload("/api/v1/survey-responses/import", book, "s\u0000.xlsx"),
      422,
    );
    expect(name.errors).toEqual([{ path: "form.file", message: expect.stringMatching(/^文件名/) }]);
  });

  it("cases import: a NUL in the file name is refused naming the file; nothing is stored", async () => {
    const csv = new Blob([
      "source,externalId,orgUnit,kind,channel,reportedAt\nhotline,f-1,C11,event,hotline,2026-07-01T08:00:00+08:00\n",
    ]);
    const res = await upload("/api/v1/cases/import", csv, "cases\u0000.csv");
    const problem = expectProblem(res, 422);
    expect(problem.errors).toEqual([{ path: "file", message: expect.stringMatching(/^文件名/) }]);
    expect(await count("case_record")).toBe(0);
  });
});
