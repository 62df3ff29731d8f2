/**
 * The assessment part of the assessor workbook (issue 20): the 评估打分 sheet (each unit's assessor
 * items and adjustment items with scores, points, comments, reasons and sign-off state), the
 * assessor weight, cap and target overrides on 参数, each 指标明细 row's goalposts looked up from
 * them, and the assessor score, adjustment, total and 暂定 columns of 维度与指数. Formulas carry the
 * API's figures as cached results, like the rest of the workbook.
 */
import type ExcelJS from "exceljs";
import type { AssessmentWorkbookModel } from "../assemble/assessment-workbook.ts";
import { KIND_ZH, STATE_ZH } from "../assemble/workbook-assessment.ts";
import { DETAIL_COLUMNS as C, DIM_COLUMNS, PARAMS, paramRef } from "./assessment-formulas.ts";
import {
  ASSESS_PARAMS as A,
  ASSESSOR_KIND_ZH,
  adjustmentFormula,
  assessorScoreFormula,
  goalpostFormula,
  noAdjustmentFormula,
  overrideKeyFormula,
  overrideLastRow,
  provisionalFormula,
  SCORING_COLUMNS as S,
  scoringRow,
  totalFormula,
} from "./assessment-total-formulas.ts";
import { header, setFormula, setValue, tableSetup } from "./cells.ts";

const SCORE_FORMAT = "0.0";
const EDITABLE: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFF2CC" } };

/** Target, floor and urban/rural of 指标明细 row `row` (unit `k`, indicator `i`). */
export function writeDetailGoalposts(
  ws: ExcelJS.Worksheet,
  model: AssessmentWorkbookModel,
  row: number,
  k: number,
  i: number,
): void {
  const p = model.parameters.indicators[i]!;
  const ind = model.units[k]!.indicators[i]!;
  const last = overrideLastRow(model.assessment.overrides.length);
  setValue(ws, `${C.urban}${row}`, model.assessment.units[k]?.urbanZh ?? null);
  const own = (col: string) => paramRef(col, i);
  const target = goalpostFormula(row, "target", own(PARAMS.targetCol), last);
  const floor = goalpostFormula(row, "floor", own(PARAMS.floorCol), last);
  setFormula(ws, `${C.target}${row}`, target, ind.target ?? p.target);
  setFormula(ws, `${C.floor}${row}`, floor, ind.floor ?? p.floor);
}

/** Header of 指标明细's urban/rural column. */
export const URBAN_HEADER: [string, number] = ["城乡", 7];

/** Headers of 维度与指数's total columns (after 说明). */
export const TOTAL_HEADERS: [string, number][] = [
  ["评估得分", 10],
  ["加减分", 9],
  ["综合得分", 10],
  ["暂定", 6],
];

/** Assessor score, adjustment, total and 暂定 of unit `k` on 维度与指数 row `row`. */
export function writeTotals(
  ws: ExcelJS.Worksheet,
  model: AssessmentWorkbookModel,
  row: number,
  k: number,
): void {
  const a = model.assessment;
  const u = a.units[k]!;
  const nA = a.assessorItems.length;
  const perUnit = nA + a.adjustmentItems.length;
  const first = scoringRow(k, 0, perUnit);
  const D = DIM_COLUMNS;
  if (nA > 0) {
    const f = assessorScoreFormula(first, first + nA - 1);
    setFormula(ws, `${D.assessorScore}${row}`, f, u.assessorScore, SCORE_FORMAT);
  } else {
    setValue(ws, `${D.assessorScore}${row}`, null);
  }
  const adj =
    a.adjustmentItems.length > 0
      ? adjustmentFormula(first + nA, first + perUnit - 1, KIND_ZH.bonus, KIND_ZH.penalty)
      : noAdjustmentFormula();
  setFormula(ws, `${D.adjustment}${row}`, adj, u.adjustment, SCORE_FORMAT);
  setFormula(ws, `${D.total}${row}`, totalFormula(row), u.total, SCORE_FORMAT);
  const provisional = u.provisional ? "是" : "否";
  const f = provisionalFormula(row, nA > 0 ? first : null, STATE_ZH.signed);
  setFormula(ws, `${D.provisional}${row}`, f, provisional);
}

