/**
 * The quarterly report's 综合得分与评估打分 chapter (issue 20), printed to PDF by Chromium and read
 * back with pdf.js (test/pdf.ts): the unit's total and parts, the assessor items with comments, the
 * adjustments with reasons (the children's only in the assessor edition), the ranking by total
 * with ties and the 未参评 unit last with its reason, and 暂定 on provisional totals.
 */
import { afterAll, describe, expect, it } from "vitest";
import { defaultSchemeDefinition, INDICATOR_CODES, INDICATORS } from "../../metrics/index.ts";
import { openPdf } from "../../test/pdf.ts";
import { LEDGER } from "../../test/rectification-tasks.ts";
import { assembleQuarterlyReport } from "../assemble/quarterly-report.ts";
import { BrowserPool } from "../pdf/browser-pool.ts";
import { printPdf } from "../pdf/print.ts";
import type { ReportSource, SourceAssessment, SourceUnit } from "../source.ts";
import { renderQuarterlyHtml } from "./quarterly-report.ts";
import { rankingChapter } from "./quarterly-sections.ts";

const PERIOD = "2026Q3";

const scheme = {
  ...defaultSchemeDefinition(),
  assessorItems: [
    { code: "A1", name: "制度建设", weight: 2 },
    { code: "A2", name: "群众评议", weight: 1 },
  ],
  adjustmentItems: [
    { code: "B1", name: "创新做法", kind: "bonus" as const, maxPoints: 3 },
    { code: "D1", name: "重大问题", kind: "penalty" as const, maxPoints: 10 },
  ],
  assessorWeight: 0.3,
  adjustmentCap: 5,
};

function unit(
  code: string,
  name: string,
  parentCode: string | null,
  index: number | null,
  totals: { assessorScore: number | null; adjustment: number; total: number | null },
  rank: number | null,
  provisional: boolean,
): SourceUnit {
  return {
    code,
    name,
    level: parentCode === null ? "street" : "community",
    parentCode,
    siblingsIncluded: true,
    index,
    grade: totals.total === null ? null : totals.total >= 80 ? "良好" : "合格",
    rank,
    complete: index !== null,
    missing: index === null ? ["resources", "participation"] : [],
    dimensions: { governance: index, service: index, resources: index, participation: index },
    indicators: INDICATOR_CODES.map((c) => ({
      code: c,
      numerator: index === null ? null : 8,
      denominator: index === null ? null : 10,
      value: index === null && /^[RP]/.test(c) ? null : 80,
      score: index === null ? null : 80,
      status: index === null ? null : "amber",
      target: INDICATORS[c].target,
      floor: INDICATORS[c].floor,
    })),
    survey: { n: 0, scoreSum: 0, scoreSquares: 0, overallN: 0, satisfied: 0 },
    totals: { ...totals, provisional },
  };
}

// 0.7 × 80 + 0.3 × (2 × 90 + 75) / 3 + 2 = 83.5; 甲 and 乙 tie at 81.0; 丁 has no return.
const units: SourceUnit[] = [
  unit("S", "示范街道", null, 80, { assessorScore: 85, adjustment: 2, total: 83.5 }, null, false),
  unit("C1", "甲社区", "S", 78, { assessorScore: 88, adjustment: 0, total: 81 }, 1, false),
  unit("C2", "乙社区", "S", 81, { assessorScore: null, adjustment: 0, total: 81 }, 1, true),
  unit("C3", "丙社区", "S", 75, { assessorScore: 70, adjustment: -4, total: 67.5 }, 3, false),
  unit("C4", "丁社区", "S", null, { assessorScore: null, adjustment: 0, total: null }, null, true),
];

const stored: SourceAssessment[] = [
  {
    orgUnit: "S",
    items: [
      { code: "A1", score: 90, comment: "制度健全执行到位" },
      { code: "A2", score: 75, comment: "居民评价较好" },
    ],
    adjustments: [{ code: "B1", points: 2, reason: "首创楼道议事会" }],
    signedOffAt: "2026-10-12T02:00:00Z",
    signedOffBy: "评估员",
  },
  {
    orgUnit: "C3",
    items: [{ code: "A1", score: 70, comment: "" }],
    adjustments: [{ code: "D1", points: 4, reason: "台账弄虚作假" }],
    signedOffAt: "2026-10-12T03:00:00Z",
    signedOffBy: "评估员",
  },
];

