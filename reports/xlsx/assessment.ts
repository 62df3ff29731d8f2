/**
 * Renders the assessor workbook model (reports/assemble/assessment-workbook.ts) with exceljs. Every
 * rate, score, dimension score, index, grade and rank is a live formula (assessment-formulas.ts)
 * written with the API's figure as its cached result, so viewers that do not recalculate show the
 * right numbers and Excel or LibreOffice recalculating gets the same ones back. The renderer lays
 * out cells; it computes nothing. Node-only (exceljs): import it lazily from the API.
 */
import ExcelJS from "exceljs";
import type { AssessmentWorkbookModel } from "../assemble/assessment-workbook.ts";
import { SHEETS } from "./assessment-formulas.ts";
import { writeAssessmentParams, writeScoring } from "./assessment-scoring.ts";
import {
  writeDetail,
  writeDimensions,
  writeParams,
  writeQuality,
  writeReadme,
  writeSurvey,
} from "./assessment-sheets.ts";
import { writeRectifications } from "./rectification-sheet.ts";

/** The workbook, built in memory (a district's unit × indicator rows are a few thousand). */
export function buildAssessmentWorkbook(model: AssessmentWorkbookModel): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Scorecard 369";
  wb.title = model.title;
  wb.subject = `${model.unit.name} ${model.period}`;
  wb.created = new Date(model.generatedAt);
  wb.modified = wb.created;
  // Excel recalculates every formula on open; the cached results serve viewers that do not.
  wb.calcProperties = { fullCalcOnLoad: true };
  // Sheets in reading order; the formulas refer across them by name.
  const readme = wb.addWorksheet(SHEETS.readme);
  const detail = wb.addWorksheet(SHEETS.detail);
  const dims = wb.addWorksheet(SHEETS.dimensions);
  const survey = wb.addWorksheet(SHEETS.survey);
  const quality = wb.addWorksheet(SHEETS.quality);
  const ledger = wb.addWorksheet(SHEETS.rectifications);
  const params = wb.addWorksheet(SHEETS.params);
  const scoring = wb.addWorksheet(SHEETS.scoring);
  writeReadme(readme, model);
  writeDetail(detail, model);
  writeDimensions(dims, model);
  writeSurvey(survey, model);
  writeQuality(quality, model);
  // Workbook models stored before issue 19 have no rectifications.
  if (model.rectifications) writeRectifications(ledger, model.rectifications);
  writeParams(params, model);
  writeAssessmentParams(params, model);
  writeScoring(scoring, model);
  return wb;
}

/**
 * The assessor workbook as xlsx bytes.
 *
 * Source: issue 8 (assessment workbook); formulas per INDICATORS.md.
 *
 * Degenerate cases: units without values give blank (not 0) cells and blank formulas; an empty
 * findings list gives a one-line 数据质量 sheet saying so.
 *
 * @example
 * ```ts
 * const bytes = await renderAssessmentXlsx(model); // Uint8Array, application/vnd.openxmlformats…
 * ```
 */
export async function renderAssessmentXlsx(
  model: AssessmentWorkbookModel,
): Promise<Uint8Array<ArrayBuffer>> {
  const buf = await buildAssessmentWorkbook(model).xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}
