import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { writeCsv } from "./csv.ts";
import { EXCEL_MAX_ROWS, excelSerial, type TableCell, type TableSpec } from "./table.ts";
import { writeXlsx } from "./xlsx.ts";

const SPEC: TableSpec = {
  sheetName: "工单",
  columns: [
    { header: "编号", width: 8, kind: "text" },
    { header: "时长", width: 8, kind: "number", numFmt: "0.00" },
    { header: "上报时间", width: 20, kind: "datetime" },
  ],
};

/** `n` rows in chunks of `size`, as the database queries hand them over. */
async function* rows(n: number, size = 2): AsyncGenerator<TableCell[][]> {
  let chunk: TableCell[][] = [];
  for (let i = 1; i <= n; i++) {
    chunk.push([`A-${i}`, i / 2, "2026-07-01 12:00:00"]);
    if (chunk.length === size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}

async function collect(run: (out: PassThrough) => Promise<unknown>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (c: Buffer) => chunks.push(c));
  await run(out);
  return Buffer.concat(chunks);
}

describe("excelSerial", () => {
  it.each([
    ["1970-01-01 00:00:00", 25569],
    ["2026-07-01 12:00:00", 46204.5], // checked in LibreOffice: =DATE(2026,7,1)+0.5
    ["1900-03-01 00:00:00", 61],
    ["2026-07-01T12:00:00", null],
    ["", null],
  ])("%s → %s", (text, serial) => {
    expect(excelSerial(text)).toBe(serial);
  });
});

describe("writeCsv", () => {
  it("writes a BOM, CRLF records, RFC 4180 quoting, +08:00 times and defused formulas", async () => {
    const data: TableCell[][] = [
      ["a,b", 1.5, "2026-07-01 08:30:00"],
      ['say "hi"', null, null],
      ["=1+1", -2, "2026-07-01 08:30:00"],
      ["多行\n文本", 0, null],
    ];
    const bytes = await collect(async (out) => {
      const r = await writeCsv(
        (async function* () {
          yield data.map((d) => [...d]);
        })(),
        SPEC,
        out,
        { encoding: "utf-8" },
      );
      expect(r).toEqual({ rows: 4, sheets: 0 });
      out.end();
    });
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString("utf8")).toBe(
      "编号,时长,上报时间\r\n" +
        '"a,b",1.5,2026-07-01 08:30:00+08:00\r\n' +
        '"say ""hi""",,\r\n' +
        "'=1+1,-2,2026-07-01 08:30:00+08:00\r\n" +
        '"多行\n文本",0,\r\n',
    );
  });

  it("encodes GB18030 without a BOM, and reports progress per chunk", async () => {
    const seen: number[] = [];
    const bytes = await collect(async (out) => {
      await writeCsv(rows(4_500, 2_000), SPEC, out, {
        encoding: "gb18030",
        onProgress: (n) => seen.push(n),
      });
      out.end();
    });
    expect(bytes[0]).not.toBe(0xef);
    const text = iconv.decode(bytes, "gb18030");
    expect(text.startsWith("编号,时长,上报时间\r\n")).toBe(true);
    expect(text.split("\r\n")).toHaveLength(1 + 4_500 + 1);
    expect(seen).toEqual([2_000, 4_000, 4_500]);
  });

  it("stops with an error when the output is closed", async () => {
    const out = new PassThrough();
    out.destroy();
    await expect(writeCsv(rows(10), SPEC, out, { encoding: "utf-8" })).rejects.toThrow(/closed/);
  });
});

describe("writeXlsx", () => {
  it("splits sheets at the row limit and reads back with Excel dates and numbers", async () => {
    const bytes = await collect(async (out) => {
      const r = await writeXlsx(rows(7), SPEC, out, { rowsPerSheet: 3 });
      expect(r).toEqual({ rows: 7, sheets: 3 });
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["工单", "工单 (2)", "工单 (3)"]);
    expect(wb.worksheets.map((w) => w.actualRowCount)).toEqual([4, 4, 2]);
    const ws = wb.getWorksheet("工单 (2)")!;
    expect(ws.getRow(1).values).toEqual([undefined, "编号", "时长", "上报时间"]);
    expect(ws.getCell("A2").value).toBe("A-4");
    expect(ws.getCell("B2").value).toBe(2);
    expect((ws.getCell("C2").value as Date).toISOString()).toBe("2026-07-01T12:00:00.000Z");
    expect(ws.getCell("C2").numFmt).toBe("yyyy-mm-dd hh:mm:ss");
    // Every data row keeps its column's format (cells share one style object per column).
    for (const r of [2, 3, 4]) {
      expect(ws.getCell(`B${r}`).numFmt, `B${r}`).toBe("0.00");
      expect(ws.getCell(`C${r}`).numFmt, `C${r}`).toBe("yyyy-mm-dd hh:mm:ss");
      expect(ws.getCell(`A${r}`).numFmt, `A${r}`).toBeUndefined();
    }
    expect(ws.autoFilter).toBe("A1:C4");
  });

  it("uses Excel's limit by default and writes a header-only sheet for no rows", async () => {
    expect(EXCEL_MAX_ROWS).toBe(1_048_576);
    const bytes = await collect(async (out) => {
      expect(await writeXlsx(rows(0), SPEC, out)).toEqual({ rows: 0, sheets: 1 });
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(wb.worksheets).toHaveLength(1);
    expect(wb.worksheets[0]!.actualRowCount).toBe(1);
  });
});
