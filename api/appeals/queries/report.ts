import { type Kysely, sql, type Transaction } from "kysely";
import type { SourceAppeal } from "../../../reports/source.ts";
import type { Quarter } from "../../../shapes/periods.ts";
import type { DB } from "../../db/database.ts";
import { quarterRange } from "../../indicators/engine.ts";

type Db = Kysely<DB> | Transaction<DB>;

// What reports read of appeals (api/reporting/source.ts implements ReportSource with these).

/** Appeals of quarter `q` filed by units in the subtree of `rootId`, in filing order. */
export async function appealsOfQuarter(
  db: Db,
  rootId: number,
  q: Quarter,
): Promise<SourceAppeal[]> {
  const { rows } = await sql<SourceAppeal>`
    select a.id, u.code as "orgUnit", u.name as "orgUnitName",
      (select count(*) from appeal_case ac where ac.appeal_id = a.id)::int as cases,
      a.reason::text as reason, a.status::text as status, a.filed_by as "filedBy",
      a.decided_by as "decidedBy", a.decision_note as "decisionNote"
    from appeal a
    join org_unit u on u.id = a.org_unit_id
    join org_closure oc on oc.descendant_id = a.org_unit_id and oc.ancestor_id = ${rootId}::int
    where a.year = ${q.year} and a.quarter = ${q.quarter}
    order by a.filed_at, a.id`.execute(db);
  return rows.map((r) => ({ ...r, id: Number(r.id), cases: Number(r.cases) }));
}

/**
 * Exempt cases of quarter `q` (reported or resolved in it) in the subtree of each unit of the
 * subtree of `rootId`, by unit code. Driven from the approved appeals' cases (few), not from the
 * quarter's cases.
 */
export async function exemptCaseCounts(
  db: Db,
  rootId: number,
  q: Quarter,
): Promise<Record<string, number>> {
  const r = quarterRange(q);
  const { rows } = await sql<{ code: string; n: number }>`
    select u.code, count(*)::int as n
    from appeal_case ac
    join case_record c on c.source = ac.source and c.external_id = ac.external_id
      and c.exempt_appeal_id = ac.appeal_id
    join org_closure up on up.descendant_id = c.org_unit_id
    join org_closure inside on inside.descendant_id = up.ancestor_id
      and inside.ancestor_id = ${rootId}::int
    join org_unit u on u.id = up.ancestor_id
    where (c.reported_at >= ${r.start} and c.reported_at < ${r.end})
       or (c.resolved_at >= ${r.start} and c.resolved_at < ${r.end})
    group by u.code`.execute(db);
  return Object.fromEntries(rows.map((x) => [x.code, Number(x.n)]));
}
