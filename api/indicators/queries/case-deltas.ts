import { type Kysely, sql, type Transaction } from "kysely";
import type { DB } from "../../db/database.ts";
import type { CaseFacts } from "../case-changes.ts";
import { type CaseSumsRow, caseColumns, overSubtrees } from "./case-sums.ts";
import type { QuarterRange } from "./sums.ts";

type Db = Kysely<DB> | Transaction<DB>;

// What a batch of changed cases does to the engine's sums, computed from the cases' before and
// after versions (`CaseFacts`, each weighted −1 or +1) with the very expressions the cold
// queries use (case-sums.ts, handling-hours.ts): patched onto the sums of the state before the
// batch, they give exactly the sums of the state after it (api/indicators/fresh.ts).

/** The changed cases as a relation with case_record's columns, `counted` and the weight `w`. */
function changedCases(f: CaseFacts) {
  // Enums and times go as text[] (PGlite serialises arrays only of the types it knows).
  const t = (xs: readonly (string | null)[], type: string) =>
    sql`${xs}::text[]::${sql.raw(type)}[]`;
  return sql`unnest(${f.unitId}::int[], ${t(f.kind, "case_kind")}, ${t(f.channel, "case_channel")},
      ${t(f.reportedAt, "timestamptz")}, ${t(f.respondedAt, "timestamptz")},
      ${t(f.resolvedAt, "timestamptz")}, ${t(f.deadlineAt, "timestamptz")},
      ${f.firstPass}::boolean[], ${f.complaint}::boolean[], ${f.online}::boolean[],
      ${t(f.callback, "callback_verdict")}, ${f.counted}::boolean[], ${f.w}::int[])
    as x(org_unit_id, kind, channel, reported_at, responded_at, resolved_at, deadline_at,
      first_pass, complaint, online, callback, counted, w)`;
}

/**
 * The change of every unit's subtree case sums for quarter `q`: the leaf sums of the changed
 * cases (weighted) summed over org_closure. Units the change does not reach are absent.
 */
export async function caseSumDeltas(
  db: Db,
  q: QuarterRange,
  slaMinutes: number,
  facts: CaseFacts,
): Promise<CaseSumsRow[]> {
  if (facts.w.length === 0) return [];
  const columns = caseColumns(slaMinutes, true);
  const selects = sql.join(columns.map(([name, expr]) => sql`${expr} as ${sql.id(name)}`));
  const leaf = sql`select c.org_unit_id, ${selects} from (
      select x.*,
        (reported_at >= ${q.start} and reported_at < ${q.end}) as rq,
        (resolved_at >= ${q.start} and resolved_at < ${q.end}) as sq
      from ${changedCases(facts)}
      where counted and ((reported_at >= ${q.start} and reported_at < ${q.end})
        or (resolved_at >= ${q.start} and resolved_at < ${q.end}))
    ) c group by c.org_unit_id`;
  return overSubtrees(db, leaf, columns);
}

/** One changed case's handling hours as the percentiles count them, and its weight. */
export interface HoursChange {
  unitId: number;
  hours: number;
  w: number;
}

/** The changed cases that count in quarter `q`'s handling hours (handling-hours.ts). */
export async function handlingHourChanges(
  db: Db,
  q: QuarterRange,
  facts: CaseFacts,
): Promise<HoursChange[]> {
  if (facts.w.length === 0) return [];
  const { rows } = await sql<{ unitId: number; hours: number; w: number }>`
    select org_unit_id as "unitId", date_part('epoch', resolved_at - reported_at) / 3600 as hours, w
    from ${changedCases(facts)}
    where counted and kind = 'service' and resolved_at >= ${q.start} and resolved_at < ${q.end}`.execute(
    db,
  );
  return rows.map((r) => ({ unitId: Number(r.unitId), hours: Number(r.hours), w: Number(r.w) }));
}
