import { describe, expect, it } from "vitest";
import {
  defaultSchemeDefinition,
  INDICATOR_CODES,
  INDICATORS,
  type IndicatorCode,
} from "../../metrics/index.ts";
import { LEDGER } from "../../test/rectification-tasks.ts";
import { fillChartSlots, renderChartSvg } from "../charts/svg.ts";
import { renderQuarterlyHtml, renderQuarterlyHtmlParts } from "../html/quarterly-report.ts";
import type { IndicatorSnapshot, ReportSource, SourceUnit } from "../source.ts";
import { assembleQuarterlyReport, shiftPeriod } from "./quarterly-report.ts";

type Overrides = Partial<Record<IndicatorCode, { value: number; score: number }>>;

/** A unit whose every indicator sits at score 80 (amber) unless overridden. */
function unit(
  code: string,
  name: string,
  parentCode: string | null,
  index: number | null,
  over: Overrides = {},
): SourceUnit {
  return {
    code,
    name,
    level: parentCode === null ? "district" : "street",
    parentCode,
    siblingsIncluded: true,
    index,
    grade:
      index === null
        ? null
        : index >= 90
          ? "优秀"
          : index >= 80
            ? "良好"
            : index >= 60
              ? "合格"
              : "不合格",
    rank: null,
    complete: index !== null,
    missing: index === null ? ["resources"] : [],
    dimensions: { governance: index, service: index, resources: index, participation: index },
    indicators: INDICATOR_CODES.map((c) => {
      const o = over[c];
      const score = o?.score ?? 80;
      return {
        code: c,
        numerator: 8,
        denominator: 10,
        value: o?.value ?? 80,
        score,
        status: score >= 100 ? "green" : score >= 60 ? "amber" : "red",
        target: INDICATORS[c].target,
        floor: INDICATORS[c].floor,
      };
    }),
    survey: { n: 12, scoreSum: 12 * 80, scoreSquares: 12 * 6500, overallN: 12, satisfied: 9 },
  };
}

const scheme = defaultSchemeDefinition();
scheme.indicators.G1.weight = 40;

function snapshot(period: string, units: SourceUnit[]): IndicatorSnapshot {
  return {
    period,
    year: Number(period.slice(0, 4)),
    quarter: Number(period.slice(5)),
    scheme: {
      id: "369-default",
      version: 2,
      name: "测试方案",
      validFromYear: 2026,
      definition: scheme,
    },
    dataAsOf: {
      sources: [{ source: "p", lastReceivedAt: "2026-10-02T00:00:00Z", maxReportedAt: null }],
      returns: null,
      surveys: null,
    },
    units: units.map((u, i) => ({ ...u, rank: i === 0 ? 1 : i })),
  };
}

/** 2026Q3: A red on G1 (also last quarter), B failing and red on G1 and S3 (G1 below floor). */
const periods: Record<string, SourceUnit[]> = {
  "2026Q3": [
    unit("U", "测试区", null, 72.46),
    unit("A", "甲街道", "U", 81, { G1: { value: 30, score: 25 } }),
    unit("B", "乙<街道>", "U", 50, { G1: { value: 10, score: 0 }, S3: { value: 25, score: 20 } }),
  ],
  "2026Q2": [
    unit("U", "测试区", null, 70),
    unit("A", "甲街道", "U", 75, { G1: { value: 28, score: 20 } }),
    unit("B", "乙<街道>", "U", 58),
  ],
};

const source: ReportSource = {
  async indicatorSnapshot(req) {
    return snapshot(req.period, periods[req.period] ?? [unit("U", "测试区", null, null)]);
  },
  async dataQuality() {
    return [
      {
        orgUnit: "A",
        orgUnitName: "甲街道",
        rule: "return_missing",
        figure: null,
        severity: "high",
        message: "未提交",
      },
    ];
  },
  async sensitivity() {
    return {
      draws: 1000,
      seed: 369,
      spread: 0.2,
      units: [
        { code: "A", name: "甲街道", index: 81, rank: 1, medianRank: 1, p5Rank: 1, p95Rank: 1 },
        { code: "B", name: "乙<街道>", index: 50, rank: 2, medianRank: 2, p5Rank: 2, p95Rank: 2 },
      ],
    };
  },
  async appeals() {
    return [
      {
        id: 7,
        orgUnit: "A",
        orgUnitName: "甲街道",
        cases: 3,
        reason: "not_our_duty",
        status: "approved",
        filedBy: "clerk-a",
        decidedBy: "assessor-u",
        decisionNote: "同意",
      },
      {
        id: 8,
        orgUnit: "B",
        orgUnitName: "乙<街道>",
        cases: 1,
        reason: "duplicate",
        status: "pending",
        filedBy: "clerk-b",
        decidedBy: null,
        decisionNote: null,
      },
    ];
  },
  async exemptCases() {
    return { U: 3, A: 3 };
  },
  async rectifications() {
    return LEDGER;
  },
};

