import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultSchemeDefinition } from "../../metrics/index.ts";
import { ADMIN_PASSWORD, seedSmallWorld } from "../../test/accounts.ts";
import { getBytes } from "../../test/fixtures/exports.ts";
import { seedIndicatorWorld } from "../../test/fixtures/indicator-world.ts";
import { call, expectProblem, expectShape } from "../../test/http.ts";
import { openTestEnv, STORE_KINDS, type TestEnv } from "../../test/stores.ts";
import {
  type ApiUnit,
  cellValue,
  expectMatchesApi,
  readUnits,
  readWorkbook,
} from "../../test/workbook.ts";
import { IndicatorReport } from "../indicators/schema.ts";

// Every leader-facing view of a closed quarter reads the official figures by one rule (official
// unless live=true or version=N), on both stores. 2026Q3 of the indicator fixture is closed, then
// two events of C12 arrive late: reported 07-10, resolved 07-20 past their 07-12 deadline.
//
// G2 (按期办结率: event/appeal cases resolved in Q with a deadline, on time / all), by hand:
//   C11: e0, e1, a1 on time, e2 late (a2 has no deadline, a3 unresolved) → 3/4 = 75
//   C12: 3 on time (grid_patrol, ai_camera, hotline) → official 3/3 = 100; live 3/5 = 60
//   C13: 3/3 = 100
//   S1 (subtree sums): official 9/10 = 90; live 9/12 = 75
// Scores (target 95, floor 70): 75 → 20 (red), 60 → 0 (red), 90 → 80 (amber), 100 → 100.
// So G2's red items under S1: official only C11 (20); live C12 (0), C11 (20), S1 (20).

const LATE = ["late-1", "late-2"].map((externalId) => ({
  source: "late",
  externalId,
  orgUnit: "C12",
  kind: "event",
  channel: "grid_patrol",
  reportedAt: "2026-07-10T00:00:00Z",
  resolvedAt: "2026-07-20T00:00:00Z",
  deadlineAt: "2026-07-12T00:00:00Z",
}));

interface RedRow {
  unit: string;
  code: string;
  score: number;
}

