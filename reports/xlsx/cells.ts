/**
 * Small exceljs helpers shared by the workbook renderers: header rows, values, formulas with cached
 * results, and the table furniture (frozen header, filter, print setup).
 */
import type ExcelJS from "exceljs";

/** Excel's column letters for a 1-based index (1 → A, 27 → AA). */
export function columnLetter(index: number): string {
  let n = index;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

const HEADER_FILL: ExcelJS.Fill = {
  type: "pattern",
  pattern: "solid",
  fgColor: { argb: "FFDDE5F0" },
};

/** Row 1 (or `row`): bold, shaded, wrapped header texts, with the column widths. */
export function header(ws: ExcelJS.Worksheet, columns: readonly [string, number][], row = 1): void {
  const r = ws.getRow(row);
  columns.forEach(([text, width], i) => {
    const cell = r.getCell(i + 1);
    cell.value = text;
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
    cell.border = { bottom: { style: "thin" } };
    ws.getColumn(i + 1).width = width;
  });
  r.height = 30;
}

/** A plain value; `null` leaves the cell empty (no value is blank, never 0). */
export function setValue(
  ws: ExcelJS.Worksheet,
  address: string,
  value: string | number | null,
  numFmt?: string,
): void {
  if (value === null) return;
  const cell = ws.getCell(address);
  cell.value = value;
  if (numFmt && typeof value === "number") cell.numFmt = numFmt;
}

/**
 * A formula with its cached result. A `null` result is written as none at all, so a viewer that
 * does not recalculate shows a blank cell, as Excel does for the formula's "".
 */
export function setFormula(
  ws: ExcelJS.Worksheet,
  address: string,
  formula: string,
  result: string | number | null,
  numFmt?: string,
): void {
  const cell = ws.getCell(address);
  cell.value = result === null ? { formula } : { formula, result };
  if (numFmt) cell.numFmt = numFmt;
}

/**
 * Frozen header row (and `xSplit` key columns), a filter over the table, landscape A4 printing
 * one page wide with the header repeated on every page.
 */
export function tableSetup(
  ws: ExcelJS.Worksheet,
  columns: number,
  lastRow: number,
  xSplit: number,
): void {
  ws.views = [{ state: "frozen", xSplit, ySplit: 1, topLeftCell: `${columnLetter(xSplit + 1)}2` }];
  ws.autoFilter = `A1:${columnLetter(columns)}${Math.max(lastRow, 2)}`;
  printSetup(ws, "1:1");
}

/** Landscape A4, fitted to one page wide, `titles` rows repeated on each page. */
export function printSetup(ws: ExcelJS.Worksheet, titles?: string): void {
  ws.pageSetup = {
    paperSize: 9,
    orientation: "landscape",
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    ...(titles ? { printTitlesRow: titles } : {}),
  };
  ws.headerFooter = { oddFooter: "&L&A&R第 &P 页，共 &N 页" };
}

const LIGHT: Record<string, string> = { 绿: "FFC6EFCE", 黄: "FFFFEB9C", 红: "FFFFC7CE" };

/** Green, amber and red fills for the cells of `ref` that read 绿, 黄 or 红 (formula results too). */
export function trafficLights(ws: ExcelJS.Worksheet, ref: string): void {
  ws.addConditionalFormatting({
    ref,
    rules: Object.entries(LIGHT).map(([text, argb], i) => ({
      type: "containsText",
      operator: "containsText",
      text,
      priority: i + 1,
      style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb } } },
    })),
  });
}
