/**
 * The formula sheets of the assessor workbook: 指标明细 (values and scores), 维度与指数 (dimensions,
 * index, grade, rank) and 问卷样本 (survey samples). Each formula cell carries the API's figure as
 * its cached result; `null` figures are written without a result (blank, never 0).
 */
import type ExcelJS from "exceljs";
import { DIMENSIONS, INDICATOR_CODES } from "../../metrics/index.ts";
import type { AssessmentWorkbookModel } from "../assemble/assessment-workbook.ts";
import {
  DETAIL_COLUMNS as C,
  DIM_COLUMNS,
  detailRow,
  dimensionFormula,
  gradeFormula,
  indexFormula,
  insufficientFormula,
  meanCiFormula,
  PARAMS,
  paramRef,
  rankFormula,
  rateFormula,
  SURVEY_COLUMNS as S,
  SHEETS,
  scoreFormula,
  statusFormula,
  surveyFromDetail,
  unitRow,
  valueFormula,
  wilsonFormula,
} from "./assessment-formulas.ts";
import {
  TOTAL_HEADERS,
  URBAN_HEADER,
  writeDetailGoalposts,
  writeTotals,
} from "./assessment-scoring.ts";
import { header, setFormula, setValue, tableSetup, trafficLights } from "./cells.ts";

export { writeParams, writeQuality, writeReadme } from "./assessment-info.ts";

const SCORE_FORMAT = "0.0";
const DECIMAL_FORMAT = ["0", "0.0", "0.00", "0.000"];

export function writeDetail(ws: ExcelJS.Worksheet, model: AssessmentWorkbookModel): void {
  const headers: [string, number][] = [
    ["单位代码", 14],
    ["单位名称", 16],
    ["层级", 9],
    ["上级代码", 14],
    ["指标代码", 8],
    ["指标名称", 18],
    ["维度", 10],
    ["分子", 14],
    ["分母", 14],
    ["系数", 8],
    ["时间进度", 9],
    ["指标值", 11],
    ["单位", 7],
    ["方向", 6],
    ["目标值", 9],
    ["底线值", 9],
    ["得分", 9],
    ["权重", 7],
    ["状态", 6],
    // The unit's exempt cases (核减) of the quarter, on each of its rows: they are in no
    // numerator or denominator of the case-based indicators.
    ["核减件数", 9],
    URBAN_HEADER,
  ];
  header(ws, headers);
  const goalposts = model.scheme.normalisation === "goalposts";
  model.units.forEach((u, k) => {
    u.indicators.forEach((ind, i) => {
      const p = model.parameters.indicators[i]!;
      const row = detailRow(k, i);
      const r1 = ind.code === "R1";
      setValue(ws, `${C.code}${row}`, u.code);
      setValue(ws, `${C.name}${row}`, u.name);
      setValue(ws, `${C.level}${row}`, u.levelZh);
      setValue(ws, `${C.parent}${row}`, u.parentCode);
      setValue(ws, `${C.indicator}${row}`, ind.code);
      setValue(ws, `${C.indicatorName}${row}`, p.nameZh);
      setValue(ws, `${C.dimension}${row}`, p.dimensionZh);
      setValue(ws, `${C.numerator}${row}`, ind.numerator);
      setValue(ws, `${C.denominator}${row}`, ind.denominator);
      setFormula(ws, `${C.factor}${row}`, paramRef("I", i), p.factor);
      if (r1) {
        const progress = `'${SHEETS.params}'!${PARAMS.timeProgressCell}`;
        setFormula(ws, `${C.timeProgress}${row}`, progress, model.parameters.timeProgress, "0.00");
      }
      const fmt = DECIMAL_FORMAT[p.decimals] ?? "0.00";
      setFormula(ws, `${C.value}${row}`, valueFormula(row, r1), ind.value, fmt);
      setValue(ws, `${C.unit}${row}`, p.unit);
      setFormula(ws, `${C.arrow}${row}`, paramRef(PARAMS.arrowCol, i), p.arrow);
      writeDetailGoalposts(ws, model, row, k, i);
      if (goalposts) {
        const up = p.arrow === "↑";
        setFormula(ws, `${C.score}${row}`, scoreFormula(row, up), ind.score, SCORE_FORMAT);
      } else {
        // Min-max and z-score scores depend on the siblings' values: given as computed.
        setValue(ws, `${C.score}${row}`, ind.score, SCORE_FORMAT);
      }
      setFormula(ws, `${C.weight}${row}`, paramRef(PARAMS.weightCol, i), p.weight);
      setFormula(ws, `${C.status}${row}`, statusFormula(row), ind.status);
      setValue(ws, `${C.exempt}${row}`, u.exemptCases);
    });
  });
  const last = detailRow(model.units.length - 1, INDICATOR_CODES.length - 1);
  tableSetup(ws, headers.length, last, 2);
  trafficLights(ws, `${C.status}2:${C.status}${last}`);
}