const request = (edition: "leadership" | "assessor") => ({
  period: "2026Q3",
  orgUnit: "U",
  edition,
  now: "2026-10-05T02:00:00+08:00",
});

describe("shiftPeriod", () => {
  it.each([
    ["2026Q1", -1, "2025Q4"],
    ["2026Q3", -4, "2025Q3"],
    ["2026Q4", 1, "2027Q1"],
    ["2000Q1", -1, null],
  ])("%s %i → %s", (p, n, want) => expect(shiftPeriod(p, n)).toBe(want));
  it("throws on a malformed period", () =>
    expect(() => shiftPeriod("2026-3", 1)).toThrow(RangeError));
});

describe("assembleQuarterlyReport", () => {
  it("words the summary from the figures (one decimal, changes against Q−1 and Q−4)", async () => {
    const m = await assembleQuarterlyReport(source, request("leadership"));
    expect(m.summary.index).toBe(72.46);
    expect(m.summary.sentences[0]).toBe("2026年第三季度，测试区综合指数为 72.5 分，等级为“合格”。");
    expect(m.summary.sentences[1]).toContain("上升 2.5 分");
    expect(m.summary.sentences[1]).toContain("同比（与2025年第三季度相比）无可比数据");
    expect(m.trend.map((t) => t.period)).toEqual([
      "2025Q3",
      "2025Q4",
      "2026Q1",
      "2026Q2",
      "2026Q3",
    ]);
    expect(m.assessor).toBeNull();
  });

  it("finds red indicators, their units, units red two quarters running and failing grades", async () => {
    const m = await assembleQuarterlyReport(source, request("leadership"));
    const g1 = m.redItems.find((r) => r.code === "G1")!;
    expect(g1.units.map((u) => [u.code, u.redLastQuarter])).toEqual([
      ["B", false],
      ["A", true],
    ]);
    const rules = m.findings.map((f) => f.rule);
    expect(rules).toContain("red_two_quarters");
    expect(rules).toContain("grade_fail");
    expect(rules).toContain("survey_insufficient");
    expect(rules).toContain("data_quality");
    expect(m.findings.find((f) => f.rule === "red_two_quarters")!.text).toContain(
      "问题主动发现率（甲街道）",
    );
    expect(m.findings[0]!.severity).toBe("high");
    expect(m.recommendations[0]).toMatch(/^问题主动发现率（乙<街道>、甲街道为红色）：加强网格员/);
    expect(m.movers.improvements.map((x) => x.code)).toEqual(["A"]);
    expect(m.movers.declines.map((x) => x.code)).toEqual(["B"]);
    expect(m.ranking.map((r) => r.code)).toEqual(["A", "B"]);
  });

  it("adds the assessor's tables, the scheme record's weights and the sensitivity", async () => {
    const m = await assembleQuarterlyReport(source, request("assessor"));
    expect(m.assessor?.tables.map((t) => t.code)).toEqual(["U", "A", "B"]);
    expect(m.assessor?.methodology.indicators.find((i) => i.code === "G1")?.weight).toBe(40);
    expect(m.assessor?.sensitivity.units).toHaveLength(2);
    expect(m.assessor?.dataQuality[0]?.ruleZh).toBe("季度填报缺失");
    expect(m.assessor?.appeals).toEqual([
      {
        id: 7,
        orgUnit: "A",
        orgUnitName: "甲街道",
        cases: 3,
        reasonZh: "非职责范围",
        statusZh: "已核减",
        approved: true,
        decidedBy: "assessor-u",
      },
      {
        id: 8,
        orgUnit: "B",
        orgUnitName: "乙<街道>",
        cases: 1,
        reasonZh: "重复诉求",
        statusZh: "待审核",
        approved: false,
        decidedBy: null,
      },
    ]);
    const html = renderQuarterlyHtml(m);
    expect(html).toContain("核减情况");
    expect(html).toContain("其中 1 份经审核同意，核减案件 3 件");
    expect(html).toContain("乙&lt;街道&gt;");
    expect(JSON.parse(JSON.stringify(m))).toEqual(m);
  });
});

