import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, seedDemo } from "../../scripts/demo/generate.ts";
import { SOURCE_LABELS } from "../../shapes/labels.ts";
import { login } from "../../test/accounts.ts";
import { getBytes } from "../../test/fixtures/exports.ts";
import { call } from "../../test/http.ts";
import { openTestEnv, STORE_KINDS, type TestEnv } from "../../test/stores.ts";
import { cellValue, readWorkbook } from "../../test/workbook.ts";

// Source ids (xinfang, yiwangtongguan…) never reach a Chinese screen or file: the data-quality
// page and API message, the assessment workbook and the raw case CSV name sources in Chinese. The
// demo's sources last sent data at the end of its last quarter, so each is a silent-source finding.

const PERIOD = "2026Q3";
const IDS = ["xinfang", "yiwangtongguan", "yichuangshouli"];

describe.each(STORE_KINDS)("source names on %s", (kind) => {
  let env: TestEnv;
  let token: string;
  let root: string;

  beforeAll(async () => {
    env = await openTestEnv(kind);
    await seedDemo(env.store, { streets: 1, communitiesPerStreet: 2, quarters: [PERIOD] });
    token = await login(env, "leader", DEMO_PASSWORD);
    const res = await call(env.baseUrl, "GET", `/api/v1/indicators?period=${PERIOD}`, { token });
    root = res.body.units[0].code;
  });
  afterAll(async () => {
    await env?.close();
  });

  it("names silent sources in Chinese on the data-quality page and in the API message", async () => {
    const res = await fetch(`${env.baseUrl}/dashboard/${root}/data-quality?period=${PERIOD}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain("数据源“信访系统”");
    for (const id of IDS) expect(html).not.toContain(id);
    const api = await call(env.baseUrl, "GET", `/api/v1/data-quality?period=${PERIOD}`, { token });
    const silent = api.body.findings.filter((f: { rule: string }) => f.rule === "source_silent");
    expect(silent.length).toBeGreaterThanOrEqual(3);
    for (const f of silent) expect(f.message).not.toMatch(/xinfang|yiwangtongguan|yichuangshouli/);
  });

  it("names sources in Chinese throughout the assessment workbook", async () => {
    const res = await getBytes(env, `/api/v1/exports/assessment.xlsx?period=${PERIOD}`, token);
    expect(res.status).toBe(200);
    const wb = await readWorkbook(res.bytes);
    const texts: string[] = [];
    wb.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          const v = cellValue(cell);
          if (typeof v === "string") texts.push(v);
        }),
      ),
    );
    const all = texts.join("\n");
    expect(all).toContain("信访系统");
    expect(all).toContain("一网统管平台");
    // 数据截至 means the latest data received, as on the dashboard and the report cover.
    expect(all).toContain("数据截至（最近一次接收数据）");
    for (const id of IDS) expect(all).not.toContain(id);
  });

  it("adds the source's Chinese name to every row of the raw case CSV", async () => {
    const res = await getBytes(
      env,
      `/api/v1/exports/cases.csv?period=${PERIOD}&orgUnit=${root}`,
      token,
    );
    expect(res.status).toBe(200);
    const lines = new TextDecoder()
      .decode(res.bytes)
      .replace(/^\uFEFF/, "")
      .trim()
      .split(/\r?\n/);
    const header = lines[0]!.split(",");
    const at = header.indexOf("来源名称");
    expect(at).toBe(header.length - 1);
    const seen = new Set<string>();
    for (const line of lines.slice(1, 2000)) {
      const cells = line.split(",");
      const id = cells[0]!;
      expect(cells[cells.length - 1], id).toBe(SOURCE_LABELS[id]);
      seen.add(id);
    }
    expect(seen.has("xinfang")).toBe(true);
  });
});
