/**
 * Test support for the export tests (not used by the app): reading workbook cells back, and
 * recalculating a workbook with LibreOffice headless the way an assessor's spreadsheet would.
 */
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import { expect } from "vitest";
import { INDICATOR_CODES } from "../metrics/index.ts";
import {
  DETAIL_COLUMNS as C,
  DIM_COLUMNS,
  detailRow,
  SURVEY_COLUMNS as S,
  SHEETS,
  unitRow,
} from "../reports/xlsx/assessment-formulas.ts";

const run = promisify(execFile);

/** A cell as a plain value: a formula's (cached or recalculated) result, `null` when blank. */
export function cellValue(cell: ExcelJS.Cell): string | number | null {
  const v = cell.value as unknown;
  if (v === null || v === undefined) return null;
  if (typeof v === "object" && v !== null && "formula" in v) {
    // `cell.value` drops a result of 0 (exceljs copies only truthy fields); `cell.result` keeps it.
    const r = cell.result as unknown;
    if (r === undefined || r === null || r === "") return null;
    if (typeof r === "object")
      throw new Error(`formula error at ${cell.address}: ${JSON.stringify(r)}`);
    return r as string | number;
  }
  if (typeof v === "object" && v !== null && "sharedFormula" in v) {
    const r = cell.result as unknown;
    return r === undefined || r === "" ? null : (r as string | number);
  }
  if (v instanceof Date) return v.getTime();
  return v as string | number;
}

/** The formula text of a cell, or `null` for a plain value. */
export function cellFormula(cell: ExcelJS.Cell): string | null {
  const v = cell.value as unknown;
  if (typeof v === "object" && v !== null && "formula" in v) {
    return (v as { formula: string }).formula;
  }
  return null;
}

export async function readWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

/** The LibreOffice binary, or null when it is not installed. */
export async function findSoffice(): Promise<string | null> {
  for (const bin of ["soffice", "libreoffice"]) {
    try {
      await run("which", [bin]);
      return bin;
    } catch {
      // try the next name
    }
  }
  return null;
}

// LibreOffice keeps the cached results of an xlsx unless told to recalculate on load; a
// throwaway profile with OOXMLRecalcMode = 0 ("always") makes it recompute every formula.
const PROFILE = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/**
 * Opens `bytes` in LibreOffice headless, recalculating every formula, saves it as xlsx and
 * returns the saved workbook (whose cached results are LibreOffice's).
 */
