import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_PASSWORD, seedSmallWorld } from "../../test/accounts.ts";
import { call, expectProblem } from "../../test/http.ts";
import { openTestEnv, STORE_KINDS, type TestEnv } from "../../test/stores.ts";
import { dataVersion } from "../indicators/queries/data-version.ts";

// Survey responses imported in bulk: JSON batches record by record, CSV (GB18030 or UTF-8) and
// XLSX files with Chinese headers.

describe.each(STORE_KINDS)("survey response imports on %s", (kind) => {
  let env: TestEnv;
  let tokens: Awaited<ReturnType<typeof seedSmallWorld>>;

  beforeAll(async () => {
    env = await openTestEnv(kind, { ADMIN_PASSWORD, SURVEY_RATE_LIMIT: "0" });
    tokens = await seedSmallWorld(env);
  });
  afterAll(async () => {
    await env?.close();
  });

  it("imports batches record by record and counts them", async () => {
    const id = crypto.randomUUID();
    const good = (i: number) => ({
      id: i === 0 ? id : undefined,
      orgUnit: i % 2 ? "C11" : "C12",
      submittedAt: `2026-08-0${(i % 9) + 1}T10:00:00+08:00`,
      answers: { overall: (i % 5) + 1, timeliness: 5 - (i % 5), ageBand: "60-79" },
      mode: i % 3 ? "self" : "assisted",
    });
    const responses: unknown[] = Array.from({ length: 40 }, (_, i) => good(i));
    responses.push(
      { orgUnit: "C11", submittedAt: "2026-08-01T10:00:00", answers: { overall: 3 } },
      { orgUnit: "NOPE", submittedAt: "2026-08-01T10:00:00+08:00", answers: { overall: 3 } },
      { orgUnit: "C11", submittedAt: "2026-08-01T10:00:00+08:00", answers: { overall: 0 } },
      { orgUnit: "C11", submittedAt: "2099-08-01T10:00:00+08:00", answers: { overall: 3 } },
      "not an object",
    );
    expectProblem(
      await call(env.baseUrl, "POST", "/api/v1/survey-responses/batch", {
        token: tokens["clerk-s1"],
        json: { surveyId: "satisfaction", responses },
      }),
      403,
    );
    const res = await call(env.baseUrl, "POST", "/api/v1/survey-responses/batch", {
      token: tokens["assessor-d1"],
      json: { surveyId: "satisfaction", responses },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ received: 45, inserted: 40, unchanged: 0 });
    expect(
      res.body.rejected.map((r: { index: number; errors: { path: string }[] }) => [
        r.index,
        r.errors[0]?.path,
      ]),
    ).toEqual([
      [40, "responses.40.submittedAt"],
      [41, "responses.41.orgUnit"],
      [42, "responses.42.answers.overall"],
      [43, "responses.43.submittedAt"],
      [44, "responses.44"],
    ]);
    const again = await call(env.baseUrl, "POST", "/api/v1/survey-responses/batch", {
      token: tokens["assessor-d1"],
      json: { surveyId: "satisfaction", responses: [good(0), good(0)] },
    });
    expect(again.body).toMatchObject({ received: 2, inserted: 0, unchanged: 2, rejected: [] });
    const outside = await call(env.baseUrl, "POST", "/api/v1/survey-responses/batch", {
      token: tokens["admin-s2"],
      json: { surveyId: "satisfaction", responses: [good(1)] },
    });
    expect(outside.body.rejected[0].errors[0].message).toContain("不在您的管辖范围内");
    const q3 = await dataVersion(env.store.db, { year: 2026, quarter: 3 });
    expect(q3).toBeGreaterThan(0);
  });

  it("imports CSV (GB18030 or UTF-8) and XLSX with Chinese headers", async () => {
    const header =
      "单位编码,填写时间,总体满意度,办理时效,解决效果,沟通透明,服务态度,年龄段,意见建议,方式";
    const lines = [
      header,
      "C11,2026-08-10 09:30,5,5,4,4,5,60-79 岁,很好,自填",
      "C12,2026/8/11 10:00,3,,,,,80岁及以上,电话13812345678,代填",
      "C11,2026-08-12 10:00,abc,,,,,,,",
      ",,,,,,,,,",
      "NOPE,2026-08-12 10:00,4,,,,,,,",
    ].join("\r\n");
    const gbk = encodeGb18030(lines);
    const form = new FormData();
    form.set("file", new Blob([gbk]), "问卷.csv");
    const res = await call(env.baseUrl, "POST", "/api/v1/survey-responses/import", {
      token: tokens.admin,
      body: form,
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ received: 4, inserted: 2, unchanged: 0 });
    expect(
      res.body.rejected.map((r: { row: number; errors: { path: string }[] }) => [
        r.row,
        r.errors[0]?.path,
      ]),
    ).toEqual([
      [4, "responses.2.answers.overall"],
      [6, "responses.3.orgUnit"],
    ]);
    const stored = await env.store.db
      .selectFrom("survey_response")
      .select(["comment", "mode", "age_band", "submitted_at"])
      .where("comment", "like", "电话%")
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ comment: "电话138****5678", mode: "assisted", age_band: "80+" });
    expect(stored.submitted_at.toISOString()).toBe("2026-08-11T02:00:00.000Z");

    const ExcelJS = (await import("exceljs")).default;
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet("问卷");
    sheet.addRow(["orgUnit", "submittedAt", "overall", "ageBand", "mode"]);
    sheet.addRow(["C21", new Date(Date.UTC(2026, 7, 20, 15, 0)), 4, "40–59岁", "自填"]);
    sheet.addRow(["C21", "2026-08-21T10:00:00+08:00", 6, "40-59", "self"]);
    const xlsx = new Uint8Array(await book.xlsx.writeBuffer());
    const xform = new FormData();
    xform.set("file", new Blob([xlsx]), "问卷.xlsx");
    const xres = await call(env.baseUrl, "POST", "/api/v1/survey-responses/import", {
      token: tokens["assessor-d1"],
      body: xform,
    });
    expect(xres.status, xres.text).toBe(200);
    expect(xres.body).toMatchObject({ received: 2, inserted: 1 });
    expect(xres.body.rejected[0]).toMatchObject({
      row: 3,
      errors: [{ path: "responses.1.answers.overall" }],
    });
    const bad = new FormData();
    bad.set("file", new Blob(["foo,bar\n1,2\n"]), "x.csv");
    expectProblem(
      await call(env.baseUrl, "POST", "/api/v1/survey-responses/import", {
        token: tokens.admin,
        body: bad,
      }),
      422,
    );
  });
});

/** GB18030 bytes of a string, as Excel on Chinese Windows writes CSV (Node can decode it but not encode it). */
function encodeGb18030(text: string): Uint8Array<ArrayBuffer> {
  const decoder = new TextDecoder("gb18030");
  const table = new Map<string, number[]>();
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([hi, lo]));
      if (ch.length === 1 && ch !== "\ufffd" && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else {
      const bytes = table.get(ch);
      if (!bytes) throw new Error(`no GB18030 two-byte code for ${ch}`);
      out.push(...bytes);
    }
  }
  return new Uint8Array(out);
}
