/**
 * Source freshness ("data as of"): when each case source last delivered, and the latest
 * reportedAt it has sent; written in `storeCases`' transaction, read by GET /cases/freshness.
 */
import { type Kysely, sql, type Transaction } from "kysely";
import type { DB } from "../../db/database.ts";
import { type CaseBatch, REPORTED } from "../case-batch.ts";

type Db = Kysely<DB> | Transaction<DB>;

export interface Freshness {
  source: string;
  maxReportedAt: number;
}

/** Per source, the latest reportedAt among the batch's cases in scope, sorted by source. */
export function freshnessOf(batch: CaseBatch, outOfScope: readonly number[]): Freshness[] {
  const skip = new Set(outOfScope);
  const max = new Map<string, number>();
  for (let j = 0; j < batch.size; j++) {
    if (skip.has(j)) continue;
    const source = batch.source[j]!;
    const reported = batch.times[j * 4 + REPORTED]!;
    const m = max.get(source);
    if (m === undefined || reported > m) max.set(source, reported);
  }
  return [...max]
    .map(([source, maxReportedAt]) => ({ source, maxReportedAt }))
    .sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
}

/** Records that these sources delivered now, and the latest reportedAt each has sent. */
export async function touchFreshness(
  trx: Transaction<DB>,
  items: readonly Freshness[],
): Promise<void> {
  if (items.length === 0) return;
  const json = JSON.stringify(
    items.map((f) => ({ s: f.source, m: new Date(f.maxReportedAt).toISOString() })),
  );
  await sql`
    insert into source_freshness (source, last_received_at, max_reported_at)
    select v.s, now(), v.m from json_to_recordset(${json}::json) as v(s text, m timestamptz)
    on conflict (source) do update set
      last_received_at = excluded.last_received_at,
      max_reported_at = greatest(source_freshness.max_reported_at, excluded.max_reported_at)`.execute(
    trx,
  );
}

export interface FreshnessRow {
  source: string;
  lastReceivedAt: Date;
  maxReportedAt: Date | null;
}

/** "Data as of": when each source last delivered, and the latest reportedAt it has sent. */
export async function listFreshness(db: Db): Promise<FreshnessRow[]> {
  return db
    .selectFrom("source_freshness")
    .select(["source", "last_received_at as lastReceivedAt", "max_reported_at as maxReportedAt"])
    .orderBy("source")
    .execute();
}
