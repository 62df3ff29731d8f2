/**
 * Filing quarterly returns: replacing the returns of some units for a quarter, with their
 * history, lateness and the data versions the change invalidates, refused once the quarter is
 * closed.
 */
import { type Kysely, sql, type Transaction } from "kysely";
import type { Quarter } from "../../shapes/periods.ts";
import type { DB } from "../db/database.ts";
import { RETURN_FIELDS } from "../db/tables/unit-return.ts";
import { bumpDataVersions, type QuarterKey } from "../indicators/queries/data-version.ts";
import { assertPeriodOpen, isLateReturn } from "../periods/rules.ts";
import { cycleDaysOf } from "../schemes/cycle.ts";
import {
  RETURN_COLUMNS,
  type ReturnRow,
  type ReturnValues,
  sameValues,
  valuesOf,
} from "./values.ts";

/** A return filed again is awaiting review (待审核): the street's last decision no longer holds. */
const CLEARED_REVIEW = {
  review_state: null,
  reviewed_by: null,
  reviewed_at: null,
  review_reason: null,
} as const;

export interface ReturnWrite {
  orgUnitId: number;
  values: ReturnValues;
}

export interface WriteOutcome {
  /** Units whose return was created or changed (a history row each). */
  changed: number[];
  /** Units whose return already had exactly these figures (nothing written). */
  unchanged: number[];
}

/** The quarter and the later quarters of its year: R1 (fund execution) is year-to-date. */
export function quartersAffectedBy(q: Quarter): QuarterKey[] {
  const keys: QuarterKey[] = [];
  for (let n = q.quarter; n <= 4; n++) keys.push({ year: q.year, quarter: n });
  return keys;
}

/**
 * Replaces the returns of the given units for a quarter (PUT semantics: a figure not given is
 * stored as null). A return identical to the stored one writes nothing, no history either.
 * Each change adds a `unit_return_history` row (actor, old figures or null, new figures) and
 * bumps the data version of the quarter and the later quarters of the year; a changed return is
 * marked `late` when written after the due day (the caller says so: api/periods/rules.ts). A
 * changed return loses its review (approved or returned: 待审核 again), and so does one sent back
 * (已退回) that is filed again unchanged. Run in
 * a transaction; writes to the same quarter are serialised by an advisory lock, so two writers
 * never both record "no previous return".
 */
export async function writeReturns(
  trx: Transaction<DB>,
  q: Quarter,
  writes: readonly ReturnWrite[],
  actor: string,
  late = false,
): Promise<WriteOutcome> {
  const outcome: WriteOutcome = { changed: [], unchanged: [] };
  if (writes.length === 0) return outcome;
  await sql`select pg_advisory_xact_lock(369002, ${q.year * 10 + q.quarter}::int)`.execute(trx);
  const old = new Map<number, ReturnValues>();
  const ids = writes.map((w) => w.orgUnitId);
  for (let i = 0; i < ids.length; i += 5000) {
    const rows = await trx
      .selectFrom("unit_return")
      .selectAll()
      .where("year", "=", q.year)
      .where("quarter", "=", q.quarter)
      .where("org_unit_id", "in", ids.slice(i, i + 5000))
      .execute();
    for (const r of rows) old.set(r.org_unit_id, valuesOf(r));
  }
  const changes: ReturnWrite[] = [];
  for (const w of writes) {
    const before = old.get(w.orgUnitId);
    if (before && sameValues(before, w.values)) outcome.unchanged.push(w.orgUnitId);
    else {
      changes.push(w);
      outcome.changed.push(w.orgUnitId);
    }
  }
  // 18 parameters a row: 500 rows stay far below PostgreSQL's 65,535 bind parameters.
  for (let i = 0; i < changes.length; i += 500) {
    const chunk = changes.slice(i, i + 500);
    await trx
      .insertInto("unit_return")
      .values(
        chunk.map((w) => {
          const row: Record<string, unknown> = {
            org_unit_id: w.orgUnitId,
            year: q.year,
            quarter: q.quarter,
            updated_by: actor,
            late,
          };
          for (const f of RETURN_FIELDS) row[RETURN_COLUMNS[f]] = w.values[f];
          return row as unknown as ReturnRow;
        }),
      )
      .onConflict((oc) =>
        oc.columns(["org_unit_id", "year", "quarter"]).doUpdateSet((eb) => {
          const set: Record<string, unknown> = {
            updated_by: eb.ref("excluded.updated_by"),
            updated_at: sql`now()`,
            late: eb.ref("excluded.late"),
            // Changed figures need a new review (待审核).
            ...CLEARED_REVIEW,
          };
          for (const col of Object.values(RETURN_COLUMNS)) set[col] = eb.ref(`excluded.${col}`);
          return set;
        }),
      )
      .execute();
    await trx
      .insertInto("unit_return_history")
      .values(
        chunk.map((w) => {
          const before = old.get(w.orgUnitId);
          return {
            org_unit_id: w.orgUnitId,
            year: q.year,
            quarter: q.quarter,
            changed_by: actor,
            old_values: before ? JSON.stringify(before) : null,
            new_values: JSON.stringify(w.values),
          };
        }),
      )
      .execute();
  }
  // Filed again unchanged after being sent back (已退回): submitted anew, awaiting review.
  for (let i = 0; i < outcome.unchanged.length; i += 5000) {
    await trx
      .updateTable("unit_return")
      .set(CLEARED_REVIEW)
      .where("year", "=", q.year)
      .where("quarter", "=", q.quarter)
      .where("review_state", "=", "returned")
      .where("org_unit_id", "in", outcome.unchanged.slice(i, i + 5000))
      .execute();
  }
  if (changes.length > 0) await bumpDataVersions(trx, quartersAffectedBy(q));
  return outcome;
}

/**
 * Files the returns of `writes` for quarter `q` by `actor` in one transaction: refused (409)
 * when the quarter is closed; marked late (迟报) when filed after its due day (`now`).
 */
export async function fileReturns(
  db: Kysely<DB>,
  q: Quarter,
  writes: readonly ReturnWrite[],
  actor: string,
  now: Date = new Date(),
): Promise<WriteOutcome> {
  return db.transaction().execute(async (trx) => {
    await assertPeriodOpen(trx, q);
    const { returnsDueDay } = await cycleDaysOf(trx, q.year);
    return writeReturns(trx, q, writes, actor, isLateReturn(q, now, returnsDueDay));
  });
}
