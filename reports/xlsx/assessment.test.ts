import { describe, expect, it } from "vitest";
import {
  defaultSchemeDefinition,
  INDICATOR_CODES,
  type IndicatorCode,
  type SchemeDefinition,
} from "../../metrics/index.ts";
import { LEDGER } from "../../test/rectification-tasks.ts";
import { assembleAssessmentWorkbook, surveyRow } from "../assemble/assessment-workbook.ts";
import type { ReportSource, SourceFinding, SourceUnit } from "../source.ts";
import { buildAssessmentWorkbook } from "./assessment.ts";
import { DETAIL_COLUMNS as C, DIM_COLUMNS as D, detailRow, SHEETS } from "./assessment-formulas.ts";

const NO_SURVEY = { n: 0, scoreSum: 0, scoreSquares: 0, overallN: 0, satisfied: 0 };

function unit(
  code: string,
  parentCode: string | null,
  filled: boolean,
  over: Partial<SourceUnit> = {},
): SourceUnit {
  return {
    code,
    name: `单位${code}`,
    level: parentCode === null ? "district" : "street",
    parentCode,
    siblingsIncluded: true,
    index: filled ? 80 : null,
    grade: filled ? "良好" : null,
    rank: filled ? 1 : null,
    complete: filled,
    missing: filled ? [] : ["governance", "service", "resources", "participation"],
    dimensions: {
      governance: filled ? 80 : null,
      service: filled ? 80 : null,
      resources: filled ? 80 : null,
      participation: filled ? 80 : null,
    },
    indicators: INDICATOR_CODES.map((c: IndicatorCode) => ({
      code: c,
      numerator: filled ? 30 : null,
      denominator: filled ? 50 : 0,
      value: filled ? 60 : null,
      score: filled ? 0 : null,
      status: filled ? "red" : null,
      target: 60,
      floor: 20,
    })),
    survey: filled
      ? { n: 3, scoreSum: 225, scoreSquares: 18125, overallN: 3, satisfied: 2 }
      : NO_SURVEY,
    ...over,
  };
}

function source(
  units: SourceUnit[],
  definition: SchemeDefinition,
  findings: SourceFinding[] = [],
): ReportSource {
  return {
    async indicatorSnapshot() {
      return {
        period: "2026Q3",
        year: 2026,
        quarter: 3,
        scheme: {
          id: "369-default",
          version: 1,
          name: "默认方案",
          validFromYear: 2000,
          definition,
        },
        dataAsOf: {
          sources: [
            { source: "12345", lastReceivedAt: "2026-09-30T00:00:00Z", maxReportedAt: null },
          ],
          returns: null,
          surveys: null,
        },
        units,
      };
    },
    async dataQuality() {
      return findings;
    },
    async sensitivity() {
      return { draws: 0, seed: 0, spread: 0.2, units: [] };
    },
    async appeals() {
      return [];
    },
    async exemptCases() {
      // D1's subtree holds S1's 3 exempt cases; S2 has none
      return { D1: 3, S1: 3 };
    },
    async rectifications() {
      return LEDGER;
    },
  };
}

const REQ = { period: "2026Q3", depth: "children" as const, now: "2026-10-08T00:00:00.000Z" };
const formula = (v: unknown) => (v as { formula?: string }).formula;

describe("surveyRow", () => {
  it("gives the mean, s, the normal interval and the Wilson interval from the sums", () => {
    // scores 50, 75, 100: mean 75, s = 25; 2 of 3 satisfied
    const s = surveyRow(unit("D1", null, true));
    expect(s.mean).toBe(75);
    expect(s.sd).toBeCloseTo(25, 12);
    expect(s.ci![0]).toBeCloseTo(75 - (1.96 * 25) / Math.sqrt(3), 12);
    expect(s.rate).toBeCloseTo(200 / 3, 12);
    expect(s.rateCi![0]).toBeCloseTo(20.77, 2); // Wilson 2/3: [0.2077, 0.9385]
    expect(s.insufficient).toBe(true);
    const none = surveyRow(unit("X", "D1", false));
    expect(none).toMatchObject({ n: 0, mean: null, sd: null, ci: null, rate: null, rateCi: null });
  });
});

