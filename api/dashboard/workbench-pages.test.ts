/**
 * The assessor's workbench pages (评估工作台, issue 21) on both stores, over the demo district of
 * the export tests: the export page (nav entry, workbook form, children, the user's own export
 * jobs with their files, GB18030 read back), the what-if page (the scheme's result unchanged; all
 * weight on 治理效能 makes each child's index its governance score, as POST /what-if; bad input
 * named in Chinese) and the rank-sensitivity page (GET /sensitivity's ranks and intervals), and who
 * may open them.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_PASSWORD } from "../../test/accounts.ts";
import { getBytes, PERIOD, seedExportWorld } from "../../test/fixtures/exports.ts";
import { call } from "../../test/http.ts";
import { openTestEnv, STORE_KINDS, type TestEnv } from "../../test/stores.ts";

async function page(env: TestEnv, path: string, token: string) {
  const res = await fetch(env.baseUrl + path, {
    redirect: "manual",
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: res.status, text: await res.text() };
}

/** The `<tr data-code=…>` rows of a table: code → the row's HTML. */
function rowsOf(html: string, testid: string): Map<string, string> {
  const table = new RegExp(`data-testid="${testid}"[\\s\\S]*?</table>`).exec(html)?.[0] ?? "";
  return new Map(
    [...table.matchAll(/<tr data-code="([^"]+)">([\s\S]*?)<\/tr>/g)].map((m) => [m[1]!, m[2]!]),
  );
}

/** The download list's items (not the page script's template). */
const jobItems = (html: string) => {
  const list = /data-testid="export-jobs">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? "";
  return [...list.matchAll(/<li class="wb-job"[\s\S]*?<\/li>/g)].map((m) => m[0]);
};

const num = (s: string | undefined) => (s === undefined || s === "" ? null : Number(s));

/** The embedded chart data of a workbench page. */
const chartData = (html: string) =>
  JSON.parse(/id="workbench-data">([\s\S]*?)<\/script>/.exec(html)![1]!) as Record<string, unknown>;

