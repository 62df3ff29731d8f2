/**
 * What a leader reading the printed report notices (issue 23 part 3), read back from the PDFs with
 * pdf.js (test/pdf.ts; no pdftotext on this machine) on a small demo district on PGlite: "数据截至"
 * on the cover is the latest data received, not the generation time; sources are named in Chinese.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, seedDemo } from "../../scripts/demo/generate.ts";
import { dataAsOfInstant, formatInstant } from "../../shapes/format.ts";
import { login } from "../../test/accounts.ts";
import { getBytes, stopReports, waitForReport } from "../../test/fixtures/reports.ts";
import { call } from "../../test/http.ts";
import { openPdf, type PdfDoc } from "../../test/pdf.ts";
import { openTestEnv, type TestEnv } from "../../test/stores.ts";

const PERIOD = "2026Q3";
const squash = (s: string) => s.replace(/\s+/g, "");

describe("printed reports as a leader reads them (PGlite, demo district)", () => {
  let env: TestEnv;
  let token: string;
  let district: { code: string; name: string };
  let dataAsOf: string | null;
  const pdfs = new Map<"leadership" | "assessor", PdfDoc>();
  const generatedAt = new Map<string, string>();

  async function generate(edition: "leadership" | "assessor") {
    const res = await call(env.baseUrl, "POST", "/api/v1/reports", {
      token,
      json: { period: PERIOD, orgUnit: district.code, edition },
    });
    expect(res.status, res.text).toBe(202);
    const { report } = await waitForReport(env, token, res.body.id, 80_000);
    expect(report.status, report.error).toBe("done");
    const pdf = await getBytes(env, `/api/v1/reports/${report.id}/pdf`, token);
    pdfs.set(edition, await openPdf(pdf.bytes));
    generatedAt.set(edition, report.finishedAt);
  }

  beforeAll(async () => {
    env = await openTestEnv("pglite");
    await seedDemo(env.store, {
      seed: 23,
      streets: 3,
      communitiesPerStreet: 2,
      casesPerYear: 4000,
      quarters: ["2026Q2", PERIOD],
    });
    token = await login(env, "assessor", DEMO_PASSWORD);
    const res = await call(env.baseUrl, "GET", `/api/v1/indicators?period=${PERIOD}`, { token });
    expect(res.status, res.text).toBe(200);
    district = res.body.units[0];
    const d = res.body.dataAsOf;
    dataAsOf = dataAsOfInstant({ ...d, sources: Object.values(d.sources) });
    await generate("leadership");
    await generate("assessor");
  }, 170_000);
  afterAll(async () => {
    for (const doc of pdfs.values()) await doc.close();
    await stopReports(env);
    await env.close();
  });

  it("dates the cover by the latest data received, and the generation time apart", async () => {
    expect(dataAsOf).not.toBeNull();
    for (const [edition, doc] of pdfs) {
      const cover = squash(await doc.text(1));
      expect(cover, edition).toContain(squash(`数据截至${formatInstant(dataAsOf)}`));
      expect(cover, edition).toContain("生成时间");
    }
    // The demo's data ends with its last quarter: months before the report was generated.
    expect(formatInstant(dataAsOf)).not.toBe(formatInstant(generatedAt.get("assessor")));
  });

  it("names every case source in Chinese, never by its id", async () => {
    const text = await pdfs.get("assessor")!.text();
    expect(text).toContain("信访系统");
    for (const id of ["xinfang", "yiwangtongguan", "yichuangshouli"]) {
      expect(text).not.toContain(id);
    }
  });
});
