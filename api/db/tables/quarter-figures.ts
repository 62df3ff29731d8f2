import type { Generated } from "kysely";

/**
 * Whole-tree figures of a quarter as the indicator engine computed them, shared by every
 * process on the database (Node processes, Workers). A cache: `cache_key` carries the quarter,
 * G3's limit, the org tree's fingerprint and the data versions the figures were computed at.
 */
export interface QuarterFiguresTable {
  cache_key: string;
  period: string;
  sla_minutes: number;
  /** The figures as JSON (api/indicators/figures-store.ts). */
  figures: string;
  computed_at: Generated<Date>;
}
