/**
 * What the areas that read uploaded workbooks (case import, returns upload, survey import) see
 * of the spreadsheet reader: the `SheetReader` the entries build (Node: `createSheetReader` in
 * read-sheet.ts, with its threads) and pass in as `AppDeps.sheets`, and its errors. Nothing here
 * starts a thread, so the Worker bundle may import it.
 */
import { Invalid } from "../errors.ts";
import type { SheetLimits } from "./limits.ts";
import type { SheetChoice, SheetRow } from "./xlsx-read.ts";

export type { SheetCell, SheetRow } from "./xlsx-read.ts";

/** The file is not a readable workbook: a 422 naming `file`; callers may restate it. */
export class UnreadableWorkbook extends Invalid {
  override name = "UnreadableWorkbook";
  constructor(readonly reason: string) {
    super("无法读取上传的 XLSX 工作簿", [{ path: "file", message: reason }]);
  }
}

export interface OpenedSheet {
  /** The chosen sheet's name; null when the workbook has no such sheet (then no rows). */
  name: string | null;
  /**
   * The rows, in sheet order. Throws TooLarge (413) when a limit is passed while reading and
   * UnreadableWorkbook (422) when the file turns out broken.
   */
  rows: AsyncGenerator<SheetRow>;
  /** Fraction (0–1) of the sheet read so far. */
  progress(): number;
  /** Stops the reading and frees its thread (safe to call twice; the rows then end). */
  close(): void;
}

export interface ReadSheetOptions {
  /** The file on disk, or its bytes (moved to the thread: the caller's buffer is emptied). */
  source: { path: string } | { bytes: Uint8Array };
  sheet?: SheetChoice;
  limits: SheetLimits;
}

/** Reads uploaded XLSX sheets off the request thread, a few at a time (read-sheet.ts). */
export interface SheetReader {
  /** Readings that run at once; more wait their turn. */
  readonly maxReadings: number;
  /**
   * Opens a sheet of an XLSX file. Resolves once the workbook's structure is read and the sheet
   * chosen; rejects with TooLarge or UnreadableWorkbook when the file fails its limits or cannot
   * be read as a workbook. Call `close` on the result when done with the rows.
   */
  open(opts: ReadSheetOptions): Promise<OpenedSheet>;
  /** Starts one reading thread ahead of the first upload. */
  prewarm(): void;
  /** Ends every thread (shutdown, tests); readings still running fail. */
  close(): Promise<void>;
}

/**
 * The reader an area was handed, or a plain error (a 500) where the runtime has none: the Worker
 * entry builds no reading threads, so XLSX uploads are read by a Node process only.
 */
export function needSheets(sheets: SheetReader | undefined): SheetReader {
  if (!sheets) throw new Error("no spreadsheet reader in this runtime (AppDeps.sheets)");
  return sheets;
}
