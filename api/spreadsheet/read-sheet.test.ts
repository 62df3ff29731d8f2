import { afterAll, describe, expect, it } from "vitest";
import { xlsxBomb, xlsxOfRows } from "../../test/fixtures/xlsx-bomb.ts";
import { TooLarge } from "../errors.ts";
import { CASE_IMPORT_LIMITS, SMALL_UPLOAD_LIMITS } from "./limits.ts";
import { createSheetReader } from "./read-sheet.ts";
import { UnreadableWorkbook } from "./reader.ts";

// Readings in worker threads: rows come back whole and in order, the limits' refusals arrive as
// the API's errors, threads are reused and freed, and this thread stays free meanwhile.

const rowsXml = (n: number) =>
  Array.from(
    { length: n },
    (_, i) =>
      `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>R${i + 1}</t></is></c><c r="B${i + 1}"><v>${i}</v></c></row>`,
  ).join("");

describe("reading sheets in worker threads", () => {
  const reader = createSheetReader();
  const openXlsxSheet = reader.open;
  const MAX_READINGS = reader.maxReadings;
  afterAll(() => reader.close());

  it("gives every row in order, across batches, with progress", async () => {
    const sheet = await openXlsxSheet({
      source: { bytes: xlsxOfRows("数据", rowsXml(5000)) },
      limits: SMALL_UPLOAD_LIMITS,
    });
    expect(sheet.name).toBe("数据");
    const numbers: number[] = [];
    for await (const row of sheet.rows) {
      numbers.push(row.number);
      expect(row.cells).toEqual([`R${row.number}`, row.number - 1]);
    }
    expect(numbers).toEqual(Array.from({ length: 5000 }, (_, i) => i + 1));
    expect(sheet.progress()).toBe(1);
  });

  it("keeps this thread free while a large sheet is read", async () => {
    const bytes = xlsxOfRows("s", rowsXml(300_000));
    let worst = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      worst = Math.max(worst, now - last);
      last = now;
    }, 10);
    try {
      const sheet = await openXlsxSheet({ source: { bytes }, limits: CASE_IMPORT_LIMITS });
      let n = 0;
      for await (const _ of sheet.rows) n++;
      expect(n).toBe(300_000);
    } finally {
      clearInterval(timer);
    }
    // Parsing 300,000 rows takes seconds of CPU, none of it on this thread: what is left is
    // receiving batches (and, on a shared 2-core machine, waiting for a core).
    expect(worst).toBeLessThan(500);
  });

  it("refuses with the API's errors: too large (413), unreadable (422)", async () => {
    const bomb = xlsxBomb({ sheet: "s", inflatedBytes: 1024 ** 3, fileBytes: 3 * 1024 ** 2 });
    const big = await openXlsxSheet({ source: { bytes: bomb }, limits: SMALL_UPLOAD_LIMITS }).catch(
      (e: unknown) => e,
    );
    expect(big).toBeInstanceOf(TooLarge);
    expect((big as Error).message).toMatch(/疑似压缩炸弹/);
    const junk = await openXlsxSheet({
      source: { bytes: new TextEncoder().encode("not a workbook") },
      limits: SMALL_UPLOAD_LIMITS,
    }).catch((e: unknown) => e);
    expect(junk).toBeInstanceOf(UnreadableWorkbook);
    expect((junk as UnreadableWorkbook).errors).toEqual([
      { path: "file", message: expect.stringContaining("不是有效的 XLSX 文件") },
    ]);
    // A limit passed while reading ends the rows with TooLarge, after the rows before it.
    const long = await openXlsxSheet({
      source: { bytes: xlsxOfRows("s", rowsXml(3000)) },
      limits: { ...SMALL_UPLOAD_LIMITS, maxRows: 2500 },
    });
    let seen = 0;
    const err = await (async () => {
      for await (const _ of long.rows) seen++;
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TooLarge);
    expect((err as Error).message).toContain("超过 2500 行的上限");
    expect(seen).toBeGreaterThanOrEqual(2000);
  });

  it("frees a thread when a reading is closed early, and queues readings beyond the threads", async () => {
    const bytes = xlsxOfRows("s", rowsXml(20_000));
    for (let i = 0; i < MAX_READINGS + 2; i++) {
      const sheet = await openXlsxSheet({
        source: { bytes: new Uint8Array(bytes) },
        limits: SMALL_UPLOAD_LIMITS,
      });
      const first = await sheet.rows.next();
      expect(first.value).toMatchObject({ number: 1 });
      sheet.close();
      expect((await sheet.rows.next()).done).toBe(true);
    }
    const many = await Promise.all(
      Array.from({ length: MAX_READINGS * 2 }, async () => {
        const sheet = await openXlsxSheet({
          source: { bytes: xlsxOfRows("s", rowsXml(3000)) },
          limits: SMALL_UPLOAD_LIMITS,
        });
        let n = 0;
        for await (const _ of sheet.rows) n++;
        return n;
      }),
    );
    expect(many).toEqual(Array.from({ length: MAX_READINGS * 2 }, () => 3000));
  });
});