export async function recalculate(
  bytes: Uint8Array,
  soffice = "soffice",
): Promise<ExcelJS.Workbook> {
  const dir = await mkdtemp(join(tmpdir(), "recalc-"));
  try {
    const profile = join(dir, "profile");
    await mkdir(join(profile, "user"), { recursive: true });
    await writeFile(join(profile, "user", "registrymodifications.xcu"), PROFILE);
    const input = join(dir, "in", "workbook.xlsx");
    await mkdir(join(dir, "in"));
    await writeFile(input, bytes);
    const out = join(dir, "out");
    await run(
      soffice,
      [
        `-env:UserInstallation=file://${profile}`,
        "--headless",
        "--norestore",
        "--calc",
        "--convert-to",
        "xlsx:Calc MS Excel 2007 XML",
        "--outdir",
        out,
        input,
      ],
      { timeout: 120_000 },
    );
    return readWorkbook(await readFile(join(out, basename(input))));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The parts of GET /indicators' UnitResult the workbook reproduces. */
export interface ApiUnit {
  code: string;
  index: number | null;
  grade: string | null;
  rank: number | null;
  /** Issue 20's total and its parts (compared when the API answers them). */
  assessorScore?: number | null;
  adjustment?: number;
  total?: number | null;
  provisional?: boolean;
  dimensions: Record<string, { score: number | null }>;
  indicators: {
    code: string;
    value: number | null;
    numerator: number | null;
    denominator: number | null;
    score: number | null;
    status: "green" | "amber" | "red" | null;
    target: number;
    floor: number;
  }[];
  survey: {
    n: number;
    score: number | null;
    scoreCi: [number, number] | null;
    satisfactionRate: number | null;
    satisfactionCi: [number, number] | null;
    insufficient: boolean;
  };
}

/** What one unit's rows of the workbook say, read back cell by cell. */
export interface WorkbookUnitFigures {
  code: string;
  indicators: Map<
    string,
    {
      numerator: number | null;
      denominator: number | null;
      value: number | null;
      score: number | null;
      status: string | null;
      target: number | null;
      floor: number | null;
      weight: number | null;
      valueFormula: string | null;
      scoreFormula: string | null;
    }
  >;
  dimensions: (number | null)[];
  index: number | null;
  grade: string | null;
  rank: number | null;
  rankFormula: string | null;
  assessorScore: number | null;
  adjustment: number | null;
  total: number | null;
  provisional: string | null;
  survey: {
    n: number | null;
    mean: number | null;
    ciLow: number | null;
    ciHigh: number | null;
    rate: number | null;
    rateLow: number | null;
    rateHigh: number | null;
    insufficient: string | null;
  };
}

const num = (v: string | number | null) => (typeof v === "number" ? v : null);
const str = (v: string | number | null) => (v === null ? null : String(v));

/** Every unit of an assessor workbook, read from 指标明细, 维度与指数 and 问卷样本. */
export function readUnits(wb: ExcelJS.Workbook): WorkbookUnitFigures[] {
  const detail = wb.getWorksheet(SHEETS.detail)!;
  const dims = wb.getWorksheet(SHEETS.dimensions)!;
  const survey = wb.getWorksheet(SHEETS.survey)!;
  const out: WorkbookUnitFigures[] = [];
  for (let k = 0; ; k++) {
    const row = unitRow(k);
    const code = cellValue(dims.getCell(`${DIM_COLUMNS.code}${row}`));
    if (code === null) break;
    const indicators: WorkbookUnitFigures["indicators"] = new Map();
    INDICATOR_CODES.forEach((ic, i) => {
      const r = detailRow(k, i);
      const at = (col: string) => detail.getCell(`${col}${r}`);
      expect(cellValue(at(C.code))).toBe(code);
      expect(cellValue(at(C.indicator))).toBe(ic);
      indicators.set(ic, {
        numerator: num(cellValue(at(C.numerator))),
        denominator: num(cellValue(at(C.denominator))),
        value: num(cellValue(at(C.value))),
        score: num(cellValue(at(C.score))),
        status: str(cellValue(at(C.status))),
        target: num(cellValue(at(C.target))),
        floor: num(cellValue(at(C.floor))),
        weight: num(cellValue(at(C.weight))),
        valueFormula: cellFormula(at(C.value)),
        scoreFormula: cellFormula(at(C.score)),
      });
    });
    const s = (col: string) => cellValue(survey.getCell(`${col}${row}`));
    out.push({
      code: String(code),
      indicators,
      dimensions: DIM_COLUMNS.dims.map((col) => num(cellValue(dims.getCell(`${col}${row}`)))),
      index: num(cellValue(dims.getCell(`${DIM_COLUMNS.index}${row}`))),
      grade: str(cellValue(dims.getCell(`${DIM_COLUMNS.grade}${row}`))),
      rank: num(cellValue(dims.getCell(`${DIM_COLUMNS.rank}${row}`))),
      rankFormula: cellFormula(dims.getCell(`${DIM_COLUMNS.rank}${row}`)),
      assessorScore: num(cellValue(dims.getCell(`${DIM_COLUMNS.assessorScore}${row}`))),
      adjustment: num(cellValue(dims.getCell(`${DIM_COLUMNS.adjustment}${row}`))),
      total: num(cellValue(dims.getCell(`${DIM_COLUMNS.total}${row}`))),
      provisional: str(cellValue(dims.getCell(`${DIM_COLUMNS.provisional}${row}`))),
      survey: {
        n: num(s(S.n)),
        mean: num(s(S.mean)),
        ciLow: num(s(S.ciLow)),
        ciHigh: num(s(S.ciHigh)),
        rate: num(s(S.rate)),
        rateLow: num(s(S.rateLow)),
        rateHigh: num(s(S.rateHigh)),
        insufficient: str(s(S.insufficient)),
      },
    });
  }
  return out;
}

const STATUS_ZH = { green: "绿", amber: "黄", red: "红" } as const;
const DIMS = ["governance", "service", "resources", "participation"];

function close(actual: number | null, expected: number | null, tol: number, what: string) {
  if (expected === null) {
    expect(actual, `${what}: expected blank`).toBeNull();
    return;
  }
  expect(actual, `${what}: expected ${expected}`).not.toBeNull();
  expect(Math.abs(actual! - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(
    tol,
  );
}

/**
 * Asserts that the workbook's units are the API's, in order, figure for figure within `tol`:
 * numerators, denominators, values, scores, statuses, goalposts, dimension scores, index, grade,
 * rank and the survey sample. Blank cells must be the API's nulls (never 0).
 */
export function expectMatchesApi(
  figures: WorkbookUnitFigures[],
  api: ApiUnit[],
  tol: number,
): void {
  expect(figures.map((f) => f.code)).toEqual(api.map((u) => u.code));
  figures.forEach((f, k) => {
    const u = api[k]!;
    for (const ind of u.indicators) {
      const w = f.indicators.get(ind.code)!;
      const at = `${u.code} ${ind.code}`;
      close(w.numerator, ind.numerator, tol, `${at} numerator`);
      close(w.denominator, ind.denominator, tol, `${at} denominator`);
      close(w.value, ind.value, tol, `${at} value`);
      close(w.score, ind.score, tol, `${at} score`);
      expect(w.status, `${at} status`).toBe(ind.status === null ? null : STATUS_ZH[ind.status]);
      expect(w.target, `${at} target`).toBe(ind.target);
      expect(w.floor, `${at} floor`).toBe(ind.floor);
    }
    DIMS.forEach((d, j) => {
      close(f.dimensions[j]!, u.dimensions[d]!.score, tol, `${u.code} ${d}`);
    });
    close(f.index, u.index, tol, `${u.code} index`);
    expect(f.grade, `${u.code} grade`).toBe(u.grade);
    expect(f.rank, `${u.code} rank`).toBe(u.rank);
    if (u.total !== undefined) {
      close(f.total, u.total, tol, `${u.code} total`);
      close(f.assessorScore, u.assessorScore ?? null, tol, `${u.code} assessor score`);
      close(f.adjustment, u.adjustment ?? 0, tol, `${u.code} adjustment`);
      expect(f.provisional, `${u.code} provisional`).toBe(u.provisional ? "是" : "否");
    }
    close(f.survey.n, u.survey.n, 0, `${u.code} survey n`);
    close(f.survey.mean, u.survey.score, tol, `${u.code} survey mean`);
    close(f.survey.ciLow, u.survey.scoreCi?.[0] ?? null, tol, `${u.code} survey ci low`);
    close(f.survey.ciHigh, u.survey.scoreCi?.[1] ?? null, tol, `${u.code} survey ci high`);
    close(f.survey.rate, u.survey.satisfactionRate, tol, `${u.code} satisfaction rate`);
    close(f.survey.rateLow, u.survey.satisfactionCi?.[0] ?? null, tol, `${u.code} wilson low`);
    close(f.survey.rateHigh, u.survey.satisfactionCi?.[1] ?? null, tol, `${u.code} wilson high`);
    expect(f.survey.insufficient).toBe(u.survey.insufficient ? "是" : "否");
  });
}