describe("the assessor workbook", () => {
  it("writes formulas with the API's figures as cached results, blank where there is no value", async () => {
    const units = [unit("D1", null, true), unit("S1", "D1", true), unit("S2", "D1", false)];
    const model = await assembleAssessmentWorkbook(source(units, defaultSchemeDefinition()), REQ);
    expect(JSON.parse(JSON.stringify(model))).toEqual(model); // serialisable
    const wb = buildAssessmentWorkbook(model);
    expect(wb.worksheets.map((w) => w.name)).toEqual(Object.values(SHEETS));
    const detail = wb.getWorksheet(SHEETS.detail)!;
    const r = detailRow(1, 0); // S1, G1
    expect(detail.getCell(`${C.value}${r}`).value).toEqual({
      formula: `IF(I${r}=0,"",H${r}/I${r}*J${r})`,
      result: 60,
    });
    expect(detail.getCell(`${C.score}${r}`).result).toBe(0);
    expect(formula(detail.getCell(`${C.score}${r}`).value)).toBe(
      `IF(L${r}="","",MAX(0,MIN(1,(L${r}-P${r})/(O${r}-P${r})))*100)`,
    );
    const s1 = detailRow(1, INDICATOR_CODES.indexOf("S1"));
    expect(formula(detail.getCell(`${C.score}${s1}`).value)).toContain(
      `(P${s1}-L${s1})/(P${s1}-O${s1})`,
    );
    const r1 = detailRow(1, INDICATOR_CODES.indexOf("R1"));
    expect(formula(detail.getCell(`${C.value}${r1}`).value)).toBe(
      `IF(I${r1}=0,"",H${r1}/I${r1}/K${r1}*J${r1})`,
    );
    expect(detail.getCell(`${C.timeProgress}${r1}`).result).toBe(0.75);
    // S2 has no values: numerator blank, denominator 0, value and score formulas without a result
    const empty = detailRow(2, 0);
    expect(detail.getCell(`${C.numerator}${empty}`).value).toBeNull();
    expect(detail.getCell(`${C.denominator}${empty}`).value).toBe(0);
    expect(detail.getCell(`${C.value}${empty}`).value).toEqual({
      formula: `IF(I${empty}=0,"",H${empty}/I${empty}*J${empty})`,
    });
    const dims = wb.getWorksheet(SHEETS.dimensions)!;
    expect(formula(dims.getCell(`${D.dims[0]}2`).value)).toMatch(
      /^IF\(SUMPRODUCT\(\('指标明细'!\$Q\$2:\$Q\$5<>""\)\*'指标明细'!\$R\$2:\$R\$5\)</,
    );
    expect(formula(dims.getCell(`${D.index}3`).value)).toContain(
      "SUMPRODUCT(E3:H3,'参数'!$B$24:$E$24)/SUM('参数'!$B$24:$E$24)",
    );
    expect(formula(dims.getCell(`${D.rank}3`).value)).toBe(
      `IF(O3="","",SUMPRODUCT(($D$2:$D$4=D3)*ISNUMBER($O$2:$O$4)*($O$2:$O$4>O3))+1)`,
    );
    expect(dims.getCell(`${D.grade}3`).result).toBe("良好");
    expect(dims.getCell(`${D.note}4`).value).toContain("不完整");
    const quality = wb.getWorksheet(SHEETS.quality)!;
    expect(quality.getCell("F2").value).toBe("本季度未发现数据质量问题。");
    // 核减件数 on every row of each unit; 0 where the source has none
    expect(detail.getCell(`${C.exempt}1`).value).toBe("核减件数");
    expect(detail.getCell(`${C.exempt}${detailRow(0, 0)}`).value).toBe(3);
    expect(detail.getCell(`${C.exempt}${detailRow(1, 16)}`).value).toBe(3);
    expect(detail.getCell(`${C.exempt}${detailRow(2, 0)}`).value).toBe(0);
    // 整改台账: the 2026Q2 tasks and older unverified ones, as the report's chapter lists them
    const ledger = wb.getWorksheet(SHEETS.rectifications)!;
    expect(ledger.rowCount).toBe(5);
    expect(ledger.getCell("B2").value).toBe("丙社区");
  });

  it("keeps a rank computed among absent siblings as a value, and follows the scheme's method", async () => {
    const def = defaultSchemeDefinition();
    def.method = { normalisation: "minmax", aggregation: "geometric" };
    const units = [
      unit("S1", "D1", true, { siblingsIncluded: false, rank: 2 }),
      unit("C1", "S1", true),
    ];
    const model = await assembleAssessmentWorkbook(
      source(units, def, [
        {
          orgUnit: "C1",
          orgUnitName: "单位C1",
          rule: "return_missing",
          figure: null,
          severity: "high",
          message: "未填报",
        },
      ]),
      REQ,
    );
    const wb = buildAssessmentWorkbook(model);
    const dims = wb.getWorksheet(SHEETS.dimensions)!;
    expect(dims.getCell(`${D.rank}2`).value).toBe(2);
    expect(formula(dims.getCell(`${D.rank}3`).value)).toContain("SUMPRODUCT");
    expect(formula(dims.getCell(`${D.index}2`).value)).toContain("EXP(SUMPRODUCT(LN(E2:H2)");
    // Min-max scores depend on siblings: written as computed, not as goalpost formulas.
    expect(wb.getWorksheet(SHEETS.detail)!.getCell(`${C.score}2`).value).toBe(0);
    const quality = wb.getWorksheet(SHEETS.quality)!;
    expect(quality.getRow(2).values).toEqual([
      undefined,
      "C1",
      "单位C1",
      "季度填报缺失",
      "高",
      undefined,
      "未填报",
    ]);
  });
});
