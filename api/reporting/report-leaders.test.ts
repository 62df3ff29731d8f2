/**
 * What a leader reading the printed report notices (issue 23 part 3), read back from the PDFs with
 * pdf.js (test/pdf.ts; no pdftotext on this machine) on a small demo district on PGlite: "数据截至"
 * on the cover is the latest data received, not the generation time; sources are named in Chinese.
 */
import { sql } from "kysely";
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
  const htmls = new Map<string, string>();

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
    const html = await getBytes(env, `/api/v1/reports/${report.id}/html`, token);
    htmls.set(edition, new TextDecoder().decode(html.bytes));
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

  it("has no developer text: no INDICATORS.md, no model version", async () => {
    for (const [edition, doc] of pdfs) {
      const text = await doc.text();
      expect(text, edition).not.toContain("INDICATORS");
      expect(text, edition).not.toContain(".md");
      expect(text, edition).not.toContain("模型版本");
    }
    expect(squash(await pdfs.get("assessor")!.text())).toContain("“评估方法”一章所列口径");
  });

  it("sorts the sensitivity table by actual rank", async () => {
    const html = htmls.get("assessor")!;
    const from = html.indexOf("5%–95% 分位区间</th>");
    expect(from).toBeGreaterThan(0);
    const body = html.slice(from, html.indexOf("</table>", from));
    const ranks = [...body.matchAll(/<tr>(?:<td[^>]*>[^<]*<\/td>){2}<td[^>]*>(\d+|—)<\/td>/g)].map(
      (m) => (m[1] === "—" ? Number.POSITIVE_INFINITY : Number(m[1])),
    );
    expect(ranks.length).toBe(3);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    // The PDF reads in the same order: the first street by rank comes first on its page.
    expect(ranks[0]).toBe(1);
  });

  it("names a community with its street on the cover (馨苑社区 exists in several streets)", async () => {
    const { rows } = await sql<{ code: string; street: string }>`
      select c.code, s.name as street from org_unit c join org_unit s on s.id = c.parent_id
      where c.level = 'community' and s.level = 'street' order by c.code limit 1`.execute(
      env.store.db,
    );
    const community = rows[0]!;
    const res = await call(env.baseUrl, "POST", "/api/v1/reports", {
      token,
      json: { period: PERIOD, orgUnit: community.code, edition: "leadership" },
    });
    expect(res.status, res.text).toBe(202);
    const { report } = await waitForReport(env, token, res.body.id, 80_000);
    expect(report.status, report.error).toBe("done");
    const doc = await openPdf(
      (await getBytes(env, `/api/v1/reports/${report.id}/pdf`, token)).bytes,
    );
    try {
      const cover = squash(await doc.text(1));
      const unit = await call(
        env.baseUrl,
        "GET",
        `/api/v1/indicators?period=${PERIOD}&orgUnit=${community.code}`,
        { token },
      );
      const name = unit.body.units[0].name as string;
      expect(cover).toContain(squash(`${community.street} › ${name}`));
      expect(cover).toContain(squash(`代码 ${community.code}`));
    } finally {
      await doc.close();
    }
  }, 90_000);
});
