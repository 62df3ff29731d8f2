/**
 * The descriptive sheets of the assessor workbook: 说明 (what this is and how to read it), 数据质量
 * (the quarter's findings) and 参数 (goalposts, weights and constants every formula refers to).
 */
import type ExcelJS from "exceljs";
import type { AssessmentWorkbookModel } from "../assemble/assessment-workbook.ts";
import { PARAMS, paramRow, SHEETS } from "./assessment-formulas.ts";
import { header, printSetup, setFormula, setValue, tableSetup } from "./cells.ts";

const BOLD = { bold: true } as const;
const WRAP = { wrapText: true, vertical: "top" } as const;

function line(ws: ExcelJS.Worksheet, label: string, value: string | number | null = null) {
  const row = ws.addRow([label, value]);
  row.getCell(1).font = BOLD;
  row.getCell(2).alignment = WRAP;
  return row;
}

function section(ws: ExcelJS.Worksheet, title: string) {
  ws.addRow([]);
  const row = ws.addRow([title]);
  row.getCell(1).font = { bold: true, size: 12 };
}

const METHOD_ZH: Record<string, string> = {
  goalposts: "目标值–底线值线性评分",
  minmax: "同级单位最小–最大值标准化",
  zscore: "同级单位 Z 分数标准化",
  arithmetic: "加权算术平均",
  geometric: "加权几何平均",
};

export function writeReadme(ws: ExcelJS.Worksheet, m: AssessmentWorkbookModel): void {
  ws.getColumn(1).width = 26;
  ws.getColumn(2).width = 110;
  const title = ws.addRow([m.title]);
  title.getCell(1).font = { bold: true, size: 14 };
  ws.addRow([]);
  line(ws, "评估单位", `${m.unit.name}（${m.unit.code}，${m.unit.levelZh}）`);
  line(ws, "评估季度", `${m.period}（北京时间 ${m.year} 年第 ${m.quarter} 季度）`);
  line(ws, "考核方案", `${m.scheme.name}（${m.scheme.id}）`);
  line(ws, "方案版本", `第 ${m.scheme.version} 版，自 ${m.scheme.validFromYear} 年起适用`);
  line(
    ws,
    "评分方法",
    `${METHOD_ZH[m.scheme.normalisation] ?? m.scheme.normalisation}；综合指数${METHOD_ZH[m.scheme.aggregation] ?? m.scheme.aggregation}`,
  );
  line(ws, "G3 响应时限", `${m.scheme.responseSlaMinutes} 分钟`);
  line(ws, "范围", m.depth === "all" ? "本单位及全部下级单位" : "本单位及其直接下级单位");
  line(ws, "生成时间", m.generatedAt);
  section(ws, "数据截至");
  for (const [label, value] of m.dataAsOf) line(ws, label, value);
  section(ws, "如何阅读本工作簿");
  const how: [string, string][] = [
    [
      SHEETS.detail,
      "每个单位 × 每项指标一行：分子、分母、系数和指标值公式（指标值 = 分子 ÷ 分母 × 系数，分母为 0 时留空），目标值、底线值、权重引用“参数”表，得分和状态均为公式。",
    ],
    [
      SHEETS.dimensions,
      "每个单位的四个维度得分、综合指数、等级和排名，均为公式：维度得分 = SUMPRODUCT(得分, 权重) ÷ 有得分指标的权重之和。",
    ],
    [
      SHEETS.survey,
      "满意度问卷样本：样本量、平均得分、标准差、95% 置信区间、满意率及其 Wilson 区间、样本不足标记；疑似刷票问卷的份数、待核实份数和经评估人员确认剔除的份数（剔除的不计入样本量和群众满意度指数）。",
    ],
    [
      SHEETS.quality,
      "本季度数据质量检查发现的问题（填报缺失、数据源中断、工单量异常变化、办理时长异常、缺少时限、问卷疑似刷票）。",
    ],
    [
      SHEETS.params,
      "考核方案的目标值、底线值、维度内权重和指数权重。修改这些单元格，所有得分、维度得分、综合指数、等级和排名随之重算。",
    ],
    [
      SHEETS.scoring,
      "评估人员对每个单位的评估打分项目（0–100 分，附评语）和加减分项目（附理由）；维度与指数表的评估得分、加减分、综合得分和暂定标记由此计算，等级和排名按综合得分。",
    ],
    ["单元格精度", "所有数值保留全精度，显示时按指标单位舍入；空白表示无数据，不是 0。"],
    [
      "缓存结果",
      "公式单元格同时保存了系统计算结果；打开时 Excel 或 LibreOffice 会重新计算，结果应与系统一致。",
    ],
  ];
  for (const [label, value] of how) line(ws, label, value);
  if (m.scheme.normalisation !== "goalposts") {
    line(
      ws,
      "注意",
      "本方案按同级单位标准化评分，指标得分为系统计算结果（非公式）；维度得分、综合指数、等级和排名仍为公式。",
    );
  }
  section(ws, "指标计算公式");
  for (const p of m.parameters.indicators) {
    line(ws, `${p.code} ${p.nameZh}（${p.unit}，${p.arrow}）`, p.formulaZh);
  }
  section(ws, "评分规则");
  m.scoringRules.forEach((rule, i) => {
    line(ws, `规则 ${i + 1}`, rule);
  });
  printSetup(ws);
  ws.pageSetup.orientation = "portrait";
}

