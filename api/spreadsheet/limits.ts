/**
 * The limits a spreadsheet upload is read under. Each is checked while the file is read: the
 * sizes from the ZIP directory before anything is inflated, the inflated bytes as they come,
 * rows, columns and cells as the sheet's XML is parsed. The first one passed stops the reading.
 */
export interface SheetLimits {
  /** Inflated bytes of the parts read (workbook, styles, shared strings, the sheet). */
  maxBytes: number;
  /**
   * Largest inflated/compressed ratio of a part over 1 MiB. Real sheets compress 5–20 times
   * (measured on exceljs and Excel files); a ZIP bomb, about 1,000 times.
   */
  maxRatio: number;
  /** Row elements of the sheet (blank rows that carry formatting count too). */
  maxRows: number;
  /** Highest column a row may use. */
  maxColumns: number;
  /** Cells in all, counting each row up to its last used column. */
  maxCells: number;
}

/** Parts in the archive: an XLSX has a few dozen. */
export const MAX_ZIP_ENTRIES = 10_000;
/** Parts smaller than this are not held to the ratio (small XML can compress very well). */
export const RATIO_FLOOR_BYTES = 1024 * 1024;
export const DEFAULT_MAX_RATIO = 100;

const MiB = 1024 * 1024;

/**
 * Uploads of a few thousand rows (the quarterly returns, paper survey batches): far above any
 * real file of theirs, far below what stalls a thread or fills memory.
 */
export const SMALL_UPLOAD_LIMITS: SheetLimits = {
  maxBytes: 64 * MiB,
  maxRatio: DEFAULT_MAX_RATIO,
  maxRows: 50_000,
  maxColumns: 100,
  maxCells: 1_000_000,
};

/**
 * Case imports: up to Excel's own 1,048,576 rows of the 14 case columns (and some the import
 * ignores). A million cases is some 550 MiB of sheet XML and shared strings.
 */
export const CASE_IMPORT_LIMITS: SheetLimits = {
  maxBytes: 1024 * MiB,
  maxRatio: DEFAULT_MAX_RATIO,
  maxRows: 1_048_576,
  maxColumns: 256,
  maxCells: 40_000_000,
};

/** "64 MiB", "1.5 GiB": sizes in messages. */
export function formatBytes(n: number): string {
  if (n >= 1024 * MiB) return `${(n / 1024 / MiB).toFixed(1)} GiB`;
  if (n >= MiB) return `${(n / MiB).toFixed(n >= 10 * MiB ? 0 : 1)} MiB`;
  return `${Math.ceil(n / 1024)} KiB`;
}

/** The limits in words, for the OpenAPI descriptions of the uploads. */
export function describeLimits(l: SheetLimits): string {
  const n = (v: number) => v.toLocaleString("en");
  return (
    `An XLSX workbook is read in a worker thread and refused (413) when the parts read inflate to more than ${formatBytes(l.maxBytes)}, ` +
    `a part compresses more than ${l.maxRatio}-fold (a ZIP bomb) or inflates past its declared size, ` +
    `or the sheet has more than ${n(l.maxRows)} rows, ${n(l.maxColumns)} columns or ${n(l.maxCells)} cells.`
  );
}
