/**
 * The printed report, read with pdf.js (test/pdf.ts) on a small demo district on PGlite: the
 * unit's name, index and grade as GET /indicators shows them, the shipped CJK font embedded by
 * name (and nothing else, nothing as Type 3), the same bytes whether or not the printer sees the
 * machine's fonts, the page count, the table of contents' page numbers, HTML re-rendered from the stored
 * model, and rendered pages kept as PNG test artifacts.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BrowserPool } from "../../reports/pdf/browser-pool.ts";
import { printPdf } from "../../reports/pdf/print.ts";
import { DEMO_PASSWORD, seedDemo } from "../../scripts/demo/generate.ts";
import { formatScore } from "../../shapes/format.ts";
import { login } from "../../test/accounts.ts";
import { getBytes, stopReports, waitForReport } from "../../test/fixtures/reports.ts";
import { call } from "../../test/http.ts";
import { openPdf, type PdfDoc } from "../../test/pdf.ts";
import { openTestEnv, type TestEnv } from "../../test/stores.ts";
import { renderReportHtml } from "./generate.ts";

const PERIOD = "2026Q3";
const ARTIFACTS = join(process.cwd(), "test-artifacts");
const tmp = mkdtempSync(join(tmpdir(), "report-pdf-"));

const squash = (s: string) => s.replace(/\s+/g, "");
/** A PDF without its creation and modification times (the only bytes that differ per print). */
const undated = (pdf: Uint8Array) =>
  Buffer.from(pdf)
    .toString("latin1")
    .replace(/\/(CreationDate|ModDate) \(D:[^)]*\)/g, "/$1 ()");
/** …and without the tagged structure's element ids (DOM node numbers: see the test). */
const unnumbered = (pdf: Uint8Array) => undated(pdf).replace(/\(node\d+\)/g, "()");

