import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { LEDGER } from "../../test/rectification-tasks.ts";
import { rectificationChapter } from "../html/rectification-chapter.ts";
import { SHEETS } from "../xlsx/assessment-formulas.ts";
import { writeRectifications } from "../xlsx/rectification-sheet.ts";
import { assembleRectifications, NO_RECTIFICATIONS } from "./rectification-chapter.ts";

describe("the 整改情况 model", () => {
  it("takes the previous quarter's tasks and older unverified ones, overdue first", () => {
    const r = assembleRectifications(LEDGER, "2026Q3", "2026Q2");
    expect(r.rows.map((x) => x.id)).toEqual([2, 4, 3, 1]);
    expect(r.counts).toEqual({
      total: 4,
      manual: 1,
      open: 2,
      submitted: 1,
      verified: 1,
      overdue: 1,
      recovered: 1,
      stillRed: 1,
      noData: 2,
    });
    const [overdue, , street, done] = r.rows;
    expect(overdue).toMatchObject({ statusZh: "已逾期", daysOverdue: 12, streetName: "乙街道" });
    expect(street).toMatchObject({ streetName: "乙街道", recovered: null, valueNow: null });
    expect(done).toMatchObject({ verdict: "材料齐全，同意销号", valueNow: 35.2, recovered: true });
    expect(done?.values).toEqual([
      { period: "2026Q2", value: 12.5, status: null },
      { period: "2026Q3", value: 35.2, status: "amber" },
    ]);
    expect(r.quarters).toEqual(["2026Q2", "2026Q3"]);
    expect(r.sentences[0]).toBe(
      "2026年第二季度共对 3 个单位下达整改任务 4 项（其中督办 1 项）。截至报告生成时，已验收销号 1 项，待验收 1 项，整改中 2 项，其中已逾期 1 项。",
    );
    expect(r.sentences[1]).toBe(
      "从2026年第三季度数据看，1 项指标已脱离红色区间，1 项仍为红色，2 项本季度暂无数据。",
    );
    expect(r.sentences[2]).toContain("丙社区（投诉率，逾期 12 天）");
    // A quarter's own tasks are the next quarter's business; an unverified older one stays.
    const later = assembleRectifications(LEDGER, "2026Q4", "2026Q3");
    expect(later.rows.map((x) => x.id)).toEqual([2, 4, 3]);
  });

  it("says in one sentence, without a table, that there is no task", () => {
    const r = assembleRectifications([], "2026Q3", "2026Q2");
    expect(r.sentences).toEqual([NO_RECTIFICATIONS]);
    const html = rectificationChapter(r, true);
    expect(html).toContain("本季度无整改任务");
    expect(html).not.toContain("<table");
  });

  it("renders both editions, escaped; the assessor's with deadlines, measures and notes", () => {
    const r = assembleRectifications(
      [{ ...LEDGER[1]!, orgUnitName: "丙<社区>" }, ...LEDGER.slice(2)],
      "2026Q3",
      "2026Q2",
    );
    const lead = rectificationChapter(r, false);
    expect(lead).toContain("丙&lt;社区&gt;");
    expect(lead).toContain("已逾期 12 天");
    expect(lead).toContain("主要整改措施");
    expect(lead).not.toContain("<th>整改期限</th>");
    const full = rectificationChapter(r, true);
    expect(full).toContain("<th>整改期限</th>");
    expect(full).toContain("建立超期预警台账");
  });
});

describe("the 整改台账 sheet", () => {
  it("writes one row per task, read back from the xlsx bytes", async () => {
    const model = assembleRectifications(LEDGER, "2026Q3", "2026Q2");
    const wb = new ExcelJS.Workbook();
    writeRectifications(wb.addWorksheet(SHEETS.rectifications), model);
    const back = new ExcelJS.Workbook();
    await back.xlsx.load((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const ws = back.getWorksheet("整改台账")!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([
      "任务编号",
      "单位",
      "所属街道",
      "指标",
      "下达季度",
      "打开时值",
      "状态",
      "期限",
      "逾期天数",
      "整改措施",
      "验收意见",
      "2026Q2 数值",
      "2026Q3 数值",
      "是否恢复",
    ]);
    expect(ws.rowCount).toBe(5);
    expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual([
      2,
      "丙社区",
      "乙街道",
      "S3 投诉率",
      "2026Q2",
      18.75,
      "已逾期",
      "2026-08-04",
      12,
      undefined,
      undefined,
      18.75,
      20,
      "否",
    ]);
    expect(ws.getCell("N5").value).toBe("是");
    expect(ws.getCell("K5").value).toBe("材料齐全，同意销号");
    expect(ws.getCell("N4").value).toBe("无数据");
  });

  it("says so in one line when there is no task", () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet(SHEETS.rectifications);
    writeRectifications(ws, assembleRectifications([], "2026Q3", "2026Q2"));
    expect(ws.getCell("B2").value).toBe(NO_RECTIFICATIONS);
    expect(ws.getCell("A1").value).toBe("任务编号");
  });
});
