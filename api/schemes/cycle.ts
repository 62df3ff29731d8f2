/**
 * The assessment cycle's days (CYCLE.md timeline: `returnsDueDay`, `appealsDueDay`,
 * `rectificationDays`) as the default scheme's version for a quarter's year sets them.
 */
import type { Kysely, Transaction } from "kysely";
import { DEFAULT_CYCLE_FIELDS } from "../../metrics/index.ts";
import type { DB } from "../db/database.ts";
import {
  DEFAULT_SCHEME_ID,
  resolveSchemeVersion,
  type SchemeVersion,
  toSchemeVersion,
} from "./definition.ts";
import { listSchemeVersions } from "./queries.ts";

/** The cycle's days of one year. */
export interface CycleDays {
  returnsDueDay: number;
  appealsDueDay: number;
  rectificationDays: number;
}

/** The days when no scheme version applies to a year (the default scheme's: 10 / 15 / 30). */
export const DEFAULT_CYCLE_DAYS: Readonly<CycleDays> = Object.freeze({
  returnsDueDay: DEFAULT_CYCLE_FIELDS.returnsDueDay,
  appealsDueDay: DEFAULT_CYCLE_FIELDS.appealsDueDay,
  rectificationDays: DEFAULT_CYCLE_FIELDS.rectificationDays,
});

/**
 * Reads the default scheme's versions once (a few rows) and answers the cycle's days of any year:
 * for pages and lists that show several quarters.
 */
export async function cycleDaysResolver(
  db: Kysely<DB> | Transaction<DB>,
): Promise<(year: number) => CycleDays> {
  const versions = (await listSchemeVersions(db, DEFAULT_SCHEME_ID)).map(toSchemeVersion);
  return (year) => {
    const d = resolveSchemeVersion(versions, year)?.definition;
    if (!d) return { ...DEFAULT_CYCLE_DAYS };
    return {
      returnsDueDay: d.returnsDueDay,
      appealsDueDay: d.appealsDueDay,
      rectificationDays: d.rectificationDays,
    };
  };
}

/** The cycle's days of `year` (the default scheme's version valid in that year). */
export async function cycleDaysOf(
  db: Kysely<DB> | Transaction<DB>,
  year: number,
): Promise<CycleDays> {
  return (await cycleDaysResolver(db))(year);
}

/** The default scheme's version valid in `year`, or `null` when none applies. */
export async function defaultSchemeOf(
  db: Kysely<DB> | Transaction<DB>,
  year: number,
): Promise<SchemeVersion | null> {
  const versions = (await listSchemeVersions(db, DEFAULT_SCHEME_ID)).map(toSchemeVersion);
  return resolveSchemeVersion(versions, year);
}