export function writeQuality(ws: ExcelJS.Worksheet, m: AssessmentWorkbookModel): void {
  const headers: [string, number][] = [
    ["单位代码", 14],
    ["单位名称", 16],
    ["问题类型", 16],
    ["严重程度", 9],
    ["数值", 10],
    ["说明", 80],
  ];
  header(ws, headers);
  if (m.findings.length === 0) {
    ws.getCell("F2").value = "本季度未发现数据质量问题。";
  }
  m.findings.forEach((f, i) => {
    const row = i + 2;
    setValue(ws, `A${row}`, f.orgUnit);
    setValue(ws, `B${row}`, f.orgUnitName);
    setValue(ws, `C${row}`, f.ruleZh);
    setValue(ws, `D${row}`, f.severityZh);
    setValue(ws, `E${row}`, f.figure, "0.0");
    setValue(ws, `F${row}`, f.message);
    ws.getCell(`F${row}`).alignment = WRAP;
  });
  tableSetup(ws, headers.length, Math.max(2, m.findings.length + 1), 2);
}

export function writeParams(ws: ExcelJS.Worksheet, m: AssessmentWorkbookModel): void {
  const p = m.parameters;
  ws.getCell("A1").value = `评分参数：${m.scheme.name}（${m.scheme.id}）第 ${m.scheme.version} 版`;
  ws.getCell("A1").font = { bold: true, size: 12 };
  ws.getCell("A2").value =
    "修改黄色单元格（目标值、底线值、权重），其余各表的得分、维度得分、综合指数、等级和排名随之重算。";
  const editable: ExcelJS.Fill = {
    type: "pattern",
    pattern: "solid",
    fgColor: { argb: "FFFFF2CC" },
  };
  header(
    ws,
    [
      ["指标代码", 12],
      ["指标名称", 18],
      ["维度", 12],
      ["单位", 12],
      ["方向", 10],
      ["目标值", 10],
      ["底线值", 10],
      ["维度内权重", 11],
      ["系数", 8],
      ["计算公式", 90],
    ],
    PARAMS.headerRow,
  );
  p.indicators.forEach((ind, i) => {
    const row = ws.getRow(paramRow(i));
    row.values = [
      ind.code,
      ind.nameZh,
      ind.dimensionZh,
      ind.unit,
      ind.arrow,
      ind.target,
      ind.floor,
      ind.weight,
      ind.factor,
      ind.formulaZh,
    ];
    for (const c of [6, 7, 8]) row.getCell(c).fill = editable;
  });
  const dimHeader = ws.getRow(PARAMS.dimHeaderRow);
  const dimWeights = ws.getRow(PARAMS.dimWeightRow);
  dimHeader.getCell(1).value = "维度";
  dimWeights.getCell(1).value = "指数权重";
  p.dimensions.forEach((d, j) => {
    dimHeader.getCell(j + 2).value = d.nameZh;
    dimHeader.getCell(j + 2).font = BOLD;
    dimWeights.getCell(j + 2).value = d.weight;
    dimWeights.getCell(j + 2).fill = editable;
  });
  dimHeader.getCell(1).font = BOLD;
  dimWeights.getCell(1).font = BOLD;
  ws.getCell(`A${PARAMS.aggregationRow}`).value = "指数合成方法";
  ws.getCell(`B${PARAMS.aggregationRow}`).value =
    METHOD_ZH[m.scheme.aggregation] ?? m.scheme.aggregation;
  const constants: [string, string | number, string][] = [
    ["季度序号", m.quarter, "R1 的时间进度 = 季度序号 ÷ 4"],
    ["时间进度（R1）", "", "= 季度序号 ÷ 4"],
    ["95% 置信 z 值", p.z95, "平均得分区间 = 平均得分 ± z × 标准差 ÷ √n；满意率用 Wilson 区间"],
    ["样本不足阈值", p.minSample, "样本量 n 小于此数时标记为样本不足"],
    ["G3 响应时限（分钟）", m.scheme.responseSlaMinutes, "已计入 G3 的分子，此处仅供查阅"],
  ];
  constants.forEach(([label, value, note], i) => {
    const row = ws.getRow(PARAMS.constantsFirstRow + i);
    row.getCell(1).value = label;
    row.getCell(1).font = BOLD;
    if (value !== "") row.getCell(2).value = value;
    row.getCell(3).value = note;
  });
  const quarter = PARAMS.quarterCell.replaceAll("$", "");
  setFormula(ws, PARAMS.timeProgressCell.replaceAll("$", ""), `${quarter}/4`, p.timeProgress);
  ws.getCell(`A${PARAMS.statusFirstRow - 1}`).value = "状态";
  ws.getCell(`A${PARAMS.statusFirstRow - 1}`).font = BOLD;
  const status: [string, number | null][] = [
    ["绿", p.statusGreen],
    ["黄", p.statusAmber],
    ["红", null],
  ];
  status.forEach(([label, min], i) => {
    const r = PARAMS.statusFirstRow + i;
    ws.getCell(`B${r}`).value = label;
    setValue(ws, `C${r}`, min);
    ws.getCell(`D${r}`).value = min === null ? "其余" : `得分 ≥ ${min}`;
  });
  ws.getCell(`A${PARAMS.gradeFirstRow - 1}`).value = "等级";
  ws.getCell(`A${PARAMS.gradeFirstRow - 1}`).font = BOLD;
  p.grades.forEach((g, i) => {
    const r = PARAMS.gradeFirstRow + i;
    ws.getCell(`B${r}`).value = g.labelZh;
    setValue(ws, `C${r}`, g.min);
    ws.getCell(`D${r}`).value = g.min === null ? "其余" : `综合得分 ≥ ${g.min}`;
  });
  ws.views = [{ state: "frozen", ySplit: PARAMS.headerRow, xSplit: 0 }];
  printSetup(ws, `${PARAMS.headerRow}:${PARAMS.headerRow}`);
}
