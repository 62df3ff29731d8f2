/**
 * The printed report, checked with poppler (pdftotext, pdffonts, pdfinfo, pdftoppm) on a small
 * demo district on PGlite: the unit's name, index and grade as GET /indicators shows them, an
 * embedded named TrueType CJK font, the page count, the table of contents' page numbers, HTML
 * re-rendered from the stored model, and rendered pages kept as PNG test artifacts.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, seedDemo } from "../../scripts/demo/generate.ts";
import { formatScore } from "../../shapes/format.ts";
import { login } from "../../test/accounts.ts";
import { getBytes, stopReports, waitForReport } from "../../test/fixtures/reports.ts";
import { call } from "../../test/http.ts";
import { openTestEnv, type TestEnv } from "../../test/stores.ts";
import { renderReportHtml } from "./generate.ts";

const PERIOD = "2026Q3";
const ARTIFACTS = join(process.cwd(), "test-artifacts");
const tmp = mkdtempSync(join(tmpdir(), "report-pdf-"));

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: "utf8" });
const squash = (s: string) => s.replace(/\s+/g, "");

describe("quarterly report PDF (PGlite, demo district)", () => {
  let env: TestEnv;
  let tokens: Record<"leader" | "streetLeader" | "assessor", string>;
  let district: { code: string; name: string };
  let street: { code: string; name: string };
  const files = new Map<string, string>();

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
    return { report, file };
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
  }, 170_000);
  afterAll(async () => {
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
      const text = squash(run("pdftotext", [files.get(key)!, "-"]));
      expect(text).toContain(street.name);
      expect(text).toContain(`综合指数为${formatScore(unit.index)}分，等级为“${unit.grade}”`);
      expect(text).toContain("2026年第三季度");
    }
  });

  it("embeds WenQuanYi Zen Hei as a named TrueType font, and nothing as Type 3", () => {
    for (const key of ["street-leadership", "street-assessor", "district"]) {
      const fonts = run("pdffonts", [files.get(key)!]);
      const lines = fonts.split("\n").slice(2).filter(Boolean);
      expect(
        lines.some((l) => /WenQuanYi/.test(l) && /TrueType/.test(l) && /\byes\b/.test(l)),
      ).toBe(true);
      expect(fonts).not.toMatch(/Type 3/);
    }
  });

  it("has the expected number of pages and a table of contents that points at them", () => {
    const pages = (key: string) =>
      Number(/Pages:\s+(\d+)/.exec(run("pdfinfo", [files.get(key)!]))![1]);
    expect(pages("street-leadership")).toBeGreaterThanOrEqual(8);
    expect(pages("street-leadership")).toBeLessThanOrEqual(12);
    expect(pages("district")).toBeGreaterThanOrEqual(8);
    expect(pages("district")).toBeLessThanOrEqual(12);
    expect(pages("street-assessor")).toBeGreaterThanOrEqual(14);
    expect(pages("street-assessor")).toBeLessThanOrEqual(30);
    const file = files.get("street-assessor")!;
    const toc = run("pdftotext", ["-layout", "-f", "2", "-l", "2", file, "-"]);
    const entries = [...toc.matchAll(/^\s*(\S+、\S+|附录\s+\S+)\s.*?(\d+)\s*$/gm)].map((m) => ({
      title: m[1]!,
      page: Number(m[2]),
    }));
    expect(entries.length).toBeGreaterThanOrEqual(12);
    for (const e of entries) {
      const page = squash(
        run("pdftotext", ["-f", String(e.page), "-l", String(e.page), file, "-"]),
      );
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

  it("keeps rendered pages as PNG artifacts", () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    for (const [key, name] of [
      ["street-leadership", "report-leadership"],
      ["street-assessor", "report-assessor"],
    ] as const) {
      for (const p of [1, 2, 3]) {
        const out = join(ARTIFACTS, `${name}-p${p}`);
        run("pdftoppm", [
          "-png",
          "-r",
          "60",
          "-f",
          String(p),
          "-l",
          String(p),
          "-singlefile",
          files.get(key)!,
          out,
        ]);
      }
    }
    const assessorTables = join(ARTIFACTS, "report-assessor-tables");
    run("pdftoppm", [
      "-png",
      "-r",
      "60",
      "-f",
      "12",
      "-l",
      "12",
      "-singlefile",
      files.get("street-assessor")!,
      assessorTables,
    ]);
  });
});
