import { type Kysely, sql, type Transaction } from "kysely";
import type { DB } from "../../db/database.ts";
import type { CaseKey } from "./write.ts";

type Db = Kysely<DB> | Transaction<DB>;

/** What filing needs to know of each named case (in the order named). */
export interface CaseCheckRow {
  found: boolean;
  /** The case's unit lies in the appealing unit's subtree. */
  inUnit: boolean;
  /** Reported or resolved in the appeal's quarter. */
  inQuarter: boolean;
  /** The approved appeal that already exempts it. */
  exemptAppealId: number | null;
  /** Another appeal, pending, that names it. */
  pendingAppealId: number | null;
}

/** One statement for all the named cases: existence, subtree, quarter, exemption, pending appeal. */
export async function checkCases(
  db: Db,
  unitId: number,
  range: { start: Date; end: Date },
  keys: readonly CaseKey[],
): Promise<CaseCheckRow[]> {
  if (keys.length === 0) return [];
  const values = sql.join(
    keys.map((k, i) => sql`(${i}::int, ${k.source}::text, ${k.externalId}::text)`),
  );
  const { rows } = await sql<{
    i: number;
    found: boolean;
    in_unit: boolean;
    in_quarter: boolean;
    exempt_appeal_id: number | null;
    pending_appeal_id: number | null;
  }>`
    select k.i, c.source is not null as found,
      coalesce(exists (select 1 from org_closure oc
        where oc.ancestor_id = ${unitId}::int and oc.descendant_id = c.org_unit_id), false) as in_unit,
      coalesce((c.reported_at >= ${range.start} and c.reported_at < ${range.end})
        or (c.resolved_at >= ${range.start} and c.resolved_at < ${range.end}), false) as in_quarter,
      c.exempt_appeal_id,
      (select ac.appeal_id from appeal_case ac
        where ac.source = k.source and ac.external_id = k.external_id and ac.pending
        limit 1) as pending_appeal_id
    from (values ${values}) as k(i, source, external_id)
    left join case_record c on c.source = k.source and c.external_id = k.external_id
    order by k.i`.execute(db);
  return rows.map((r) => ({
    found: r.found,
    inUnit: r.in_unit,
    inQuarter: r.in_quarter,
    exemptAppealId: r.exempt_appeal_id === null ? null : Number(r.exempt_appeal_id),
    pendingAppealId: r.pending_appeal_id === null ? null : Number(r.pending_appeal_id),
  }));
}
