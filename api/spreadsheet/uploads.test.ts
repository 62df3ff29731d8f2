import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_PASSWORD, seedSmallWorld } from "../../test/accounts.ts";
import { xlsxBomb, xlsxOfRows } from "../../test/fixtures/xlsx-bomb.ts";
import { call, expectProblem } from "../../test/http.ts";
import { openTestEnv, STORE_KINDS, type TestEnv } from "../../test/stores.ts";
import { HEADERS, SHEET } from "../returns/workbook/layout.ts";

// Issue 16, point 7: spreadsheet uploads cannot stall the server. The three XLSX uploads (case
// import, quarterly returns, survey responses) get a 9 MB workbook that inflates to gigabytes,
// millions of cells, with its sizes declared honestly or not: each is refused (413, Chinese
// detail) while /healthz, asked again and again meanwhile, keeps answering in well under a
// second. A large but legitimate workbook is read off the request thread too.

const MiB = 1024 * 1024;
/** "Well under a second", with room for a shared 2-core machine under load. */
const HEALTH_BUDGET_MS = 750;

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
const col = (i: number) => String.fromCharCode(65 + i);
/** A sheet row of inline strings and numbers. */
function row(r: number, values: (string | number | null)[]): string {
  const cells = values.map((v, i) =>
    v === null
      ? ""
      : typeof v === "number"
        ? `<c r="${col(i)}${r}"><v>${v}</v></c>`
        : `<c r="${col(i)}${r}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`,
  );
  return `<row r="${r}">${cells.join("")}</row>`;
}

interface Upload {
  path: string;
  sheet: string;
  /** Rows before the bomb's repeated ones, so that a reader reads on past the header. */
  head: string;
}

const UPLOADS: Upload[] = [
  {
    path: "/api/v1/returns/upload",
    sheet: SHEET,
    head: row(1, ["季度", "2026Q3"]) + row(4, [...HEADERS]),
  },
  {
    path: "/api/v1/survey-responses/import",
    sheet: "Sheet1",
    head: row(1, ["单位编码", "总体满意度", "办理时效"]),
  },
  {
    path: "/api/v1/cases/import",
    sheet: "工单",
    head: row(1, ["来源", "工单编号", "单位编码", "类型", "渠道", "上报时间"]),
  },
];

describe.each(STORE_KINDS)("spreadsheet uploads on %s", (kind) => {
  let env: TestEnv;
  let admin: string;
  beforeAll(async () => {
    env = await openTestEnv(kind, { ADMIN_PASSWORD, SURVEY_RATE_LIMIT: "0" });
    admin = (await seedSmallWorld(env)).admin;
  });
  afterAll(async () => env?.close());

  /** Runs `request` while /healthz is asked one request after another; the slowest answer. */
  async function whileHealthz<T>(request: () => Promise<T>) {
    let done = false;
    let worst = 0;
    let asked = 0;
    const probe = (async () => {
      while (!done) {
        const t0 = performance.now();
        const res = await fetch(`${env.baseUrl}/healthz`);
        await res.text();
        expect(res.status).toBe(200);
        worst = Math.max(worst, performance.now() - t0);
        asked++;
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    const result = await request().finally(() => {
      done = true;
    });
    await probe;
    return { result, worst, asked };
  }

  const upload = (path: string, bytes: Uint8Array, name = "upload.xlsx") => {
    const form = new FormData();
    form.set("file", new Blob([bytes as BlobPart]), name);
    return call(env.baseUrl, "POST", path, { token: admin, body: form });
  };

  it("refuses a 9 MB workbook that inflates to millions of cells on every upload, while /healthz answers", async () => {
    for (const u of UPLOADS) {
      for (const lie of [false, true]) {
        const bomb = xlsxBomb({
          sheet: u.sheet,
          head: u.head,
          inflatedBytes: 1900 * MiB,
          fileBytes: 9 * MiB,
          lie,
        });
        expect(bomb.length).toBeGreaterThan(8.5 * MiB);
        const { result, worst, asked } = await whileHealthz(() => upload(u.path, bomb));
        const label = `${u.path}${lie ? " (sizes lie)" : ""}`;
        expect(asked, label).toBeGreaterThan(0);
        expect(worst, label).toBeLessThan(HEALTH_BUDGET_MS);
        const p = expectProblem(result, 413);
        expect(p.detail, label).toMatch(lie ? /解压后超过了它声明的大小/ : /疑似压缩炸弹/);
      }
    }
  });

  it("reads a large workbook off the request thread: /healthz answers while it is parsed", async () => {
    // A whole city's template: 20,000 communities, 13 figures each (unknown codes: refused
    // after the whole file is read, with the cells named).
    const rows = [row(1, ["季度", "2026Q3"]), row(4, [...HEADERS])];
    for (let r = 5; r < 20_005; r++) {
      rows.push(row(r, [`X${r}`, "新社区", ...Array.from({ length: 13 }, (_, i) => r + i)]));
    }
    const bytes = xlsxOfRows(SHEET, rows.join(""));
    const { result, worst, asked } = await whileHealthz(() =>
      upload("/api/v1/returns/upload", bytes),
    );
    expect(asked).toBeGreaterThan(3);
    expect(worst).toBeLessThan(HEALTH_BUDGET_MS);
    const p = expectProblem(result, 422);
    expect(p.errors![0]).toMatchObject({
      path: `${SHEET}!A5`,
      message: `${SHEET}!A5：没有单位代码为「X5」的单位`,
    });
  });

  it("fails an import job whose workbook passes a limit only after the first 10,000 rows", async () => {
    // The sheet says 8 MiB and is far larger: the first 10,001 rows (read while the caller
    // waits, to choose a job) are within the lie; the job finds out and fails with the reason.
    const u = UPLOADS[2]!;
    const bomb = xlsxBomb({
      sheet: u.sheet,
      head: u.head,
      inflatedBytes: 64 * MiB,
      fileBytes: 0,
      declare: 8 * MiB,
    });
    const res = await upload(u.path, bomb);
    expect(res.status, res.text).toBe(202);
    let job = res.body;
    for (const until = Date.now() + 30_000; job.status !== "failed" && Date.now() < until; ) {
      await new Promise((r) => setTimeout(r, 100));
      job = (await call(env.baseUrl, "GET", `/api/v1/jobs/${res.body.jobId}`, { token: admin }))
        .body;
    }
    expect(job).toMatchObject({ status: "failed" });
    expect(job.error).toMatch(/解压后超过了它声明的大小/);
    expect((await call(env.baseUrl, "GET", "/healthz")).status).toBe(200);
  });
});
