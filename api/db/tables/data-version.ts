export interface DataVersionTable {
  year: number;
  quarter: number;
  version: number;
  changed_at: Date;
}
