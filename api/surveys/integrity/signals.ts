/**
 * Stuffing signals over stored survey responses (issue 22), each one set-based statement that
 * raises flags in `survey_flag` (idempotent: a flag raised once stays as it is, decision and all).
 * A flag only marks a response for an assessor; it stays stored and counts until an assessor
 * confirms (integrity/queries.ts). Days are Beijing days.
 */
import { type Kysely, sql, type Transaction } from "kysely";
import {
  quarterOf,
  shanghaiDate,
  shanghaiDayStart,
  shiftQuarter,
} from "../../../shapes/periods.ts";
import type { DB } from "../../db/database.ts";
import type { SurveyFlagKind } from "../../db/tables/survey.ts";
import { bumpDataVersions, type QuarterKey } from "../../indicators/queries/data-version.ts";

type Db = Kysely<DB> | Transaction<DB>;

/**
 * Repeat client: more than this many self-filled responses for one unit in one day from one
 * client (the salted hash of address and browser). A household shares a phone or a home network,
 * so two or three from one client is ordinary; more than three is beyond a household.
 */
export const REPEAT_PER_DAY = 3;

/**
 * Straight-lining: a response whose rated items (at least STRAIGHT_MIN_ITEMS of the five
 * answered) all carry the same answer. One such response is common (residents who are simply
 * satisfied answer 5 throughout); a source (a clerk's or volunteer's account, or one client)
 * that sends at least STRAIGHT_MIN_COUNT of them in a day, making up at least STRAIGHT_SHARE of
 * everything it sent that day, is entering forms in bulk rather than asking residents.
 */
export const STRAIGHT_MIN_ITEMS = 4;
export const STRAIGHT_MIN_COUNT = 10;
export const STRAIGHT_SHARE = 0.9;

/**
 * Burst: a unit's responses on one day exceed BURST_FACTOR times its usual daily rate (the
 * median of its daily counts over the BURST_BASELINE_DAYS before, quiet days counting as 0; at
 * least 1) and number at least BURST_MIN_COUNT. The floor keeps a small community's busy
 * morning (a poster just went up) from looking like stuffing; the median ignores earlier bursts.
 */
export const BURST_FACTOR = 5;
export const BURST_BASELINE_DAYS = 28;
export const BURST_MIN_COUNT = 20;

export const FLAG_KINDS: readonly SurveyFlagKind[] = ["repeat_client", "straight_line", "burst"];

const DAY_MS = 86_400_000;

/** A response's Beijing day, as SQL. */
const dayOf = (alias: string) =>
  sql`(${sql.ref(`${alias}.submitted_at`)} at time zone 'Asia/Shanghai')::date`;

/** A five-point item of the stored answers, as SQL (anything else is null). */
const item = (name: string) =>
  sql`case when r.answers->>${name} in ('1', '2', '3', '4', '5') then (r.answers->>${name})::int end`;

export interface DetectWindow {
  /** Responses submitted from the Beijing day of `from` up to the end of the Beijing day of `to`. */
  from: Date;
  to: Date;
}

/**
 * Raises every signal's flags on the responses submitted in the window's Beijing days (three
 * statements; a day is always judged whole). New flags bump the data versions of the window's
 * quarters (the findings that list them are cached under those). Returns the new flags by kind.
 */
export async function detectSurveyFlags(
  db: Db,
  w: DetectWindow,
): Promise<Record<SurveyFlagKind, number>> {
  const from = shanghaiDayStart(w.from);
  const to = new Date(shanghaiDayStart(w.to).getTime() + DAY_MS);
  const fromDay = shanghaiDate(from);
  const baseFrom = new Date(from.getTime() - BURST_BASELINE_DAYS * DAY_MS);
  const inWindow = sql`r.submitted_at >= ${from} and r.submitted_at < ${to}`;

  const repeat = await sql`
    insert into survey_flag (response_id, kind)
    select r.id, 'repeat_client' from survey_response r
    join (
      select r.survey_id, r.org_unit_id, r.client_hash, ${dayOf("r")} as d
      from survey_response r
      where r.mode = 'self' and r.client_hash is not null and ${inWindow}
      group by 1, 2, 3, 4
      having count(*) > ${REPEAT_PER_DAY}
    ) g on g.survey_id = r.survey_id and g.org_unit_id = r.org_unit_id
      and g.client_hash = r.client_hash and g.d = ${dayOf("r")}
    where r.mode = 'self' and ${inWindow}
    on conflict do nothing
    returning response_id`.execute(db);

  const straight = await sql`
    with x as (
      select id, survey_id, src, d, num_nonnulls(i1, i2, i3, i4, i5) >= ${STRAIGHT_MIN_ITEMS}
          and least(i1, i2, i3, i4, i5) = greatest(i1, i2, i3, i4, i5) as flat
      from (
        select r.id, r.survey_id, coalesce(r.entered_by, r.client_hash) as src, ${dayOf("r")} as d,
          ${item("overall")} as i1, ${item("timeliness")} as i2, ${item("effectiveness")} as i3,
          ${item("transparency")} as i4, ${item("attitude")} as i5
        from survey_response r
        where ${inWindow} and coalesce(r.entered_by, r.client_hash) is not null
      ) items
    ),
    bulk as (
      select survey_id, src, d from x
      group by survey_id, src, d
      having count(*) filter (where flat) >= ${STRAIGHT_MIN_COUNT}
        and count(*) filter (where flat) >= ${STRAIGHT_SHARE}::float8 * count(*)
    )
    insert into survey_flag (response_id, kind)
    select x.id, 'straight_line' from x
    join bulk b on b.survey_id = x.survey_id and b.src = x.src and b.d = x.d
    where x.flat
    on conflict do nothing
    returning response_id`.execute(db);

  const burst = await sql`
    with daily as (
      select r.survey_id, r.org_unit_id, ${dayOf("r")} as d, count(*) as n
      from survey_response r
      where r.submitted_at >= ${baseFrom} and r.submitted_at < ${to}
      group by 1, 2, 3
    ),
    hit as (
      select c.survey_id, c.org_unit_id, c.d from daily c
      where c.d >= ${fromDay}::date and c.n >= ${BURST_MIN_COUNT}
        and c.n > ${BURST_FACTOR}::float8 * greatest(1, (
          select percentile_cont(0.5) within group (order by coalesce(p.n, 0))
          from generate_series(1, ${BURST_BASELINE_DAYS}::int) g(k)
          left join daily p on p.survey_id = c.survey_id and p.org_unit_id = c.org_unit_id
            and p.d = c.d - g.k
        ))
    )
    insert into survey_flag (response_id, kind)
    select r.id, 'burst' from survey_response r
    join hit h on h.survey_id = r.survey_id and h.org_unit_id = r.org_unit_id and h.d = ${dayOf("r")}
    where ${inWindow}
    on conflict do nothing
    returning response_id`.execute(db);

  // New flags change the data-quality findings (cached under the data versions): retire them.
  if (repeat.rows.length + straight.rows.length + burst.rows.length > 0) {
    const quarters: QuarterKey[] = [];
    const last = quarterOf(new Date(to.getTime() - 1));
    for (let q = quarterOf(from); q.year * 4 + q.quarter <= last.year * 4 + last.quarter; ) {
      quarters.push(q);
      q = shiftQuarter(q, 1);
    }
    await bumpDataVersions(db, quarters);
  }
  return {
    repeat_client: repeat.rows.length,
    straight_line: straight.rows.length,
    burst: burst.rows.length,
  };
}
