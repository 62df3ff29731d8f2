/**
 * What the reader needs from a workbook's parts besides the sheet: the sheets and where they
 * are (xl/workbook.xml and its relationships), which cell styles are dates (xl/styles.xml) and
 * the shared strings (xl/sharedStrings.xml). Each part is read as a stream (./xml.ts).
 */
import type { Readable } from "node:stream";
import { attr, readXml } from "./xml.ts";

/** Relationship ids of xl/_rels/workbook.xml.rels to their targets. */
export async function readRels(stream: Readable): Promise<Map<string, string>> {
  const rels = new Map<string, string>();
  await readXml(stream, {
    open(name, a) {
      if (name === "Relationship" && a.Id !== undefined && a.Target !== undefined) {
        rels.set(a.Id, a.Target);
      }
    },
  });
  return rels;
}

export interface WorkbookSheets {
  /** In the workbook's order: each sheet's name and its relationship id. */
  sheets: { name: string; rId: string | undefined }[];
  /** Dates count from 1904-01-01 (old Mac workbooks) instead of 1900. */
  date1904: boolean;
}

/** The sheets of xl/workbook.xml. */
export async function readWorkbook(stream: Readable): Promise<WorkbookSheets> {
  const out: WorkbookSheets = { sheets: [], date1904: false };
  await readXml(stream, {
    open(name, a) {
      if (name === "sheet" && a.name !== undefined) {
        out.sheets.push({ name: a.name, rId: attr(a, "id") });
      } else if (name === "workbookPr") {
        out.date1904 = a.date1904 === "1" || a.date1904 === "true";
      }
    },
  });
  return out;
}

/**
 * Built-in number formats that show a date or time: 14–22 and 45–47 in every locale, 27–36 and
 * 50–58 in the Chinese, Japanese and Korean ones (Excel in Chinese writes `yyyy"年"m"月"d"日"`
 * as 31).
 */
const DATE_FORMAT_IDS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51,
  52, 53, 54, 55, 56, 57, 58,
]);

/**
 * Whether a format code shows a date or time: a day, month, year, hour or second code outside
 * quoted text and `[...]` sections (colours, conditions, locales; `[h]` elapsed hours is still
 * caught by its `mm:ss`). The rule exceljs applies.
 */
export function isDateFormat(code: string): boolean {
  const bare = code.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, "");
  return /[ymdhMsb]/.test(bare);
}

/** Per cell style (the `s` of a cell, an index into cellXfs): whether it is a date format. */
export async function readDateStyles(stream: Readable): Promise<boolean[]> {
  const formats = new Map<number, string>();
  const styles: boolean[] = [];
  let inCellXfs = false;
  await readXml(stream, {
    open(name, a) {
      if (name === "numFmt" && a.numFmtId !== undefined) {
        formats.set(Number(a.numFmtId), a.formatCode ?? "");
      } else if (name === "cellXfs") {
        inCellXfs = true;
      } else if (name === "xf" && inCellXfs) {
        const id = Number(a.numFmtId ?? 0);
        const custom = formats.get(id);
        styles.push(custom !== undefined ? isDateFormat(custom) : DATE_FORMAT_IDS.has(id));
      }
    },
    close(name) {
      if (name === "cellXfs") inCellXfs = false;
    },
  });
  return styles;
}

/**
 * Text as OOXML stores it (ST_Xstring) decoded: `_xHHHH_` stands for the UTF-16 unit HHHH (a
 * control character such as a NUL, or `_x005F_` for a literal underscore), as Excel and
 * exceljs's whole-file loader read it.
 */
export function decodeXstring(s: string): string {
  return s.includes("_x")
    ? s.replace(/_x([0-9A-F]{4})_/g, (_, hex: string) =>
        String.fromCharCode(Number.parseInt(hex, 16)),
      )
    : s;
}

/**
 * Collects the text of a string item (`<si>` here, `<is>` in a cell): its `<t>` elements, of
 * runs too, but not those of phonetic guides (`<rPh>`), which Excel does not show.
 */
export class StringItem {
  private inText = false;
  private inPhonetic = false;
  private parts: string[] = [];

  open(name: string): void {
    if (name === "t" && !this.inPhonetic) this.inText = true;
    else if (name === "rPh") this.inPhonetic = true;
  }
  text(t: string): void {
    if (this.inText) this.parts.push(t);
  }
  close(name: string): void {
    if (name === "t") this.inText = false;
    else if (name === "rPh") this.inPhonetic = false;
  }
  /** The item's text, `_xHHHH_` escapes decoded; starts the next item. */
  take(): string {
    const s = decodeXstring(this.parts.length === 1 ? this.parts[0]! : this.parts.join(""));
    this.parts = [];
    this.inText = this.inPhonetic = false;
    return s;
  }
}

/** The shared strings of xl/sharedStrings.xml, rich text joined into plain text. */
export async function readSharedStrings(stream: Readable): Promise<string[]> {
  const strings: string[] = [];
  const item = new StringItem();
  let inItem = false;
  await readXml(stream, {
    open(name) {
      if (name === "si") inItem = true;
      else if (inItem) item.open(name);
    },
    text(t) {
      if (inItem) item.text(t);
    },
    close(name) {
      if (name === "si") {
        strings.push(item.take());
        inItem = false;
      } else if (inItem) item.close(name);
    },
  });
  return strings;
}