describe.each(STORE_KINDS)("assessor workbench pages on %s", (kind) => {
  let env: TestEnv;
  let dataDir: string;
  let w: Awaited<ReturnType<typeof seedExportWorld>>;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "workbench-"));
    env = await openTestEnv(kind, { ADMIN_PASSWORD, DATA_DIR: dataDir });
    w = await seedExportWorld(env);
  }, 120_000);
  afterAll(async () => {
    await env?.deps.jobs.settled();
    await env?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("export page: nav entry, workbook form, children, the user's own jobs and their files", async () => {
    const path = `/dashboard/${w.root}/workbench?period=${PERIOD}`;
    const first = await page(env, path, w.tokens.assessor);
    expect(first.status, first.text).toBe(200);
    expect(first.text).toMatch(/aria-current="page">评估工作台</);
    expect(first.text).toContain('action="/api/v1/exports/assessment.xlsx"');
    expect(first.text).toContain(`name="orgUnit" value="${w.root}"`);
    expect(first.text).toContain(`href="/dashboard/${w.street}/workbench?period=${PERIOD}"`);
    expect(jobItems(first.text)).toEqual([]);
    expect(first.text).toContain('value="gb18030"');

    // A GB18030 CSV of the street as a background job; the page lists it, done, with its link.
    const started = await call(
      env.baseUrl,
      "GET",
      `/api/v1/exports/cases.csv?period=${PERIOD}&orgUnit=${w.street}&encoding=gb18030&async=1`,
      { token: w.tokens.assessor },
    );
    expect(started.status, started.text).toBe(202);
    const jobId = (started.body as { jobId: string }).jobId;
    await env.deps.jobs.settled();
    const direct = await getBytes(
      env,
      `/api/v1/exports/cases.csv?period=${PERIOD}&orgUnit=${w.street}`,
      w.tokens.assessor,
    );
    const records = new TextDecoder().decode(direct.bytes).split("\r\n").filter(Boolean).length - 1;
    expect(records).toBeGreaterThan(100);

    const after = await page(env, path, w.tokens.assessor);
    const items = jobItems(after.text);
    expect(items).toHaveLength(1);
    const item = items[0]!;
    expect(item).toContain(`data-job="${jobId}"`);
    expect(item).toContain('data-status="done"');
    expect(item).toContain(`工单 · CSV（GB18030） · ${w.street} ${PERIOD}`);
    expect(item).toContain(`${records.toLocaleString("zh-CN")} 行`);
    expect(item).toContain(`href="/api/v1/exports/files/${jobId}"`);
    const file = await getBytes(env, `/api/v1/exports/files/${jobId}`, w.tokens.assessor);
    expect(file.status).toBe(200);
    const text = iconv.decode(Buffer.from(file.bytes), "gb18030");
    expect(text.split("\r\n").filter(Boolean)).toHaveLength(records + 1);
    expect(text.split("\r\n")[0]).toMatch(/^来源,工单编号,单位编码,单位名称,/);

    // The district's leader may export but does not see the assessor's job, nor what-if.
    const leader = await page(env, path, w.tokens.leader);
    expect(leader.status).toBe(200);
    expect(jobItems(leader.text)).toEqual([]);
    expect(leader.text).not.toContain("情景模拟");
    expect(leader.text).not.toContain(">评估工作台<");
    const leaderWhatIf = await page(
      env,
      `/dashboard/${w.root}/workbench/what-if?period=${PERIOD}`,
      w.tokens.leader,
    );
    expect(leaderWhatIf.status).toBe(403);
    expect(leaderWhatIf.text).toContain("仅对第三方评估人员和管理员开放");
    const clerk = await page(env, path, w.tokens.clerk);
    expect(clerk.status).toBe(403);
  });

  it("what-if page: the scheme's result, all weight on 治理效能, bad input in Chinese", async () => {
    const api = await call(
      env.baseUrl,
      "GET",
      `/api/v1/indicators?period=${PERIOD}&orgUnit=${w.root}&children=true`,
      { token: w.tokens.assessor },
    );
    expect(api.status, api.text).toBe(200);
    type Unit = {
      code: string;
      index: number | null;
      rank: number | null;
      dimensions: Record<string, { score: number | null }>;
    };
    const kids = (api.body as { units: Unit[] }).units.slice(1);
    expect(kids.length).toBe(2);
    const base = `/dashboard/${w.root}/workbench/what-if?period=${PERIOD}`;

    const plain = await page(env, base, w.tokens.assessor);
    expect(plain.status, plain.text).toBe(200);
    expect(plain.text).toContain('data-changed="0"');
    const plainRows = rowsOf(plain.text, "what-if-table");
    for (const k of kids) {
      const row = plainRows.get(k.code)!;
      const [baseIndex, index] = [...row.matchAll(/data-value="([^"]*)"/g)].map((m) => num(m[1]));
      expect(baseIndex).toBeCloseTo(k.index!, 9);
      expect(index).toBeCloseTo(k.index!, 9);
    }

    // Governance 100, the other dimensions 0: a child's index is its governance score.
    const dims = "&d.governance=100&d.service=0&d.resources=0&d.participation=0";
    const gov = await page(env, base + dims, w.tokens.assessor);
    expect(gov.text).toContain('data-changed="1"');
    const govRows = rowsOf(gov.text, "what-if-table");
    const posted = await call(env.baseUrl, "POST", "/api/v1/what-if", {
      token: w.tokens.assessor,
      json: {
        period: PERIOD,
        orgUnit: w.root,
        weights: { dimensions: { governance: 100, service: 0, resources: 0, participation: 0 } },
      },
    });
    expect(posted.status, posted.text).toBe(200);
    const postedKids = (posted.body as { units: Unit[] }).units.slice(1);
    const chart = chartData(gov.text) as { names: string[]; modified: (number | null)[] };
    for (const k of kids) {
      const row = govRows.get(k.code)!;
      const [baseIndex, index] = [...row.matchAll(/data-value="([^"]*)"/g)].map((m) => num(m[1]));
      expect(baseIndex).toBeCloseTo(k.index!, 9);
      expect(index).toBeCloseTo(k.dimensions.governance!.score!, 9);
      expect(index).toBeCloseTo(postedKids.find((p) => p.code === k.code)!.index!, 9);
      expect(chart.modified).toContainEqual(index);
    }
    expect(gov.text).toMatch(/name="d\.service"[^>]*value="0"/);

    const bad = await page(env, `${base}&w.G1=-5&t.S1=500&f.S1=10`, w.tokens.assessor);
    expect(bad.status).toBe(200);
    expect(bad.text).toContain('data-changed="0"');
    expect(bad.text).toContain("G1 问题主动发现率 权重须为 0 至 10000 之间的数字");
    const wrongWay = await page(env, `${base}&t.S1=500&f.S1=10`, w.tokens.assessor);
    expect(wrongWay.text).toContain("S1 ");
    expect(wrongWay.text).toContain("目标值须低于底线值");
  });

  it("sensitivity page: GET /sensitivity's ranks and 5–95% intervals, best first", async () => {
    const api = await call(
      env.baseUrl,
      "GET",
      `/api/v1/sensitivity?period=${PERIOD}&orgUnit=${w.root}`,
      { token: w.tokens.leader },
    );
    expect(api.status, api.text).toBe(200);
    type Row = { code: string; rank: number; medianRank: number; p5Rank: number; p95Rank: number };
    const units = (api.body as { units: Row[] }).units;
    const res = await page(
      env,
      `/dashboard/${w.root}/workbench/sensitivity?period=${PERIOD}`,
      w.tokens.leader,
    );
    expect(res.status, res.text).toBe(200);
    const rows = rowsOf(res.text, "sensitivity-table");
    expect([...rows.keys()]).toEqual(
      [...units].sort((a, b) => a.rank - b.rank || a.code.localeCompare(b.code)).map((u) => u.code),
    );
    for (const u of units) {
      const row = rows.get(u.code)!;
      const values = [...row.matchAll(/data-value="([^"]*)"/g)].map((m) => num(m[1]));
      expect(values).toEqual([u.rank, u.medianRank]);
      expect(row).toContain(`data-p5="${u.p5Rank}" data-p95="${u.p95Rank}"`);
    }
    const chart = chartData(res.text) as { p5: number[]; count: number };
    expect(chart.count).toBe(units.length);
  });
});
