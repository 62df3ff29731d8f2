/** One export's measurements (bench/export.ts). */
export interface Figure {
  rows: number;
  seconds: number;
  bytes: number;
  maxRssMb: number;
}
