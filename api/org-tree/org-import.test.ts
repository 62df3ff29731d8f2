import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_PASSWORD, seedSmallWorld } from "../../test/accounts.ts";
import { call, expectProblem } from "../../test/http.ts";
import { openTestEnv, STORE_KINDS, type TestEnv } from "../../test/stores.ts";

// The org tree imported from a spreadsheet (POST /org-units/import, the 组织架构 page's form):
// Chinese headers and level names, several years of one unit on two rows, the whole file or
// nothing, bad rows named by their row, the caller's subtree, the audit entry.

async function xlsx(rows: unknown[][]): Promise<Blob> {
  const ExcelJS = (await import("exceljs")).default;
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("组织架构");
  for (const r of rows) sheet.addRow(r);
  return new Blob([new Uint8Array(await book.xlsx.writeBuffer())]);
}

const HEADER = ["编码", "名称", "层级", "上级编码", "城乡", "年份", "常住人口", "户数"];

describe.each(STORE_KINDS)("org tree import on %s", (kind) => {
  let env: TestEnv;
  let t: Awaited<ReturnType<typeof seedSmallWorld>>;

  const upload = async (token: string, file: Blob, name = "组织架构.xlsx") => {
    const form = new FormData();
    form.set("file", file, name);
    return call(env.baseUrl, "POST", "/api/v1/org-units/import", { token, body: form });
  };
  const tree = async (root: string) =>
    (await call(env.baseUrl, "GET", `/api/v1/org-units?root=${root}`, { token: t.admin })).body
      .units[0];

  beforeAll(async () => {
    env = await openTestEnv(kind, { ADMIN_PASSWORD });
    t = await seedSmallWorld(env);
  }, 120_000);
  afterAll(async () => {
    await env?.close();
  });

  it("adds and updates units and their yearly facts from an XLSX sheet", async () => {
    const file = await xlsx([
      HEADER,
      ["S3", "三街道", "街道", "D1", "城市", 2026, 52000, 18000],
      ["C31", "丁社区", "社区", "S3", "城市", 2025, 7900, 2950],
      ["C31", "丁社区", "社区", "S3", "城市", 2026, 8100, 3010],
      [],
      ["C12", "乙社区（更名）", "community", "S1", null, null, null, null],
    ]);
    const res = await upload(t.admin, file);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({ inserted: 2, updated: 1, unchanged: 0 });
    const c31 = await tree("C31");
    expect(c31).toMatchObject({
      name: "丁社区",
      level: "community",
      urban: true,
      population: 8100,
      households: 3010,
      factsYear: 2026,
    });
    // GET ?root= names no parent for its root: the parent shows as S3's child.
    const s3 = await tree("S3");
    expect(s3).toMatchObject({ level: "street", parentCode: null, population: 52000 });
    expect(s3.children.map((c: { code: string }) => c.code)).toEqual(["C31"]);
    const years = await env.store.db
      .selectFrom("org_unit_year as y")
      .innerJoin("org_unit as u", "u.id", "y.org_unit_id")
      .select(["y.year", "y.population"])
      .where("u.code", "=", "C31")
      .orderBy("y.year")
      .execute();
    expect(years).toEqual([
      { year: 2025, population: 7900 },
      { year: 2026, population: 8100 },
    ]);
    expect((await tree("C12")).name).toBe("乙社区（更名）");
    const audit = await call(env.baseUrl, "GET", "/api/v1/audit?actor=admin", { token: t.admin });
    const entry = audit.body.entries.find(
      (e: { path: string }) => e.path === "/api/v1/org-units/import",
    );
    expect(entry).toMatchObject({
      status: 200,
      target: "org-units: import 组织架构.xlsx, 3 unit(s)",
    });
    expect(entry.detail.codes).toEqual(["S3", "C31", "C12"]);
  });

  it("writes nothing when a row is bad, naming each bad row", async () => {
    const file = await xlsx([
      HEADER,
      ["S4", "四街道", "街道", "D1"],
      ["C41", "戊社区", "小区", "S4"],
      ["C42", "己社区", "社区", "NOPE"],
      ["C43", "庚社区", "社区", "S4", null, 2026, -5],
    ]);
    const p = expectProblem(await upload(t.admin, file), 422);
    expect(p.errors?.map((e) => e.path)).toEqual(["file.row3.level", "file.row5.population"]);
    expect(p.errors?.[0]?.message).toBe(
      "第 3 行层级：须为 市、区、县、街道、乡镇、社区、村、网格 之一",
    );
    expect(p.errors?.[1]?.message).toBe("第 5 行常住人口：须为不小于 0 的整数");
    // Rows fine on their own but wrong in the tree are named by row too.
    const orphan = await xlsx([
      HEADER,
      ["S4", "四街道", "街道", "D1"],
      ["C42", "己社区", "社区", "NOPE"],
    ]);
    const q = expectProblem(await upload(t.admin, orphan), 422);
    expect(q.errors?.map((e) => e.path)).toEqual(["file.row3.parentCode"]);
    const none = await call(env.baseUrl, "GET", "/api/v1/org-units?root=S4", { token: t.admin });
    expect(none.status).toBe(404);
    const header = expectProblem(
      await upload(t.admin, new Blob(["code,名字\nX,Y\n"]), "x.csv"),
      422,
    );
    expect(header.errors?.map((e) => e.message)).toEqual([
      "缺少列：name",
      "缺少列：level",
      "无法识别的列：名字",
    ]);
  });

  it("keeps a district's administrator to its subtree and refuses other roles", async () => {
    const csv = `${HEADER.join(",")}\r\nC22,辛社区,社区,S2,农村,2026,3000,1100\r\n`;
    const ok = await upload(t["admin-s2"], new Blob([csv]), "s2.csv");
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
    expect(await tree("C22")).toMatchObject({ urban: false, population: 3000 });
    const outside = `${HEADER.join(",")}\r\nC13,壬社区,社区,S1,,,,\r\n`;
    const p = expectProblem(await upload(t["admin-s2"], new Blob([outside]), "s1.csv"), 422);
    expect(p.errors?.[0]?.path).toBe("file.row2.code");
    expectProblem(await upload(t["leader-d1"], new Blob([csv]), "s2.csv"), 403);
  });
});
