/**
 * Fast synthetic load for the indicator benchmark: an org tree written through the app's own
 * writeUnits, then cases, returns and survey responses generated inside the database with
 * INSERT … SELECT generate_series (no rows cross the wire), on PostgreSQL and PGlite alike.
 * Plausible shapes, not the demo data set: every indicator gets numerators and denominators.
 */
import { sql } from "kysely";
import type { Store } from "../../api/db/client.ts";
import { bumpDataVersions, type QuarterKey } from "../../api/indicators/queries/data-version.ts";
import { type UnitWrite, writeUnits } from "../../api/org-tree/queries.ts";
import { type Quarter, quarterEnd, quarterOf, quarterStart } from "../../shapes/periods.ts";

export interface DistrictShape {
  streets: number;
  communitiesPerStreet: number;
}

/**
 * City root `B0` (or none when there is one district), districts `B01`…, streets `B01S001`…,
 * communities `B01S001C01`…. Returns the unit count.
 */
export async function createTree(store: Store, districts: readonly DistrictShape[]) {
  const units: UnitWrite[] = [];
  const city = districts.length > 1;
  if (city) units.push({ code: "B0", name: "基准市", level: "city", urban: true, parentCode: null });
  districts.forEach((d, di) => {
    const dc = `B${String(di + 1).padStart(2, "0")}`;
    units.push({
      code: dc,
      name: `第${di + 1}区`,
      level: "district",
      urban: true,
      parentCode: city ? "B0" : null,
    });
    for (let s = 1; s <= d.streets; s++) {
      const sc = `${dc}S${String(s).padStart(3, "0")}`;
      units.push({ code: sc, name: `第${s}街道`, level: "street", urban: true, parentCode: dc });
      for (let c = 1; c <= d.communitiesPerStreet; c++) {
        units.push({
          code: `${sc}C${String(c).padStart(2, "0")}`,
          name: `第${c}社区`,
          level: "community",
          urban: true,
          parentCode: sc,
        });
      }
    }
  });
  await store.db.transaction().execute((trx) => writeUnits(trx, units, []));
  return units.length;
}

/**
 * `count` cases reported in quarter `q`, spread uniformly over communities and the quarter; about
 * 90% resolved (some after the quarter ends), 80% with a deadline, 95% of appeals responded to.
 * Inserted in chunks of `chunk` rows; `onChunk` is told after each.
 */
export async function generateCases(
  store: Store,
  q: Quarter,
  count: number,
  prefix: string,
  onChunk?: (done: number) => void,
  chunk = 1_000_000,
): Promise<void> {
  const start = quarterStart(q);
  const end = quarterEnd(q);
  for (let from = 1; from <= count; from += chunk) {
    const to = Math.min(count, from + chunk - 1);
    await sql`
      with u as (
        select array_agg(id order by id) as ids, count(*)::int as n
        from org_unit where level = 'community'
      ), r as (
        select g, random() as a, random() as b, random() as c, random() as d, random() as e,
          random() as f, random() as h
        from generate_series(${from}::int, ${to}::int) g
      ), x as (
        select r.*, u.ids[1 + floor(r.a * u.n)::int] as unit,
          ${start}::timestamptz + r.d * (${end}::timestamptz - ${start}::timestamptz) as rep,
          case when r.b < 0.35 then 'event' when r.b < 0.75 then 'appeal' else 'service' end as k
        from r, u
      )
      insert into case_record (source, external_id, org_unit_id, kind, channel, reported_at,
        responded_at, resolved_at, deadline_at, first_pass, complaint, online, callback)
      select 'bench', ${prefix} || '-' || x.g, x.unit, x.k::case_kind,
        (case x.k
          when 'event' then (array['grid_patrol','ai_camera','iot_sensor','hotline'])[1 + floor(x.c * 4)::int]
          when 'appeal' then (array['hotline','app','wechat','petition'])[1 + floor(x.c * 4)::int]
          else (array['window','online'])[1 + floor(x.c * 2)::int]
        end)::case_channel,
        x.rep,
        case when x.k = 'appeal' and x.e < 0.95 then x.rep + x.e * interval '120 minutes' end,
        case when x.f < 0.9 then x.rep + x.f * interval '200 hours' end,
        case when x.h < 0.8 then x.rep + interval '72 hours' end,
        x.h > 0.15, x.e < 0.01, x.k = 'service' and x.c < 0.6,
        (case when x.f < 0.5 then 'satisfied' when x.f < 0.6 then 'basically_satisfied'
          when x.f < 0.7 then 'dissatisfied' end)::callback_verdict
      from x`.execute(store.db);
    onChunk?.(to);
  }
  // Cases are resolved up to 200 hours after being reported: in Q or the quarter after.
  await bumpDataVersions(store.db, [q, quarterOf(quarterEnd(q))]);
}

/** A return from every community for quarters 1..`lastQuarter` of `year`. */
export async function generateReturns(store: Store, year: number, lastQuarter: number) {
  await sql`
    insert into unit_return (org_unit_id, year, quarter, population, budget_allocated_year,
      budget_spent, workers_in_post, positions, participants, items_raised, items_resolved,
      volunteers, platform_active_users, updated_by)
    select u.id, ${year}, q, 3000 + (u.id % 97) * 120, 1000000, 150000 + random() * 150000,
      5 + (u.id % 13), 18, 300 + random() * 2000, 20, 8 + floor(random() * 12), 50 + random() * 400,
      1000 + random() * 4000, 'bench'
    from org_unit u, generate_series(1, ${lastQuarter}::int) q
    where u.level = 'community'`.execute(store.db);
  const keys: QuarterKey[] = [];
  for (let q = 1; q <= 4; q++) keys.push({ year, quarter: q });
  await bumpDataVersions(store.db, keys);
}

/** `perCommunity` satisfaction responses in quarter `q` per community, scored per INDICATORS.md. */
export async function generateResponses(store: Store, q: Quarter, perCommunity: number) {
  const start = quarterStart(q);
  const end = quarterEnd(q);
  await sql`
    insert into survey_response (id, survey_id, survey_version, org_unit_id, submitted_at, mode,
      answers, score, overall)
    select gen_random_uuid(), 'satisfaction', 1, x.id,
      ${start}::timestamptz + x.t * (${end}::timestamptz - ${start}::timestamptz), 'self',
      jsonb_build_object('overall', x.o, 'timeliness', x.ti, 'effectiveness', x.ef,
        'transparency', x.tr, 'attitude', x.at),
      ((x.o + x.ti + x.ef + x.tr + x.at) / 5.0 - 1) / 4 * 100, x.o
    from (
      select u.id, random() as t, 2 + floor(random() * 4)::int as o,
        2 + floor(random() * 4)::int as ti, 2 + floor(random() * 4)::int as ef,
        1 + floor(random() * 5)::int as tr, 3 + floor(random() * 3)::int as at
      from org_unit u, generate_series(1, ${perCommunity}::int) g
      where u.level = 'community'
    ) x`.execute(store.db);
  await bumpDataVersions(store.db, [q]);
}

/** Planner statistics after a bulk load. */
export async function analyze(store: Store) {
  for (const t of ["org_unit", "org_closure", "case_record", "unit_return", "survey_response"]) {
    await sql`analyze ${sql.table(t)}`.execute(store.db);
  }
}