describe.each(STORE_KINDS)("a closed quarter's views on %s", (kind) => {
  let env: TestEnv;
  let t: Awaited<ReturnType<typeof seedSmallWorld>>;
  const api = async (query: string, status = 200) => {
    const res = await call(env.baseUrl, "GET", `/api/v1/indicators?${query}`, { token: t.admin });
    expect(res.status, res.text).toBe(status);
    return res;
  };
  const report = async (query: string) =>
    expectShape(IndicatorReport, (await api(query)).body as unknown);
  const html = async (path: string, status = 200) => {
    const res = await fetch(env.baseUrl + path, {
      headers: { authorization: `Bearer ${t.admin}` },
    });
    expect(res.status, path).toBe(status);
    return res.text();
  };
  const attr = (page: string, testid: string, name: string) => {
    const tag = new RegExp(`<[^>]*data-testid="${testid}"[^>]*>`).exec(page)?.[0] ?? "";
    return new RegExp(`${name}="([^"]*)"`).exec(tag)?.[1] ?? null;
  };
  const redRows = (page: string): RedRow[] =>
    [
      ...page.matchAll(
        /data-testid="red-row" data-unit="([^"]+)" data-code="([^"]+)" data-score="([^"]+)"/g,
      ),
    ].map((m) => ({ unit: m[1]!, code: m[2]!, score: Number(m[3]) }));
  const trendAt = (page: string, short: string) => {
    const json = /<script type="application\/json" id="dashboard-data">([\s\S]*?)<\/script>/.exec(
      page,
    )?.[1];
    const trend = JSON.parse(json!).trend as { periods: string[]; index: (number | null)[] };
    return trend.index[trend.periods.indexOf(short)];
  };
  const csv = async (query: string) => {
    const text = await html(`/dashboard/S1/red-items/export?period=2026Q3&format=csv${query}`);
    return text
      .replace(/^\uFEFF/, "")
      .trim()
      .split(/\r?\n/)
      .map((l) => l.split(","));
  };

  beforeAll(async () => {
    env = await openTestEnv(kind, { ADMIN_PASSWORD });
    t = await seedSmallWorld(env);
    await seedIndicatorWorld(env, t.admin);
    // A second scheme for 2026 (official figures are the default scheme's only).
    const pilot = await call(env.baseUrl, "POST", "/api/v1/schemes", {
      token: t.admin,
      json: { id: "pilot", validFromYear: 2026, definition: defaultSchemeDefinition() },
    });
    expect(pilot.status, pilot.text).toBe(201);
    const closed = await call(env.baseUrl, "POST", "/api/v1/periods/2026Q3/close", {
      token: t.admin,
    });
    expect(closed.status, closed.text).toBe(200);
    // The late cases, and one in 2026Q4 so that the dashboard offers that quarter.
    const q4 = { ...LATE[0]!, externalId: "q4", reportedAt: "2026-11-05T02:00:00Z" };
    const { resolvedAt: _r, deadlineAt: _d, ...q4open } = q4;
    const sent = await call(env.baseUrl, "POST", "/api/v1/cases/batch", {
      token: t.admin,
      json: { cases: [...LATE, q4open] },
    });
    expect(sent.status, sent.text).toBe(200);
  });
  afterAll(async () => env?.close());

  it("answers official and live figures as computed by hand; another scheme is 409 unless live", async () => {
    const g2 = (
      r: { units: { code: string; indicators: { code: string; value: number | null }[] }[] },
      code: string,
    ) => r.units.find((u) => u.code === code)!.indicators.find((i) => i.code === "G2")!.value;
    const official = await report("period=2026Q3&orgUnit=S1&children=true");
    expect(official).toMatchObject({ official: true, lateCases: 2 });
    expect(g2(official, "S1")).toBeCloseTo(90, 9);
    expect(g2(official, "C11")).toBeCloseTo(75, 9);
    expect(g2(official, "C12")).toBeCloseTo(100, 9);
    const live = await report("period=2026Q3&orgUnit=S1&children=true&live=true");
    expect(live.official).toBe(false);
    expect(g2(live, "S1")).toBeCloseTo(75, 9);
    expect(g2(live, "C12")).toBeCloseTo(60, 9);

    const other = expectProblem(await api("period=2026Q3&orgUnit=S1&scheme=pilot", 409), 409);
    expect(other.detail).toContain("已关账");
    expect(other.detail).toContain("369-default");
    expect(other.detail).toContain("live=true");
    const pilot = await report("period=2026Q3&orgUnit=S1&scheme=pilot&live=true");
    expect(pilot).toMatchObject({ official: false, scheme: { id: "pilot" } });
    expect(g2(pilot, "S1")).toBeCloseTo(75, 9);
    // GET /sensitivity draws over the same official figures (the children's indices), live on request.
    const sens = async (query: string) => {
      const res = await call(
        env.baseUrl,
        "GET",
        `/api/v1/sensitivity?period=2026Q3&orgUnit=S1${query}`,
        {
          token: t.admin,
        },
      );
      expect(res.status, res.text).toBe(200);
      return res.body as { official: boolean; units: { code: string; index: number | null }[] };
    };
    const indices = (r: { units: { code: string; index: number | null }[] }) =>
      r.units.map((u) => [u.code, u.index]);
    const officialSens = await sens("");
    expect(officialSens.official).toBe(true);
    expect(indices(officialSens)).toEqual(indices({ units: official.units.slice(1) }));
    const liveSens = await sens("&live=true");
    expect(liveSens.official).toBe(false);
    expect(indices(liveSens)).toEqual(indices({ units: live.units.slice(1) }));
    expect(indices(liveSens)).not.toEqual(indices(officialSens));
    // An open quarter answers the other scheme as before; an unknown scheme stays 404.
    expect((await report("period=2026Q2&orgUnit=S1&scheme=pilot")).official).toBe(false);
    expectProblem(await api("period=2026Q3&orgUnit=S1&scheme=nope", 404), 404);
  });

  it("shows official figures on the overview, the drill-down and the trend; live on request", async () => {
    const s1 = await html("/dashboard/S1?period=2026Q3");
    expect(attr(s1, "period-state", "data-status")).toBe("closed");
    expect(attr(s1, "period-state", "data-late")).toBe("2");
    expect(Number(attr(s1, "indicator-G2", "data-value"))).toBeCloseTo(90, 9);
    expect(s1).toMatch(/data-closed="1"[^>]*>2026年第三季度（已关账）/);
    // Drill-down to C12: its official G2; the child link keeps no live flag.
    expect(s1).toContain('href="/dashboard/C12?period=2026Q3"');
    const c12 = await html("/dashboard/C12?period=2026Q3");
    expect(Number(attr(c12, "indicator-G2", "data-value"))).toBeCloseTo(100, 9);
    expect(attr(c12, "period-state", "data-late")).toBe("2");
    const c12live = await html("/dashboard/C12?period=2026Q3&live=true");
    expect(attr(c12live, "period-state", "data-status")).toBe("live");
    expect(c12live).toContain('data-testid="official-link"');
    expect(Number(attr(c12live, "indicator-G2", "data-value"))).toBeCloseTo(60, 9);
    const s1live = await html("/dashboard/S1?period=2026Q3&live=true");
    expect(s1live).toContain('href="/dashboard/C12?period=2026Q3&amp;live=true"');
    // S2 has no late case.
    expect(attr(await html("/dashboard/S2?period=2026Q3"), "period-state", "data-late")).toBe("0");

    // The trend on the open 2026Q4 page: the closed 2026Q3's point is its official index.
    const officialIndex = (await report("period=2026Q3&orgUnit=S1")).units[0]!.index!;
    const liveIndex = (await report("period=2026Q3&orgUnit=S1&live=true")).units[0]!.index!;
    expect(Math.abs(officialIndex - liveIndex)).toBeGreaterThan(1);
    const q4 = await html("/dashboard/S1?period=2026Q4");
    expect(attr(q4, "period-state", "data-status")).toBe("live");
    expect(trendAt(q4, "26Q3")).toBeCloseTo(officialIndex, 9);
    expect(trendAt(await html("/dashboard/S1?period=2026Q4&live=true"), "26Q3")).toBeCloseTo(
      liveIndex,
      9,
    );
    expect(trendAt(s1, "26Q3")).toBeCloseTo(officialIndex, 9);
    // A closing that does not exist: the Chinese 404 page.
    expect(await html("/dashboard/S1?period=2026Q3&version=7", 404)).toContain("没有第 7 版");
  });

  it("lists and exports the official red items; live ones on request", async () => {
    const g2 = (rows: RedRow[]) => rows.filter((r) => r.code === "G2");
    const closed = await html("/dashboard/S1/red-items?period=2026Q3");
    expect(attr(closed, "period-state", "data-status")).toBe("closed");
    expect(g2(redRows(closed))).toEqual([{ unit: "C11", code: "G2", score: 20 }]);
    const live = await html("/dashboard/S1/red-items?period=2026Q3&live=true");
    expect(g2(redRows(live)).map((r) => [r.unit, Math.round(r.score * 1e9) / 1e9])).toEqual([
      ["C12", 0],
      ["C11", 20],
      ["S1", 20],
    ]);
    expect(live).toMatch(
      /href="[^"]*red-items\/export\?period=2026Q3&amp;live=true&amp;format=csv/,
    );

    const [head, ...rows] = await csv("&indicator=G2");
    const basis = head!.indexOf("数据口径");
    expect(basis).toBeGreaterThan(0);
    expect(rows.map((r) => r[2])).toEqual(["C11"]);
    expect(rows[0]![basis]).toMatch(/^正式数据（第 1 版，\d{4}-\d{2}-\d{2} 关账）$/);
    const [, ...liveRows] = await csv("&indicator=G2&live=true");
    expect(liveRows.map((r) => [r[2], r[6]])).toEqual([
      ["C12", "60"],
      ["C11", "75"],
      ["S1", "75"],
    ]);
    expect(liveRows.every((r) => r[basis] === "实时数据（本季度已关账）")).toBe(true);
  });

  it("says so on the data-quality page and the assessor workbook's cover", async () => {
    const dq = await html("/dashboard/S1/data-quality?period=2026Q3");
    expect(attr(dq, "period-state", "data-status")).toBe("closed");
    const note = /data-testid="dq-closed-note"[^>]*>([\s\S]*?)<\/p>/.exec(dq)?.[1] ?? "";
    expect(note).toContain("已关账（正式数据第 1 版）");
    expect(note).toContain("关账后新到或变更的工单 2 件");
    expect(await html("/dashboard/S1/data-quality?period=2026Q2")).not.toContain("dq-closed-note");

    const book = async (period: string) => {
      const res = await getBytes(
        env,
        `/api/v1/exports/assessment.xlsx?period=${period}&orgUnit=S1`,
        t.admin,
      );
      expect(res.status).toBe(200);
      return readWorkbook(res.bytes);
    };
    const lines = (wb: Awaited<ReturnType<typeof book>>) => {
      const out = new Map<string, string>();
      wb.getWorksheet("说明")!.eachRow((row) => {
        out.set(String(cellValue(row.getCell(1))), String(cellValue(row.getCell(2))));
      });
      return out;
    };
    const wb = await book("2026Q3");
    const cover = lines(wb);
    expect(cover.get("季度状态")).toMatch(/^已关账（正式数据第 1 版，/);
    expect(cover.get("原始数据")).toContain("关账后新到或变更的工单 2 件");
    // Its figures are the official ones (C12's G2 3/3, not the live 3/5).
    const official = await report("period=2026Q3&orgUnit=S1&children=true");
    expectMatchesApi(readUnits(wb), official.units as unknown as ApiUnit[], 1e-9);
    expect(lines(await book("2026Q2")).get("季度状态")).toContain("未关账");
  });
});
