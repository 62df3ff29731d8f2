import { type Kysely, sql, type Transaction } from "kysely";
import type { AssessmentInput as MetricsAssessment } from "../../metrics/index.ts";
import type { Quarter } from "../../shapes/periods.ts";
import type { DB } from "../db/database.ts";

type Db = Kysely<DB> | Transaction<DB>;

export interface ItemEntry {
  code: string;
  score: number;
  comment: string;
}
export interface AdjustmentEntry {
  code: string;
  points: number;
  reason: string;
}

/** One stored assessment (migration …_create_assessments). */
export interface AssessmentRow {
  orgUnitId: number;
  items: ItemEntry[];
  adjustments: AdjustmentEntry[];
  updatedBy: string;
  updatedAt: Date;
  signedOffBy: string | null;
  signedOffAt: Date | null;
  reopenedBy: string | null;
  reopenedAt: Date | null;
  reopenReason: string | null;
}

// jsonb arrives parsed from pg and PGlite alike.
const json = <T>(v: unknown): T => (typeof v === "string" ? JSON.parse(v) : v) as T;

function select(db: Db, q: Quarter) {
  return db
    .selectFrom("assessment")
    .select([
      "org_unit_id as orgUnitId",
      "items",
      "adjustments",
      "updated_by as updatedBy",
      "updated_at as updatedAt",
      "signed_off_by as signedOffBy",
      "signed_off_at as signedOffAt",
      "reopened_by as reopenedBy",
      "reopened_at as reopenedAt",
      "reopen_reason as reopenReason",
    ])
    .where("year", "=", q.year)
    .where("quarter", "=", q.quarter);
}

function toRow(
  r: Omit<AssessmentRow, "items" | "adjustments"> & { items: unknown; adjustments: unknown },
) {
  return {
    ...r,
    items: json<ItemEntry[]>(r.items),
    adjustments: json<AdjustmentEntry[]>(r.adjustments),
  };
}

/** The assessments of quarter `q` of the given units (all of the quarter when `unitIds` is null). */
export async function listAssessments(
  db: Db,
  q: Quarter,
  unitIds: readonly number[] | null,
): Promise<AssessmentRow[]> {
  if (unitIds !== null && unitIds.length === 0) return [];
  let query = select(db, q);
  if (unitIds !== null) query = query.where("org_unit_id", "in", [...unitIds]);
  return (await query.orderBy("org_unit_id").execute()).map(toRow);
}

/** The assessments of `q` for units in the subtree of `rootId` (the whole tree when null). */
export async function listSubtreeAssessments(
  db: Db,
  q: Quarter,
  rootId: number | null,
): Promise<AssessmentRow[]> {
  let query = select(db, q);
  if (rootId !== null) {
    query = query.where("org_unit_id", "in", (eb) =>
      eb.selectFrom("org_closure").select("descendant_id").where("ancestor_id", "=", rootId),
    );
  }
  return (await query.orderBy("org_unit_id").execute()).map(toRow);
}

/** One unit's assessment of `q`, locked for update when inside a transaction that writes it. */
export async function getAssessment(
  db: Db,
  q: Quarter,
  unitId: number,
  forUpdate = false,
): Promise<AssessmentRow | undefined> {
  let query = select(db, q).where("org_unit_id", "=", unitId);
  if (forUpdate) query = query.forUpdate();
  const r = await query.executeTakeFirst();
  return r ? toRow(r) : undefined;
}

/** Saves (inserts or replaces) the items and adjustments of a unit's assessment of `q`. */
export async function saveAssessment(
  trx: Transaction<DB>,
  q: Quarter,
  unitId: number,
  entry: { items: ItemEntry[]; adjustments: AdjustmentEntry[]; by: string },
): Promise<void> {
  const values = {
    items: JSON.stringify(entry.items),
    adjustments: JSON.stringify(entry.adjustments),
    updated_by: entry.by,
    // The database's clock, not the app's: several app processes stamp one sequence, which the
    // results' cache key (assessmentsKey) relies on.
    updated_at: sql<Date>`clock_timestamp()`,
  };
  await trx
    .insertInto("assessment")
    .values({ org_unit_id: unitId, year: q.year, quarter: q.quarter, ...values })
    .onConflict((oc) => oc.columns(["year", "quarter", "org_unit_id"]).doUpdateSet(values))
    .execute();
}

/** Stamps the sign-off (frozen) or clears it with the reopening's who, when and why. */
export async function setSignOff(
  trx: Transaction<DB>,
  q: Quarter,
  unitId: number,
  change: { signedOffBy: string } | { reopenedBy: string; reason: string },
): Promise<void> {
  const now = sql<Date>`clock_timestamp()`;
  const set =
    "signedOffBy" in change
      ? { signed_off_by: change.signedOffBy, signed_off_at: now, updated_at: now }
      : {
          signed_off_by: null,
          signed_off_at: null,
          reopened_by: change.reopenedBy,
          reopened_at: now,
          reopen_reason: change.reason,
          updated_at: now,
        };
  await trx
    .updateTable("assessment")
    .set(set)
    .where("year", "=", q.year)
    .where("quarter", "=", q.quarter)
    .where("org_unit_id", "=", unitId)
    .execute();
}

/**
 * What the results of quarter `q` depend on in the assessments: how many there are and when the
 * last one changed. Part of the results' cache key (api/indicators/report.ts).
 */
export async function assessmentsKey(db: Db, q: Quarter): Promise<string> {
  const r = await db
    .selectFrom("assessment")
    .select([
      sql<string>`count(*)::text`.as("n"),
      sql<string | null>`max(updated_at)::text`.as("at"),
    ])
    .where("year", "=", q.year)
    .where("quarter", "=", q.quarter)
    .executeTakeFirst();
  return `${r?.n ?? 0}@${r?.at ?? ""}`;
}

/** A stored row as the metrics take it (api/indicators: totals). */
export function toMetricsAssessment(row: AssessmentRow): MetricsAssessment {
  return { items: row.items, adjustments: row.adjustments, signedOff: row.signedOffAt !== null };
}

/** The assessments of quarter `q` of the given units (all when null), by unit id, for the metrics. */
export async function assessmentInputs(
  db: Db,
  q: Quarter,
  unitIds: readonly number[] | null,
): Promise<Map<number, MetricsAssessment>> {
  const rows = await listAssessments(db, q, unitIds);
  return new Map(rows.map((r) => [r.orgUnitId, toMetricsAssessment(r)]));
}