describe("renderQuarterlyHtml", () => {
  it("is self-contained but for the app's own font, escaped and deterministic", async () => {
    const lead = await assembleQuarterlyReport(source, request("leadership"));
    const html = renderQuarterlyHtml(lead);
    expect(html).toBe(renderQuarterlyHtml(JSON.parse(JSON.stringify(lead))));
    expect(html).not.toMatch(/<script|src="http/i);
    expect(html.match(/<link[^>]*>/g)).toEqual([
      '<link rel="stylesheet" href="/fonts/noto-sans-sc-print.css">',
    ]);
    expect(html).toContain("乙&lt;街道&gt;");
    expect(html).not.toContain("乙<街道>");
    expect(html).not.toContain("\u2212");
    // 7 chapters and 整改情况 (the 2026Q2 tasks, read from the source's ledger)
    expect(html.match(/class="pg" data-for=/g)).toHaveLength(8);
    expect(lead.rectifications?.rows).toHaveLength(4);
    expect(html).toContain("八、整改情况");
    const full = renderQuarterlyHtml(await assembleQuarterlyReport(source, request("assessor")));
    // 8 chapters, 5 of the assessor (tables, methodology, data quality, 核减情况, sensitivity), appendix
    expect(full.match(/class="pg" data-for=/g)).toHaveLength(14);
    expect(full).toContain("整改期限");
    expect(full).toContain("评估方法");
  });

  it("renders in two steps (charts drawn later) to exactly the same bytes", async () => {
    for (const edition of ["leadership", "assessor"] as const) {
      const model = await assembleQuarterlyReport(source, request(edition));
      const parts = renderQuarterlyHtmlParts(model);
      expect(parts.chartCount).toBeGreaterThan(3);
      expect(parts.skeleton.match(/data-chart-slot=/g)).toHaveLength(parts.chartCount);
      expect(parts.skeleton).not.toContain("<path");
      const charts = parts.renderCharts();
      expect(charts).toHaveLength(parts.chartCount);
      expect(fillChartSlots(parts.skeleton, charts)).toBe(renderQuarterlyHtml(model));
    }
    const lead = renderQuarterlyHtmlParts(
      await assembleQuarterlyReport(source, request("leadership")),
    );
    expect(() => fillChartSlots(lead.skeleton, [])).toThrow(RangeError);
  });
});

describe("renderChartSvg", () => {
  const option = {
    xAxis: { type: "category", data: ["甲", "乙"] },
    yAxis: {},
    series: [{ type: "bar", data: [1, 2], label: { show: true } }],
  };
  it("gives the same SVG every time, without instance ids or outlined text", () => {
    const a = renderChartSvg(option, 300, 200);
    expect(renderChartSvg(option, 300, 200)).toBe(a);
    expect(a.startsWith("<svg")).toBe(true);
    expect(a).not.toMatch(/zr\d+-|<style|paint-order/);
    expect(a).toContain("Noto Sans SC");
  });
  it("rejects a degenerate size", () =>
    expect(() => renderChartSvg(option, 0, 10)).toThrow(RangeError));
});

describe("data-quality chapter", () => {
  it("adds the code to a unit name that several units share", async () => {
    const { dataQualityChapter } = await import("../html/quarterly-assessor.ts");
    const finding = (orgUnit: string, orgUnitName: string) => ({
      orgUnit,
      orgUnitName,
      ruleZh: "填报缺失",
      severity: "high" as const,
      severityZh: "高",
      figure: null,
      message: "未填报",
    });
    const html = dataQualityChapter({
      dataQuality: [
        finding("S1C1", "馨苑社区"),
        finding("S2C1", "馨苑社区"),
        finding("S1C2", "杏花社区"),
      ],
    } as never);
    expect(html).toContain("馨苑社区（S1C1）");
    expect(html).toContain("馨苑社区（S2C1）");
    expect(html).toContain("杏花社区");
    expect(html).not.toContain("杏花社区（");
  });
});
