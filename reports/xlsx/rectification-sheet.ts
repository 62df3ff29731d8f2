/**
 * The assessor workbook's 整改台账 sheet (issue 19): one row per rectification task of the
 * report's model (reports/assemble/rectification-chapter.ts), the same rows the quarterly report's
 * 整改情况 chapter lists — unit, street, indicator, value at opening, status, deadline, days
 * overdue, measures, the verifier's note, the indicator's value in each quarter since, recovered.
 */
import type ExcelJS from "exceljs";
import { INDICATORS } from "../../metrics/index.ts";
import type { ReportRectifications } from "../assemble/rectification-chapter.ts";
import { columnLetter, header, setValue, tableSetup } from "./cells.ts";

const WRAP = { wrapText: true, vertical: "top" } as const;

/** Excel number format for an indicator's catalogue decimals. */
const numFmt = (decimals: number) => (decimals === 0 ? "0" : `0.${"0".repeat(decimals)}`);

const RECOVERED_ZH = { true: "是", false: "否" } as const;

export function writeRectifications(ws: ExcelJS.Worksheet, r: ReportRectifications): void {
  const fixed: [string, number][] = [
    ["任务编号", 9],
    ["单位", 16],
    ["所属街道", 14],
    ["指标", 18],
    ["下达季度", 10],
    ["打开时值", 10],
    ["状态", 9],
    ["期限", 12],
    ["逾期天数", 9],
    ["整改措施", 40],
    ["验收意见", 28],
  ];
  const quarters: [string, number][] = r.quarters.map((q) => [`${q} 数值`, 11]);
  const columns = [...fixed, ...quarters, ["是否恢复", 9] as [string, number]];
  header(ws, columns);
  if (r.rows.length === 0) ws.getCell("B2").value = r.sentences[0] ?? "本季度无整改任务。";
  const recoveredCol = columnLetter(columns.length);
  r.rows.forEach((x, i) => {
    const row = i + 2;
    const fmt = numFmt(INDICATORS[x.indicator].decimals);
    setValue(ws, `A${row}`, x.id);
    setValue(ws, `B${row}`, x.orgUnitName);
    setValue(ws, `C${row}`, x.streetName);
    setValue(ws, `D${row}`, `${x.indicator} ${x.indicatorZh}`);
    setValue(ws, `E${row}`, x.period);
    setValue(ws, `F${row}`, x.valueAtOpen, fmt);
    setValue(ws, `G${row}`, x.statusZh);
    setValue(ws, `H${row}`, x.extended ? `${x.deadline}（已延期）` : x.deadline);
    setValue(ws, `I${row}`, x.daysOverdue);
    setValue(ws, `J${row}`, x.measures || null);
    setValue(ws, `K${row}`, x.verdict || null);
    ws.getCell(`J${row}`).alignment = WRAP;
    ws.getCell(`K${row}`).alignment = WRAP;
    const byPeriod = new Map(x.values.map((v) => [v.period, v.value]));
    r.quarters.forEach((q, k) => {
      setValue(ws, `${columnLetter(fixed.length + k + 1)}${row}`, byPeriod.get(q) ?? null, fmt);
    });
    setValue(
      ws,
      `${recoveredCol}${row}`,
      x.recovered === null ? "无数据" : RECOVERED_ZH[`${x.recovered}`],
    );
  });
  tableSetup(ws, columns.length, Math.max(2, r.rows.length + 1), 2);
}
