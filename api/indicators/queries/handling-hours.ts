import { type Kysely, sql, type Transaction } from "kysely";
import type { DB } from "../../db/database.ts";
import { COUNTED_CASE } from "./case-sums.ts";
import type { QuarterRange } from "./sums.ts";

type Db = Kysely<DB> | Transaction<DB>;

/** Median and 90th percentile of handling hours over a unit's subtree. */
export interface HandlingHoursRow {
  unitId: number;
  median: number;
  p90: number;
}

/**
 * Median and 90th-percentile handling hours (`percentile_cont`, Hyndman–Fan type 7 as
 * metrics' `quantile`) of the service cases resolved in Q, over the subtree of each unit in
 * `unitIds` only: one query, the closure join grouped by ancestor. Units without such cases are
 * absent.
 */
export async function handlingHoursBySubtree(
  db: Db,
  q: QuarterRange,
  unitIds: readonly number[],
): Promise<HandlingHoursRow[]> {
  if (unitIds.length === 0) return [];
  const { rows } = await sql<{ unitId: number; p: number[] | string }>`
    select a.ancestor_id as "unitId",
      percentile_cont(array[0.5, 0.9]::float8[]) within group (order by c.h) as p
    from (
      select org_unit_id, date_part('epoch', resolved_at - reported_at) / 3600 as h
      from case_record
      where kind = 'service' and resolved_at >= ${q.start} and resolved_at < ${q.end}
        and ${COUNTED_CASE}
    ) c
    join org_closure a on a.descendant_id = c.org_unit_id
    where a.ancestor_id in (${sql.join(unitIds.map((id) => sql`${id}::integer`))})
    group by a.ancestor_id`.execute(db);
  return rows.map((r) => {
    const p = parseFloatArray(r.p);
    return { unitId: Number(r.unitId), median: p[0] ?? Number.NaN, p90: p[1] ?? Number.NaN };
  });
}

// float8[] arrives as a JS array from both drivers; the text form is handled for safety.
function parseFloatArray(v: number[] | string): number[] {
  if (Array.isArray(v)) return v.map(Number);
  return v.replace(/[{}]/g, "").split(",").map(Number);
}

/**
 * The handling hours themselves of the same cases as {@link handlingHoursBySubtree} (service
 * cases resolved in Q, not exempt), sorted, by the unit each case is attached to (not by
 * subtree): every unit's in one scan of the quarter, from which the engine merges any subtree's
 * and moves them exactly when cases change (api/indicators/subtree-hours.ts, fresh.ts). The
 * values are PostgreSQL's float8s, sent as their binary form, so that percentiles computed from
 * them equal `percentile_cont`'s. Units without such cases are absent.
 */
export async function sortedHoursByUnit(
  db: Db,
  q: QuarterRange,
): Promise<Map<number, Float64Array>> {
  const { rows } = await sql<{ unitId: number; hs: Uint8Array }>`
    select org_unit_id as "unitId",
      string_agg(float8send(date_part('epoch', resolved_at - reported_at) / 3600), ''::bytea
        order by date_part('epoch', resolved_at - reported_at) / 3600) as hs
    from case_record
    where kind = 'service' and resolved_at >= ${q.start} and resolved_at < ${q.end}
      and ${COUNTED_CASE}
    group by org_unit_id`.execute(db);
  return new Map(rows.map((r) => [Number(r.unitId), float8s(r.hs)]));
}

/** Big-endian float8s (PostgreSQL's binary form) as numbers. */
function float8s(bytes: Uint8Array): Float64Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float64Array(bytes.byteLength / 8);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat64(i * 8, false);
  return out;
}