describe("quarterly report PDF (PGlite, demo district)", () => {
  let env: TestEnv;
  let tokens: Record<"leader" | "streetLeader" | "assessor", string>;
  let district: { code: string; name: string };
  let street: { code: string; name: string };
  const files = new Map<string, string>();
  const pdfs = new Map<string, PdfDoc>();

  async function generate(token: string, orgUnit: string, edition: string) {
    const res = await call(env.baseUrl, "POST", "/api/v1/reports", {
      token,
      json: { period: PERIOD, orgUnit, edition },
    });
    expect(res.status, res.text).toBe(202);
    const { report } = await waitForReport(env, token, res.body.id, 80_000);
    expect(report.status, report.error).toBe("done");
    const pdf = await getBytes(env, `/api/v1/reports/${report.id}/pdf`, token);
    const file = join(tmp, `${orgUnit}-${edition}.pdf`);
    writeFileSync(file, pdf.bytes);
    return { report, file, doc: await openPdf(pdf.bytes) };
  }

  beforeAll(async () => {
    env = await openTestEnv("pglite");
    await seedDemo(env.store, {
      seed: 21,
      streets: 3,
      communitiesPerStreet: 3,
      casesPerYear: 9000,
      quarters: ["2025Q3", "2025Q4", "2026Q1", "2026Q2", "2026Q3"],
    });
    tokens = {
      leader: await login(env, "leader", DEMO_PASSWORD),
      streetLeader: await login(env, "street-leader", DEMO_PASSWORD),
      assessor: await login(env, "assessor", DEMO_PASSWORD),
    };
    const tree = await call(
      env.baseUrl,
      "GET",
      `/api/v1/indicators?period=${PERIOD}&children=true`,
      {
        token: tokens.leader,
      },
    );
    expect(tree.status, tree.text).toBe(200);
    district = tree.body.units[0];
    street = tree.body.units[1];
    const a = await generate(tokens.streetLeader, street.code, "leadership");
    const b = await generate(tokens.assessor, street.code, "assessor");
    const c = await generate(tokens.leader, district.code, "leadership");
    files.set("street-leadership", a.file).set("street-assessor", b.file).set("district", c.file);
    files.set("street-leadership-id", a.report.id).set("street-assessor-id", b.report.id);
    pdfs.set("street-leadership", a.doc).set("street-assessor", b.doc).set("district", c.doc);
  }, 170_000);
  afterAll(async () => {
    for (const doc of pdfs.values()) await doc.close();
    await stopReports(env);
    await env.close();
  });

  it("shows the unit's name, index and grade exactly as GET /indicators does", async () => {
    const res = await call(
      env.baseUrl,
      "GET",
      `/api/v1/indicators?period=${PERIOD}&orgUnit=${street.code}`,
      { token: tokens.streetLeader },
    );
    const unit = res.body.units[0];
    expect(unit.index).not.toBeNull();
    for (const key of ["street-leadership", "street-assessor"]) {
      const text = squash(await pdfs.get(key)!.text());
      expect(text).toContain(street.name);
      expect(text).toContain(`综合指数为${formatScore(unit.index)}分，等级为“${unit.grade}”`);
      expect(text).toContain("2026年第三季度");
    }
  });

  it("embeds the shipped Noto Sans SC by name as CID TrueType, and no other font, nothing as Type 3", async () => {
    for (const key of ["street-leadership", "street-assessor", "district"]) {
      const fonts = await pdfs.get(key)!.fonts();
      expect(fonts.length, key).toBeGreaterThan(0);
      for (const f of fonts) {
        expect(f, key).toMatchObject({ type: "CIDFontType2", embedded: true });
        // A subset tag (six capitals and +), then the font's own PostScript name.
        expect(f.name, key).toMatch(/^[A-Z]{6}\+NotoSansSC-(Regular|Bold)$/);
      }
      expect(fonts.some((f) => f.name.endsWith("-Bold"))).toBe(true);
    }
  });

  it("prints the same bytes in every browser, and the same fonts and layout where it sees the machine's fonts", async () => {
    const html = new TextDecoder().decode(
      (
        await getBytes(
          env,
          `/api/v1/reports/${files.get("street-leadership-id")}/html`,
          tokens.leader,
        )
      ).bytes,
    );
    const header = {
      headerLeft: `${street.name}　2026年第三季度`,
      headerRight: "基层治理成效评估报告",
    };
    // The app's printer sees only the fonts it ships: two browsers print the same bytes. One
    // that also sees the machine's fonts (here Debian's Noto CJK, WenQuanYi, DejaVu…) prints the
    // same fonts, glyphs and layout; only Chromium's numbering of the tagged elements follows
    // the fonts it was shown (the app never shows it the machine's).
    const shipped = new BrowserPool({ maxPages: 1 });
    const shippedAgain = new BrowserPool({ maxPages: 1 });
    const withSystem = new BrowserPool({ maxPages: 1, systemFonts: true });
    try {
      const a = await printPdf(shipped, html, header);
      const b = await printPdf(shippedAgain, html, header);
      const c = await printPdf(withSystem, html, header);
      expect(a.pages).toBeGreaterThanOrEqual(8);
      expect(undated(b.pdf) === undated(a.pdf), "two prints differ").toBe(true);
      expect(c.pages).toBe(a.pages);
      expect(c.pdf.length).toBe(a.pdf.length);
      expect(unnumbered(c.pdf) === unnumbered(a.pdf), "the machine's fonts change the PDF").toBe(
        true,
      );
    } finally {
      await Promise.all([shipped.close(), shippedAgain.close(), withSystem.close()]);
    }
  }, 120_000);

  it("has the expected number of pages and a table of contents that points at them", async () => {
    const pages = (key: string) => pdfs.get(key)!.pages;
    expect(pages("street-leadership")).toBeGreaterThanOrEqual(8);
    expect(pages("street-leadership")).toBeLessThanOrEqual(12);
    expect(pages("district")).toBeGreaterThanOrEqual(8);
    expect(pages("district")).toBeLessThanOrEqual(12);
    expect(pages("street-assessor")).toBeGreaterThanOrEqual(14);
    expect(pages("street-assessor")).toBeLessThanOrEqual(30);
    const doc = pdfs.get("street-assessor")!;
    const toc = (await doc.lines(2)).join("\n");
    const entries = [...toc.matchAll(/^\s*(\S+、\S+|附录\s+\S+)\s.*?(\d+)\s*$/gm)].map((m) => ({
      title: m[1]!,
      page: Number(m[2]),
    }));
    expect(entries.length).toBeGreaterThanOrEqual(12);
    for (const e of entries) {
      const page = squash(await doc.text(e.page));
      expect(page, `${e.title} on page ${e.page}`).toContain(squash(e.title));
    }
  });

  it("re-renders the stored model to the very same HTML, with the API's numbers", async () => {
    for (const key of ["street-leadership-id", "street-assessor-id"]) {
      const id = files.get(key)!;
      const snap = await call(env.baseUrl, "GET", `/api/v1/reports/${id}/snapshot`, {
        token: tokens.assessor,
      });
      expect(snap.status, snap.text).toBe(200);
      const stored = await getBytes(env, `/api/v1/reports/${id}/html`, tokens.assessor);
      const again = await renderReportHtml(snap.body.model);
      expect(again).toBe(new TextDecoder().decode(stored.bytes));
      const api = await call(
        env.baseUrl,
        "GET",
        `/api/v1/indicators?period=${PERIOD}&orgUnit=${street.code}&children=true`,
        { token: tokens.assessor },
      );
      const model = snap.body.model;
      expect(model.summary.index).toBe(api.body.units[0].index);
      expect(
        model.ranking.map((r: { code: string; index: number }) => [r.code, r.index]).sort(),
      ).toEqual(
        api.body.units
          .slice(1)
          .map((u: { code: string; index: number }) => [u.code, u.index])
          .sort(),
      );
      expect(snap.body.snapshot).toMatchObject({
        scheme: { id: "369-default", version: 1 },
        period: PERIOD,
        dataVersions: { [PERIOD]: expect.any(Number) },
        pdfSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
    }
  });

  it("keeps rendered pages as PNG artifacts", async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const save = async (key: string, page: number, name: string) => {
      const png = await pdfs.get(key)!.png(page, 60);
      expect(Buffer.from(png.subarray(1, 4)).toString("latin1")).toBe("PNG");
      writeFileSync(join(ARTIFACTS, `${name}.png`), png);
    };
    for (const [key, name] of [
      ["street-leadership", "report-leadership"],
      ["street-assessor", "report-assessor"],
    ] as const) {
      for (const p of [1, 2, 3]) await save(key, p, `${name}-p${p}`);
    }
    await save("street-assessor", 12, "report-assessor-tables");
  });
});