export function writeDimensions(ws: ExcelJS.Worksheet, model: AssessmentWorkbookModel): void {
  const headers: [string, number][] = [
    ["单位代码", 14],
    ["单位名称", 16],
    ["层级", 9],
    ["上级代码", 14],
    ...model.parameters.dimensions.map((d): [string, number] => [d.nameZh, 10]),
    ["综合指数", 10],
    ["等级", 8],
    ["排名", 7],
    ["说明", 36],
    ...TOTAL_HEADERS,
  ];
  header(ws, headers);
  const last = unitRow(model.units.length - 1);
  const grades = model.parameters.grades.length;
  model.units.forEach((u, k) => {
    const row = unitRow(k);
    setValue(ws, `${DIM_COLUMNS.code}${row}`, u.code);
    setValue(ws, `${DIM_COLUMNS.name}${row}`, u.name);
    setValue(ws, `${DIM_COLUMNS.level}${row}`, u.levelZh);
    setValue(ws, `${DIM_COLUMNS.parent}${row}`, u.parentCode);
    DIMENSIONS.forEach((d, j) => {
      const cell = `${DIM_COLUMNS.dims[j]}${row}`;
      setFormula(ws, cell, dimensionFormula(k, d), u.dimensions[d], SCORE_FORMAT);
    });
    const agg = model.scheme.aggregation;
    setFormula(ws, `${DIM_COLUMNS.index}${row}`, indexFormula(row, agg), u.index, SCORE_FORMAT);
    setFormula(ws, `${DIM_COLUMNS.grade}${row}`, gradeFormula(row, grades), u.grade);
    if (u.rankFormula) {
      setFormula(ws, `${DIM_COLUMNS.rank}${row}`, rankFormula(row, last), u.rank);
    } else {
      setValue(ws, `${DIM_COLUMNS.rank}${row}`, u.rank);
    }
    setValue(ws, `${DIM_COLUMNS.note}${row}`, u.note || null);
    writeTotals(ws, model, row, k);
  });
  tableSetup(ws, headers.length, last, 2);
}

export function writeSurvey(ws: ExcelJS.Worksheet, model: AssessmentWorkbookModel): void {
  const headers: [string, number][] = [
    ["单位代码", 14],
    ["单位名称", 16],
    ["样本量 n", 9],
    ["平均得分", 10],
    ["标准差", 9],
    ["95%区间下限", 11],
    ["95%区间上限", 11],
    ["总体满意度作答数", 12],
    ["满意数(4或5分)", 12],
    ["满意率(%)", 10],
    ["Wilson下限(%)", 12],
    ["Wilson上限(%)", 12],
    ["样本不足(n<30)", 12],
    ["疑似刷票(份)", 12],
    ["待核实(份)", 10],
    ["已确认剔除(份)", 13],
  ];
  header(ws, headers);
  const g4 = INDICATOR_CODES.indexOf("G4");
  model.survey.forEach((s, k) => {
    const row = unitRow(k);
    const g4Row = detailRow(k, g4);
    setValue(ws, `${S.code}${row}`, s.code);
    setValue(ws, `${S.name}${row}`, s.name);
    setFormula(ws, `${S.n}${row}`, surveyFromDetail(g4Row, "denominator"), s.n);
    setFormula(ws, `${S.mean}${row}`, surveyFromDetail(g4Row, "value"), s.mean, SCORE_FORMAT);
    setValue(ws, `${S.sd}${row}`, s.sd, "0.00");
    setFormula(ws, `${S.ciLow}${row}`, meanCiFormula(row, false), s.ci?.[0] ?? null, SCORE_FORMAT);
    setFormula(ws, `${S.ciHigh}${row}`, meanCiFormula(row, true), s.ci?.[1] ?? null, SCORE_FORMAT);
    setValue(ws, `${S.overallN}${row}`, s.overallN);
    setValue(ws, `${S.satisfied}${row}`, s.satisfied);
    setFormula(ws, `${S.rate}${row}`, rateFormula(row), s.rate, SCORE_FORMAT);
    setFormula(ws, `${S.rateLow}${row}`, wilsonFormula(row, false), s.rateCi?.[0] ?? null, "0.0");
    setFormula(ws, `${S.rateHigh}${row}`, wilsonFormula(row, true), s.rateCi?.[1] ?? null, "0.0");
    setFormula(
      ws,
      `${S.insufficient}${row}`,
      insufficientFormula(row),
      s.insufficient ? "是" : "否",
    );
    setValue(ws, `${S.flagged}${row}`, s.flags?.flagged ?? null);
    setValue(ws, `${S.flagOpen}${row}`, s.flags?.open ?? null);
    setValue(ws, `${S.flagConfirmed}${row}`, s.flags?.confirmed ?? null);
  });
  tableSetup(ws, headers.length, unitRow(model.survey.length - 1), 2);
}