const source: ReportSource = {
  async indicatorSnapshot(req) {
    if (req.period !== PERIOD) throw new Error("no data");
    return {
      period: PERIOD,
      year: 2026,
      quarter: 3,
      scheme: {
        id: "369-default",
        version: 2,
        name: "测试方案",
        validFromYear: 2026,
        definition: scheme,
      },
      dataAsOf: { sources: [], returns: null, surveys: null },
      units,
    };
  },
  async dataQuality() {
    return [];
  },
  async sensitivity() {
    return { draws: 1000, seed: 369, spread: 0.2, units: [] };
  },
  async appeals() {
    return [];
  },
  async exemptCases() {
    return {};
  },
  async rectifications() {
    return LEDGER; // 2026Q2's tasks: the 2026Q3 report has a 整改情况 chapter
  },
  async assessments() {
    return stored;
  },
};

const past: ReportSource = {
  ...source,
  async indicatorSnapshot(req) {
    if (req.period === PERIOD) return source.indicatorSnapshot(req);
    const snap = await source.indicatorSnapshot({ ...req, period: PERIOD });
    return { ...snap, period: req.period, units: [] as SourceUnit[] };
  },
};

describe("综合得分与评估打分 in the printed report", () => {
  const pool = new BrowserPool({ maxPages: 1 });
  afterAll(async () => {
    await pool.close();
  });

  async function pdfText(edition: "leadership" | "assessor"): Promise<string> {
    const model = await assembleQuarterlyReport(past, {
      period: PERIOD,
      orgUnit: "S",
      edition,
      now: "2026-10-15T00:00:00Z",
    });
    const printed = await printPdf(pool, renderQuarterlyHtml(model), {
      headerLeft: "示范街道",
      headerRight: "测试",
    });
    // Read with pdf.js (test/pdf.ts), so the suite needs no poppler on a bare machine.
    const doc = await openPdf(printed.pdf);
    try {
      const pages: string[] = [];
      for (let n = 1; n <= doc.pages; n++) pages.push((await doc.lines(n)).join("\n"));
      return pages.join("\n");
    } finally {
      await doc.close();
    }
  }

  it("shows totals, items, adjustments with reasons, the ranking by total and 暂定", async () => {
    const [lead, full] = [await pdfText("leadership"), await pdfText("assessor")];
    for (const text of [lead, full]) {
      const flat = text.replace(/[ \t]+/g, " ");
      expect(flat).toContain("综合得分与评估打分");
      expect(flat).toMatch(/综合得分 83\.5，其中综合指数 80\.0、评估得分 85\.0、加减分 \+2\.0/);
      expect(flat).toContain("制度建设");
      expect(flat).toContain("制度健全执行到位");
      expect(flat).toContain("首创楼道议事会");
      // Ranking by total: 甲 and 乙 share 1 (乙 暂定), 丙 third, 丁 未参评 last with its reason.
      const all = text.split("\n");
      const lines = all.slice(all.findIndex((l) => l.includes("社区综合得分排名")));
      expect(lines.length).toBeLessThan(all.length);
      const at = (name: string) => lines.findIndex((l) => l.includes(name) && /\d|未参评/.test(l));
      const order = ["甲社区", "乙社区", "丙社区", "丁社区"].map(at);
      expect(order.every((i, k) => i > 0 && (k === 0 || i > order[k - 1]!))).toBe(true);
      expect(lines[order[0]!]).toMatch(/^\s*1\s+甲社区\s+81\.0/);
      expect(lines[order[1]!]).toMatch(/^\s*1\s+乙社区\s+81\.0（暂定）/);
      expect(lines[order[2]!]).toMatch(
        /^\s*3\s+丙社区\s+67\.5\s+75\.0\s+70\.0\s+[−-]4\.0\s+合格\s+已签署/,
      );
      expect(lines[order[3]!]).toMatch(/未参评\s+丁社区.*未报送季度填报/);
    }
    // The 整改情况 chapter is printed in both editions (issue 19), read from the same ledger.
    for (const text of [lead, full]) {
      const bare = text.replace(/\s+/g, "");
      expect(bare).toContain("整改情况");
      expect(bare).toContain("2026年第二季度共对3个单位下达整改任务4项（其中督办1项）");
      expect(bare).toContain("丙社区（投诉率，逾期12天）");
    }
    // The children's adjustments and their reasons: the assessor edition only.
    expect(full).toContain("台账弄虚作假");
    expect(lead).not.toContain("台账弄虚作假");
  }, 120_000);

  it("says the ranking chapter ranks by 综合得分, by 综合指数 when nothing is scored", async () => {
    const model = await assembleQuarterlyReport(past, {
      period: PERIOD,
      orgUnit: "S",
      edition: "leadership",
      now: "2026-10-15T00:00:00Z",
    });
    expect(rankingChapter(model)).toContain("下辖 4 个社区，按综合得分从高到低排名如下");
    // No assessor or adjustment item (no assessment part): the sentence as it was.
    expect(rankingChapter({ ...model, assessment: null })).toContain(
      "下辖 4 个社区，按综合指数从高到低排名如下（并列者名次相同，无综合指数者不排名）。",
    );
  });
});
