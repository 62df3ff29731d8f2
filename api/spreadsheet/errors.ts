/**
 * Why a spreadsheet was not read, as the reading thread reports it (plain errors: the thread
 * does not load the API's error module). read-sheet.ts turns them into the API's errors.
 */

/** A limit was passed (size, compression ratio, rows, columns, cells, memory): 413. */
export class SheetLimitError extends Error {
  override name = "SheetLimitError";
}

/** The file is not a workbook that can be read (not a ZIP, encrypted, broken XML): 422. */
export class UnreadableSheetError extends Error {
  override name = "UnreadableSheetError";
}
