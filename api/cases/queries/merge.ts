import { sql, type Transaction } from "kysely";
import { SHANGHAI_OFFSET_MS } from "../../../shapes/periods.ts";
import type { CopyIn } from "../../db/client.ts";
import type { DB } from "../../db/database.ts";
import { CASE_FIELDS } from "../contract/fields.ts";
import { CASE_COPY_COLUMNS, KEY_COPY_COLUMNS } from "./copy.ts";

// The staged statements of case ingest (`storeCases` in cases.ts): the batch's keys or rows
// COPYed into temporary tables and compared with case_record in PostgreSQL.

export interface StagedMerge {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Identities stored under a unit outside the scope. */
  outOfScope: [string, string][];
  /** Beijing days that new and changed cases leave or enter. */
  days: number[];
  /**
   * The changed cases' versions as the indicators read them (api/indicators/case-changes.ts):
   * the stored versions replaced and the versions stored, as rows of FACT_COLUMNS + counted.
   */
  before?: unknown[][];
  after?: unknown[][];
}

/** The columns of case_record the indicators read (CaseFacts, in its order). */
const FACT_COLUMNS = [
  "org_unit_id",
  "kind",
  "channel",
  "reported_at",
  "responded_at",
  "resolved_at",
  "deadline_at",
  "first_pass",
  "complaint",
  "online",
  "callback",
] as const;

/** What a case says beyond its identity, as compared in full (the hash is not part of it). */
const CONTENT_COLUMNS = CASE_FIELDS.filter((f) => !(f.type === "text" && f.identity)).map(
  (f) => f.column,
);

/** The batch's identities and hashes (`encodeKeys`) into the temporary table case_keys. */
export async function stageKeys(trx: Transaction<DB>, copyIn: CopyIn, keys: Uint8Array) {
  await sql`create temporary table case_keys (source text, external_id text,
    content_hash bigint, slot int) on commit drop`.execute(trx);
  await copyIn("case_keys", KEY_COPY_COLUMNS, keys);
}

/**
 * The slots of the staged keys whose case is not stored with the same content hash: new,
 * changed, or stored without a hash. One primary-key probe a case (LATERAL: the planner knows
 * nothing of a fresh temporary table and might hash all of case_record instead).
 */
export async function differingSlots(trx: Transaction<DB>): Promise<number[]> {
  const { rows } = await sql<{ slots: number[] | null }>`
    select json_agg(k.slot) as slots
    from case_keys k left join lateral (select c.content_hash from case_record c
      where c.source = k.source and c.external_id = k.external_id limit 1) c on true
    where c.content_hash is distinct from k.content_hash`.execute(trx);
  return rows[0]!.slots ?? [];
}

/** Whole rows (`encodeCases`) into the temporary table case_stage (dropped at commit). */
export async function stage(trx: Transaction<DB>, copyIn: CopyIn, rows: Uint8Array) {
  const all = sql.join(CASE_COPY_COLUMNS.map((c) => sql.ref(c)));
  await sql`create temporary table case_stage on commit drop as
    select ${all} from case_record with no data`.execute(trx);
  await copyIn("case_stage", CASE_COPY_COLUMNS, rows);
}

/**
 * The general path, once the cases to look at are staged (`stage`): one statement that probes
 * case_record once per row (LATERAL, as in `differingSlots`), compares stored and sent rows in
 * PostgreSQL, inserts the new, updates the changed in place (received_at keeps the first
 * delivery; the content hash follows the content) and leaves the identical and the
 * out-of-scope alone; it answers with counts, the out-of-scope identities and the days.
 */
export async function mergeStaged(
  trx: Transaction<DB>,
  scopeUnitId: number | null,
): Promise<StagedMerge> {
  const all = sql.join(CASE_COPY_COLUMNS.map((c) => sql.ref(c)));
  const sent = sql.join(CONTENT_COLUMNS.map((c) => sql.ref(`t.${c}`)));
  const stored = sql.join(CONTENT_COLUMNS.map((c) => sql.ref(`c.${c}`)));
  const assign = sql.join(CONTENT_COLUMNS.map((c) => sql`${sql.ref(c)} = ${sql.ref(`j.${c}`)}`));
  const oldFacts = sql.join(FACT_COLUMNS.map((c) => sql.ref(`c.${c}`)));
  const newFacts = sql.join(FACT_COLUMNS.map((c) => sql.ref(`j.${c}`)));
  const { rows: out } = await sql<{
    inserted: number;
    updated: number;
    unchanged: number;
    outOfScope: [string, string][] | null;
    days: number[] | null;
    before: unknown[][] | null;
    after: unknown[][] | null;
  }>`
    with j as materialized (
      select t.*, c.found is not null as stored,
        c.found is not null and (${sent}) is not distinct from (${stored}) as same,
        (c.found is null or ${scopeUnitId}::int is null or exists (select 1 from org_closure sc
          where sc.ancestor_id = ${scopeUnitId}::int and sc.descendant_id = c.org_unit_id))
          as in_scope,
        c.reported_at as old_reported, c.resolved_at as old_resolved,
        json_build_array(${oldFacts}, c.exempt_appeal_id is null) as old_facts,
        c.found is null or c.exempt_appeal_id is null as counted
      from case_stage t left join lateral (select 1 as found, c.* from case_record c
        where c.source = t.source and c.external_id = t.external_id limit 1) c on true
    ),
    ins as (
      insert into case_record (${all}) select ${all} from j where not stored returning 1
    ),
    upd as (
      update case_record c set ${assign}, content_hash = j.content_hash, updated_at = now()
      from j
      where j.stored and j.in_scope and not j.same
        and c.source = j.source and c.external_id = j.external_id
      returning 1
    ),
    touched as (
      select reported_at as t from j where not same and in_scope
      union all select resolved_at from j where not same and in_scope
      union all select old_reported from j where stored and not same and in_scope
      union all select old_resolved from j where stored and not same and in_scope
    )
    select
      (select count(*) from ins)::int as inserted,
      (select count(*) from upd)::int as updated,
      (select count(*) from j where same and in_scope)::int as unchanged,
      (select json_agg(json_build_array(source, external_id)) from j where not in_scope)
        as "outOfScope",
      -- Days in Beijing time (UTC+8, no DST) since 1970-01-01: a few hundred numbers.
      (select json_agg(d) from (select distinct floor((extract(epoch from t) + ${sql.lit(SHANGHAI_OFFSET_MS / 1000)}) / 86400)::int
        as d from touched where t is not null) x) as days,
      (select json_agg(old_facts) from j where stored and not same and in_scope) as before,
      (select json_agg(json_build_array(${newFacts}, counted)) from j where not same and in_scope)
        as after`.execute(trx);
  const m = out[0]!;
  return {
    inserted: m.inserted,
    updated: m.updated,
    unchanged: m.unchanged,
    outOfScope: m.outOfScope ?? [],
    days: m.days ?? [],
    before: m.before ?? [],
    after: m.after ?? [],
  };
}
