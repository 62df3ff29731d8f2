import { deflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { workbookParts, xlsxBomb, xlsxOfRows, zipOf } from "../../test/fixtures/xlsx-bomb.ts";
import { SheetLimitError, UnreadableSheetError } from "./errors.ts";
import { type SheetLimits, SMALL_UPLOAD_LIMITS } from "./limits.ts";
import { readXlsx, type SheetRow } from "./xlsx-read.ts";
import { bytesSource } from "./zip.ts";

// The reader in this thread (read-sheet.test.ts runs it in its own): what cells read as, which
// sheet is chosen, and each limit refusing a file before or while it is read.

async function readAll(
  bytes: Uint8Array,
  limits: SheetLimits = SMALL_UPLOAD_LIMITS,
  name?: string,
) {
  const sheet = await readXlsx(bytesSource(bytes), name === undefined ? {} : { name }, limits);
  const rows: SheetRow[] = [];
  for await (const r of sheet.rows) rows.push(r);
  return { name: sheet.name, rows };
}

const MiB = 1024 * 1024;

describe("reading an XLSX sheet", () => {
  it("reads what exceljs wrote: text, numbers, dates, truth values, rich text, formulas, errors", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("填写说明").addRow(["说明"]);
    const ws = wb.addWorksheet("数据");
    ws.addRow([
      "甲社区",
      12.5,
      new Date(Date.UTC(2026, 6, 1, 8, 30)),
      true,
      { richText: [{ text: "富" }, { text: "文本" }] },
      { formula: "1+1", result: 2 },
      { formula: "B1*2" },
      { error: "#N/A" },
      { text: "链接", hyperlink: "https://example.org" },
    ]);
    ws.getCell("C1").numFmt = "yyyy-mm-dd hh:mm";
    ws.getCell("B7").value = "第七行";
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const skipped = await readXlsx(bytesSource(bytes), { skip: ["填写说明"] }, SMALL_UPLOAD_LIMITS);
    expect(skipped.name).toBe("数据");
    const { rows } = await readAll(bytes, SMALL_UPLOAD_LIMITS, "数据");
    expect(rows).toEqual([
      {
        number: 1,
        cells: [
          "甲社区",
          12.5,
          new Date(Date.UTC(2026, 6, 1, 8, 30)),
          true,
          "富文本",
          2,
          { formula: "B1*2" },
          { error: "#N/A" },
          "链接",
        ],
      },
      { number: 7, cells: [null, "第七行"] },
    ]);
    expect((await readAll(bytes)).rows).toEqual([{ number: 1, cells: ["说明"] }]);
    expect((await readAll(bytes, SMALL_UPLOAD_LIMITS, "没有")).name).toBeNull();
  });

  it("reads the XML as Excel means it: styles, shared strings, inline strings, prefixes", async () => {
    const part = (name: string, xml: string) => {
      const raw = Buffer.from(xml);
      return { name, data: deflateRawSync(raw), method: 8 as const, declaredSize: raw.length };
    };
    const ns = `xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`;
    const parts = workbookParts("s").map((p) =>
      p.name === "xl/workbook.xml"
        ? part(
            p.name,
            `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr date1904="1"/><sheets><sheet name="s" sheetId="1" r:id="rId1"/></sheets></workbook>`,
          )
        : p,
    );
    parts.push(
      part(
        "xl/styles.xml",
        `<styleSheet><numFmts count="1"><numFmt numFmtId="164" formatCode="&quot;第&quot;0&quot;季度&quot;"/></numFmts><cellStyleXfs><xf numFmtId="14"/></cellStyleXfs><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="31"/><xf numFmtId="164"/></cellXfs></styleSheet>`,
      ),
      part(
        "xl/sharedStrings.xml",
        `<sst><si><t>甲_x0000_社区</t></si><si><r><t>富</t></r><r><t xml:space="preserve">文本 </t></r><rPh><t>ふりがな</t></rPh></si></sst>`,
      ),
      part(
        "xl/worksheets/sheet1.xml",
        `<x:worksheet ${ns}><x:sheetData><x:row r="2"><x:c r="A2" t="s"><x:v>0</x:v></x:c><x:c t="s"><x:v>1</x:v></x:c><x:c s="1"><x:v>0</x:v></x:c><x:c s="2"><x:v>0</x:v></x:c><x:c s="3"><x:v>3</x:v></x:c><x:c s="0"><x:v>0.5</x:v></x:c></x:row>` +
          `<x:row><x:c r="B3" t="inlineStr"><x:is><x:t>行内_x005F_x0041_</x:t></x:is></x:c><x:c t="b"><x:v>0</x:v></x:c><x:c t="str"><x:f>A2&amp;""</x:f><x:v>结果</x:v></x:c><x:c t="e"><x:f>1/0</x:f><x:v>#DIV/0!</x:v></x:c><x:c s="1"><x:f>TODAY()</x:f><x:v>1</x:v></x:c><x:c r="H3" s="1"/></x:row></x:sheetData></x:worksheet>`,
      ),
    );
    const { rows } = await readAll(zipOf(parts));
    const day1904 = Date.UTC(1904, 0, 1);
    expect(rows).toEqual([
      {
        number: 2,
        cells: ["甲\u0000社区", "富文本 ", new Date(day1904), new Date(day1904), 3, 0.5],
      },
      {
        number: 3,
        cells: [
          null,
          "行内_x0041_",
          false,
          "结果",
          { error: "#DIV/0!" },
          new Date(day1904 + 24 * 3600 * 1000),
        ],
      },
    ]);
  });

  it("keeps a character that the inflated chunks split in two", async () => {
    // 20,000 rows of Chinese text: chunks of inflated bytes (16 KiB) end inside characters.
    const rows = Array.from(
      { length: 20_000 },
      (_, i) =>
        `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>第${i}行社区名称</t></is></c></row>`,
    ).join("");
    const read = (await readAll(xlsxOfRows("s", rows))).rows;
    expect(read).toHaveLength(20_000);
    expect(read.filter((r, i) => r.cells[0] !== `第${i}行社区名称`)).toEqual([]);
  });

  it("reads sizes from ZIP64 fields", async () => {
    const bytes = xlsxOfRows("s", `<row r="1"><c r="A1"><v>42</v></c></row>`, { zip64: true });
    expect((await readAll(bytes)).rows).toEqual([{ number: 1, cells: [42] }]);
  });

  it("refuses a bomb by its declared size or ratio before inflating it", async () => {
    const bomb = xlsxBomb({ sheet: "s", inflatedBytes: 1900 * MiB, fileBytes: 9 * MiB });
    expect(bomb.length).toBeGreaterThan(8.5 * MiB);
    const started = performance.now();
    await expect(readAll(bomb)).rejects.toThrow(SheetLimitError);
    await expect(readAll(bomb)).rejects.toThrow(/压缩比异常.*疑似压缩炸弹/);
    // Without the ratio rule, the total size refuses it.
    await expect(readAll(bomb, { ...SMALL_UPLOAD_LIMITS, maxRatio: 10_000 })).rejects.toThrow(
      /解压后共 1\.9 GiB，超过此处 64 MiB 的上限/,
    );
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it("refuses a bomb that lies about its size as soon as it inflates past the lie", async () => {
    const bomb = xlsxBomb({ sheet: "s", inflatedBytes: 1900 * MiB, fileBytes: 9 * MiB, lie: true });
    const started = performance.now();
    await expect(readAll(bomb)).rejects.toThrow(/解压后超过了它声明的大小/);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it("stops at the row, column and cell limits while it reads", async () => {
    const row = (r: number, cols: number) =>
      `<row r="${r}">${Array.from({ length: cols }, (_, c) => `<c r="${String.fromCharCode(65 + (c % 26))}${r}"><v>1</v></c>`).join("")}</row>`;
    const rows = (n: number, cols: number) =>
      Array.from({ length: n }, (_, i) => row(i + 1, cols)).join("");
    const small: SheetLimits = {
      ...SMALL_UPLOAD_LIMITS,
      maxRows: 100,
      maxColumns: 10,
      maxCells: 500,
    };
    expect((await readAll(xlsxOfRows("s", rows(100, 5)), small)).rows).toHaveLength(100);
    await expect(readAll(xlsxOfRows("s", rows(101, 1)), small)).rejects.toThrow(
      /超过 100 行的上限/,
    );
    const wide = `<row r="1"><c r="A1"><v>1</v></c><c r="XFD1"><v>1</v></c></row>`;
    await expect(readAll(xlsxOfRows("s", wide), small)).rejects.toThrow(
      /第 1 行用到第 16384 列，超过 10 列的上限/,
    );
    await expect(readAll(xlsxOfRows("s", rows(60, 9)), small)).rejects.toThrow(
      /超过 500 个单元格的上限/,
    );
    // Rows are given as they are read, before the limit is reached.
    const sheet = await readXlsx(bytesSource(xlsxOfRows("s", rows(101, 1))), {}, small);
    let seen = 0;
    await expect(
      (async () => {
        for await (const _ of sheet.rows) seen++;
      })(),
    ).rejects.toThrow(SheetLimitError);
    expect(seen).toBe(100);
  });

  it("calls a file that is no workbook unreadable", async () => {
    const cases: [Uint8Array, RegExp][] = [
      [new TextEncoder().encode("a,b\n1,2\n"), /不是有效的 XLSX 文件/],
      [zipOf([]), /没有 Excel 工作簿/],
      [xlsxOfRows("s", "<row r='1'><c r='A1'><v>1</v></row>"), /无法解析/],
    ];
    for (const [bytes, message] of cases) {
      const err = await readAll(bytes).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UnreadableSheetError);
      expect((err as Error).message).toMatch(message);
    }
    const encrypted = workbookParts("s");
    encrypted.push({ ...encrypted[2]!, name: "xl/worksheets/sheet1.xml" });
    const zip = zipOf(encrypted);
    // Set the "encrypted" flag of the sheet's directory entry.
    const at = zip.lastIndexOf(Buffer.from("xl/worksheets/sheet1.xml")) - 46;
    zip.writeUInt16LE(zip.readUInt16LE(at + 8) | 1, at + 8);
    await expect(readAll(zip)).rejects.toThrow(/工作簿已加密/);
  });
});