/** The 评估打分 sheet: one row per unit × item; scores and points are editable values. */
export function writeScoring(ws: ExcelJS.Worksheet, model: AssessmentWorkbookModel): void {
  const a = model.assessment;
  const headers: [string, number][] = [
    ["单位代码", 14],
    ["单位名称", 16],
    ["类别", 8],
    ["项目代码", 10],
    ["项目名称", 20],
    ["权重/上限", 10],
    ["得分/分值", 10],
    ["评语/理由", 40],
    ["状态", 8],
  ];
  header(ws, headers);
  const perUnit = a.assessorItems.length + a.adjustmentItems.length;
  if (perUnit === 0) {
    ws.getCell("H2").value = "本方案没有评估打分项目和加减分项目。";
    tableSetup(ws, headers.length, 2, 2);
    return;
  }
  a.units.forEach((u, k) => {
    const unit = model.units[k]!;
    const rows = [
      ...a.assessorItems.map((item, j) => ({
        kind: ASSESSOR_KIND_ZH,
        ...item,
        limit: item.weight,
        value: u.items[j]?.score ?? null,
        note: u.items[j]?.comment ?? "",
      })),
      ...a.adjustmentItems.map((item, j) => ({
        kind: item.kindZh,
        code: item.code,
        name: item.name,
        limit: item.maxPoints,
        value: u.adjustments[j]?.points ?? null,
        note: u.adjustments[j]?.reason ?? "",
      })),
    ];
    rows.forEach((r, j) => {
      const row = scoringRow(k, j, perUnit);
      setValue(ws, `${S.code}${row}`, unit.code);
      setValue(ws, `${S.name}${row}`, unit.name);
      setValue(ws, `${S.kind}${row}`, r.kind);
      setValue(ws, `${S.item}${row}`, r.code);
      setValue(ws, `${S.itemName}${row}`, r.name);
      setValue(ws, `${S.weight}${row}`, r.limit);
      setValue(ws, `${S.score}${row}`, r.value);
      ws.getCell(`${S.score}${row}`).fill = EDITABLE;
      setValue(ws, `${S.comment}${row}`, r.note || null);
      setValue(ws, `${S.state}${row}`, u.stateZh);
    });
  });
  tableSetup(ws, headers.length, scoringRow(a.units.length - 1, perUnit - 1, perUnit), 2);
}

/** The assessor weight, the cap and the target overrides, below the grades on 参数. */
export function writeAssessmentParams(ws: ExcelJS.Worksheet, model: AssessmentWorkbookModel) {
  const a = model.assessment;
  const label = (cell: string, text: string) => {
    ws.getCell(cell).value = text;
    ws.getCell(cell).font = { bold: true };
  };
  const at = (cell: string) => cell.replaceAll("$", "");
  const wRow = Number(at(A.weightCell).slice(1));
  label(`A${wRow - 1}`, "评估打分与加减分");
  label(`A${wRow}`, "评估打分权重 w");
  setValue(ws, at(A.weightCell), a.assessorWeight);
  ws.getCell(`C${wRow}`).value =
    "综合得分 = (1 − w) × 综合指数 + w × 评估得分 + 加减分，限定在 0–100；无评估得分时为综合指数 + 加减分（暂定）";
  label(`A${wRow + 1}`, "加减分上限");
  setValue(ws, at(A.capCell), a.adjustmentCap);
  ws.getCell(`C${wRow + 1}`).value = "加减分 = 加分合计 − 减分合计，限定在 ± 上限之内";
  for (const c of [at(A.weightCell), at(A.capCell)]) ws.getCell(c).fill = EDITABLE;
  const h = A.overrideHeaderRow;
  ["查找键", "指标代码", "层级", "城乡", "目标值", "底线值"].forEach((t, j) => {
    ws.getRow(h).getCell(j + 1).value = t;
    ws.getRow(h).getCell(j + 1).font = { bold: true };
  });
  ws.getCell(`G${h}`).value =
    "目标值分层：按层级和城乡覆盖指标的目标值、底线值；层级与城乡都匹配优先，其次仅层级，再次仅城乡，否则用上表。可在空行补充。";
  const last = overrideLastRow(a.overrides.length);
  for (let row = A.overrideFirstRow; row <= last; row++) {
    const o = a.overrides[row - A.overrideFirstRow];
    const key = o ? `${o.code}|${o.levelZh ?? "-"}|${o.urbanZh ?? "-"}` : null;
    setFormula(ws, `${A.keyCol}${row}`, overrideKeyFormula(row), key);
    setValue(ws, `${A.codeCol}${row}`, o?.code ?? null);
    setValue(ws, `${A.levelCol}${row}`, o?.levelZh ?? null);
    setValue(ws, `${A.urbanCol}${row}`, o?.urbanZh ?? null);
    setValue(ws, `${A.targetCol}${row}`, o?.target ?? null);
    setValue(ws, `${A.floorCol}${row}`, o?.floor ?? null);
    for (const c of [A.codeCol, A.levelCol, A.urbanCol, A.targetCol, A.floorCol]) {
      ws.getCell(`${c}${row}`).fill = EDITABLE;
    }
  }
}
