import type { Workbook } from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatPeriod, quarterOf } from "../../shapes/periods.ts";
import { ADMIN_PASSWORD, seedSmallWorld } from "../../test/accounts.ts";
import { call, expectProblem, expectShape } from "../../test/http.ts";
import { openTestEnv, STORE_KINDS, type TestEnv } from "../../test/stores.ts";
import { ReturnHistory, ReturnList, StoredReturn } from "../returns/schema.ts";
import { loadExcel, SHEET } from "../returns/workbook/layout.ts";

/** Returns of a closed quarter are refused; late ones (after day 10) are stored and marked. */
describe.each(STORE_KINDS)("returns and closed quarters on %s", (kind) => {
  let env: TestEnv;
  let t: Awaited<ReturnType<typeof seedSmallWorld>>;
  const put = (unit: string, period: string, json: unknown, token = t["clerk-s1"]) =>
    call(env.baseUrl, "PUT", `/api/v1/returns/${unit}/${period}`, { token, json });
  const upload = (bytes: Uint8Array) => {
    const form = new FormData();
    form.set("file", new Blob([bytes as BlobPart]), "returns.xlsx");
    return call(env.baseUrl, "POST", "/api/v1/returns/upload", {
      token: t["clerk-s1"],
      body: form,
    });
  };
  const filledTemplate = async (period: string): Promise<Uint8Array> => {
    const res = await fetch(`${env.baseUrl}/api/v1/returns/template.xlsx?period=${period}`, {
      headers: { authorization: `Bearer ${t["clerk-s1"]}` },
    });
    expect(res.status).toBe(200);
    const { Workbook: Book } = await loadExcel();
    const wb: Workbook = new Book();
    await wb.xlsx.load((await res.arrayBuffer()) as ArrayBuffer);
    wb.getWorksheet(SHEET)!.getCell("C6").value = 4321; // C12 population
    return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  };
  const history = async (unit: string, period: string) =>
    expectShape(
      ReturnHistory,
      (
        await call(env.baseUrl, "GET", `/api/v1/returns/${unit}/${period}/history`, {
          token: t.admin,
        })
      ).body,
    ).entries;

  beforeAll(async () => {
    env = await openTestEnv(kind, { ADMIN_PASSWORD });
    t = await seedSmallWorld(env);
  });
  afterAll(async () => env?.close());

  it("stores a return of the running quarter on time and one after day 10 as late (迟报)", async () => {
    const current = formatPeriod(quarterOf(new Date()));
    const onTime = await put("C11", current, { population: 8000 });
    expect(onTime.status, onTime.text).toBe(200);
    expect(expectShape(StoredReturn, onTime.body).late).toBe(false);
    // 2026Q3's returns were due by 10 October 2026: filed now, they are late.
    const late = await put("C11", "2026Q3", { population: 8000, workersInPost: 10 });
    expect(late.status, late.text).toBe(200);
    expect(expectShape(StoredReturn, late.body).late).toBe(true);
    const list = expectShape(
      ReturnList,
      (
        await call(env.baseUrl, "GET", "/api/v1/returns?period=2026Q3&orgUnit=S1", {
          token: t.admin,
        })
      ).body,
    );
    expect(list.returns.map((r) => [r.orgUnit, r.late])).toEqual([["C11", true]]);
  });

  it("refuses returns of a closed quarter with 409 in Chinese, through the API and the upload; nothing written", async () => {
    const template = await filledTemplate("2026Q3");
    const close = await call(env.baseUrl, "POST", "/api/v1/periods/2026Q3/close", {
      token: t.admin,
    });
    expect(close.status, close.text).toBe(200);
    const before = await history("C11", "2026Q3");

    const refused = expectProblem(await put("C11", "2026Q3", { population: 9999 }), 409);
    expect(refused.detail).toContain("已于");
    expect(refused.detail).toContain("关账");
    // Even an identical PUT is refused: the quarter takes nothing.
    expectProblem(await put("C11", "2026Q3", { population: 8000, workersInPost: 10 }), 409);
    expectProblem(await put("C12", "2026Q3", { population: 1 }, t.admin), 409);
    const up = expectProblem(await upload(template), 409);
    expect(up.detail).toContain("关账");
    expect(await history("C11", "2026Q3")).toEqual(before);
    expect(await history("C12", "2026Q3")).toEqual([]);
    // Other quarters still take returns.
    expect((await put("C12", "2026Q2", { population: 1 })).status).toBe(200);

    // After a reopen the quarter takes returns again (late, as day 10 has passed).
    const reopen = await call(env.baseUrl, "POST", "/api/v1/periods/2026Q3/reopen", {
      token: t.admin,
      json: { reason: "补报" },
    });
    expect(reopen.status, reopen.text).toBe(200);
    const again = await upload(template);
    expect(again.status, again.text).toBe(200);
    const c12 = expectShape(
      StoredReturn,
      (await call(env.baseUrl, "GET", "/api/v1/returns/C12/2026Q3", { token: t.admin })).body,
    );
    expect(c12).toMatchObject({ population: 4321, late: true });
  });
});
